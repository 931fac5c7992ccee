// Shared by the egress proxy tests and bench/egressProxy.bench.ts. NETWORK SAFETY: every server
// listens on 127.0.0.1 and every client connects to 127.0.0.1 only.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface Exchange {
  readonly status: number;
  readonly head: string;
  readonly body: string;
  readonly text: string;
}

/** Sends `text` as is to 127.0.0.1:`port` and reads until the other side closes (5 s at most). */
export function rawExchange(port: number, text: string | Buffer): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseExchange(Buffer.concat(chunks).toString('latin1')));
    });
    socket.write(text);
  });
}

export function parseExchange(text: string): Exchange {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: split < 0 ? '' : Buffer.from(text.slice(split + 4), 'latin1').toString('utf8'), text };
}

/** A CONNECT through the proxy: the socket, and the proxy's answer once its head has arrived. */
export function openTunnel(port: number, authority: string): Promise<{ socket: Socket; answer: Exchange; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const answer = parseExchange(buffered.subarray(0, end + 4).toString('latin1'));
      resolve({ socket, answer, rest: buffered.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  });
}

/** Resolves when `socket` has closed. */
export function closed(socket: Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

export interface TcpServer {
  readonly server: Server;
  readonly port: number;
  /** Sockets accepted so far: a victim must see none. */
  accepted: number;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 that counts the sockets it accepts; `onSocket` decides what each gets. */
export async function tcpServer(onSocket: (socket: Socket) => void): Promise<TcpServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    result.accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result: TcpServer = {
    server,
    port: (server.address() as AddressInfo).port,
    accepted: 0,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
  return result;
}

/** Echoes every byte back. */
export function echoServer(): Promise<TcpServer> {
  return tcpServer((socket) => socket.pipe(socket));
}
