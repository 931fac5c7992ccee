// The egress proxy against a direct connection to the same loopback server: throughput of a bulk
// download (plain http through the proxy, and http inside a CONNECT tunnel) and connection set-up
// latency (a new connection per request, to the first byte of a tiny answer). The server and the
// proxy each run in a child process, so neither shares the measuring client's event loop.
// NETWORK SAFETY: every socket is on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { median } from './lib/stats';

const BULK_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const ROUNDS = 3;
const SETUP_SAMPLES = 300;

type Route = 'direct' | 'proxy' | 'tunnel';

const ROUTES: readonly { route: Route; subject: string; airlock: boolean; detail: string }[] = [
  { route: 'direct', subject: 'direct (no proxy)', airlock: false, detail: 'a TCP connection to the server, GET in origin-form' },
  { route: 'proxy', subject: 'airlock egress proxy, plain http', airlock: true, detail: 'GET http://127.0.0.1:PORT/… in absolute-form to the proxy: decided, pinned, forwarded on a new upstream connection' },
  { route: 'tunnel', subject: 'airlock egress proxy, CONNECT', airlock: true, detail: 'CONNECT 127.0.0.1:PORT, then the same GET inside the tunnel (what https traffic does, minus TLS)' },
];

export async function run(): Promise<BenchReport> {
  const server = await startChild(['-e', serverScript()], 'bench server');
  const proxy = await startChild(['--import', 'tsx', path.join(__dirname, 'lib', 'egressProxyProcess.ts'), String(server.port)], 'egress proxy');
  try {
    const throughput = new Map<Route, number[]>(ROUTES.map(({ route }) => [route, []]));
    const setup = new Map<Route, number[]>(ROUTES.map(({ route }) => [route, []]));
    for (const { route } of ROUTES) await fetchOnce(route, '/tiny', server.port, proxy.port);
    for (let round = 0; round < ROUNDS; round++) {
      for (const { route } of ROUTES) {
        const started = performance.now();
        const bytes = await fetchOnce(route, '/bulk', server.port, proxy.port);
        if (bytes.body !== BULK_BYTES) throw new Error(`${route}: expected ${BULK_BYTES} bytes, got ${bytes.body}`);
        throughput.get(route)?.push(BULK_BYTES / 1024 / 1024 / ((performance.now() - started) / 1000));
      }
    }
    for (let sample = 0; sample < SETUP_SAMPLES; sample++) {
      for (const { route } of ROUTES) setup.get(route)?.push((await fetchOnce(route, '/tiny', server.port, proxy.port)).firstByteMs);
    }
    const directRate = median(throughput.get('direct') ?? []);
    const directSetup = median(setup.get('direct') ?? []);
    const rows: BenchRow[] = ROUTES.map(({ route, subject, airlock, detail }) => {
      const rate = median(throughput.get(route) ?? []);
      const firstByte = median(setup.get(route) ?? []);
      return { subject, airlock, detail, values: { rate, rateRatio: rate / directRate, setup: firstByte, setupRatio: firstByte / directSetup } };
    });
    return {
      title: `Egress proxy: ${BULK_BYTES / 1024 / 1024} MiB download and connection set-up, through the proxy vs direct (loopback)`,
      columns: [
        { key: 'rate', label: 'MiB/s', decimals: 0 },
        { key: 'rateRatio', label: 'x direct MiB/s', decimals: 2 },
        { key: 'setup', label: 'set-up p50 ms', decimals: 3 },
        { key: 'setupRatio', label: 'x direct set-up', decimals: 2 },
      ],
      rows,
      notes: [
        `throughput: median of ${ROUNDS} downloads per route (routes interleaved), body read and discarded; set-up: median over ${SETUP_SAMPLES} new connections per route, from connect() to the first byte of a 2-byte answer`,
        '"x direct MiB/s" is the route\'s throughput over the direct one (1.00 = no cost); "x direct set-up" is its set-up time over the direct one',
        'the proxy runs with a policy allowing the server\'s 127.0.0.1:PORT, rate limits raised out of the way and a 1 GiB per-connection byte bound; decide(), the address check and the byte/idle/total bounds are all on the measured path',
      ],
    };
  } finally {
    proxy.child.kill();
    server.child.kill();
  }
}

/** One request on a new connection by `route`; the body length and the time to its first byte. */
function fetchOnce(route: Route, resource: string, serverPort: number, proxyPort: number): Promise<{ body: number; firstByteMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(route === 'direct' ? serverPort : proxyPort, '127.0.0.1');
    const authority = `127.0.0.1:${serverPort}`;
    const get = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`;
    let firstByteMs = Number.NaN;
    let head: Buffer | undefined = Buffer.alloc(0);
    let body = 0;
    let tunnelOpen = route !== 'tunnel';
    const onResponse = (chunk: Buffer): void => {
      // Through a tunnel, the first byte that counts is the server's, not the proxy's 200.
      if (Number.isNaN(firstByteMs) && tunnelOpen) firstByteMs = performance.now() - started;
      if (head === undefined) {
        body += chunk.length;
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!head.subarray(0, 12).toString().startsWith('HTTP/1.1 200')) {
        socket.destroy();
        reject(new Error(`${route}: ${head.subarray(0, Math.min(end, 300)).toString()}`));
        return;
      }
      if (!tunnelOpen) {
        // The proxy's 200 Connection Established: the server's answer follows inside the tunnel.
        tunnelOpen = true;
        const rest = head.subarray(end + 4);
        head = Buffer.alloc(0);
        socket.write(get(resource));
        if (rest.length > 0) onResponse(rest);
        return;
      }
      body += head.length - end - 4;
      head = undefined;
    };
    socket.on('data', onResponse);
    socket.on('error', reject);
    socket.on('close', () => resolve({ body, firstByteMs }));
    socket.once('connect', () => {
      if (route === 'direct') socket.write(get(resource));
      else if (route === 'proxy') socket.write(get(`http://${authority}${resource}`));
      else socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    });
  });
}

function serverScript(): string {
  return `
    const chunk = Buffer.alloc(${CHUNK_BYTES}, 120);
    const server = require('node:http').createServer((request, response) => {
      if (request.url !== '/bulk') { response.writeHead(200, { 'content-length': 2 }); response.end('ok'); return; }
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': ${BULK_BYTES} });
      let left = ${BULK_BYTES / CHUNK_BYTES};
      const pump = () => { while (left > 0) { left--; if (!response.write(chunk)) { response.once('drain', pump); return; } } response.end(); };
      pump();
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
    process.on('disconnect', () => process.exit(0));
  `;
}

async function startChild(args: readonly string[], name: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 30_000);
    child.stdout?.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(data.toString().trim()));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${String(code)})`)));
  });
  return { child, port };
}
