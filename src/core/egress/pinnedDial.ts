import { connect, type Socket } from 'node:net';
import { formatTarget, type EgressTarget } from './egressTarget';
import { pinnedConnector, type PinOptions, type SocketOpener } from './pinnedConnector';

export interface PinnedDialOptions extends PinOptions {
  readonly connectTimeoutMs: number;
  /** Test seam: opens the socket to an address already checked (default: plain TCP). */
  readonly openSocket?: (timeoutMs: number) => SocketOpener;
}

/**
 * A plain TCP socket to `target`, through SafeFetch's pinned connector: the host is resolved once,
 * every answer is judged by decideAddress() for the target's scheme and port, and the socket goes
 * to a checked address, so a rebinding DNS server cannot switch it. Rejects with an
 * EgressBlockedError when an answer is refused. No TLS here: the proxy relays the client's own.
 */
export function dialPinned(target: EgressTarget, options: PinnedDialOptions): Promise<Socket> {
  const connector = pinnedConnector({ ...options, openSocket: options.openSocket ?? tcpOpener, connectTimeoutMs: () => options.connectTimeoutMs });
  const hostname = target.host.includes(':') ? `[${target.host}]` : target.host;
  return new Promise((resolve, reject) => {
    connector({ hostname, host: formatTarget(target), protocol: `${target.scheme}:`, port: String(target.port) }, (error, socket) => {
      if (error !== null) reject(error);
      else resolve(socket);
    });
  });
}

function tcpOpener(timeoutMs: number): SocketOpener {
  return (options, callback) => {
    const socket = connect({ host: options.hostname, port: Number(options.port), noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      callback(Object.assign(new Error(`connecting to ${options.hostname}:${options.port} took longer than ${timeoutMs / 1000} s`), { code: 'UND_ERR_CONNECT_TIMEOUT' }), null);
    }, timeoutMs);
    const failed = (error: Error): void => {
      clearTimeout(timer);
      callback(error, null);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', failed);
      callback(null, socket);
    });
  };
}
