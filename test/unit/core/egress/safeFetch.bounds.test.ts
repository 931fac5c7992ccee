import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createSafeFetch, type SafeFetch, type SafeFetchBounds } from '../../../../src/core/egress/safeFetch';
import { memoryAudit, recordingOpener, startServer, stopped, testPolicy, type LoopbackServer, type PolicyShape } from './egressTestKit';

const KIB = 1024;
const MIB = 1024 * KIB;

// Size, time and decompression bounds against a real loopback server that misbehaves on purpose.
describe('core/egress/safeFetch bounds (size, time, decompression)', () => {
  let server: LoopbackServer;
  let serverSawClose: string[];
  const timers = new Set<NodeJS.Timeout>();
  const fetches: SafeFetch[] = [];
  // Built once, in before(): 64 MiB of zeros is ~64 KiB gzipped and a few hundred bytes in brotli.
  let gzipBomb: Buffer;
  let brotliBomb: Buffer;
  const text = 'Airlock decodes this itself. '.repeat(100);

  function drip(response: ServerResponse, everyMs: number, chunk: Buffer | string): void {
    const timer = setInterval(() => {
      if (response.destroyed || response.writableEnded) clearInterval(timer);
      else response.write(chunk);
    }, everyMs);
    timers.add(timer);
    response.on('close', () => clearInterval(timer));
  }

  before(async () => {
    gzipBomb = gzipSync(Buffer.alloc(64 * MIB));
    brotliBomb = brotliCompressSync(Buffer.alloc(64 * MIB), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    serverSawClose = [];
    server = await startServer((request, response) => {
      const path = request.url ?? '/';
      response.on('close', () => {
        if (!response.writableFinished) serverSawClose.push(path);
      });
      switch (path) {
        case '/big-declared': return void response.writeHead(200, { 'content-length': String(2 * MIB) }).end(Buffer.alloc(2 * MIB));
        case '/big-chunked': return void response.writeHead(200).end(Buffer.alloc(2 * MIB));
        case '/endless': response.writeHead(200); return drip(response, 1, Buffer.alloc(64 * KIB));
        case '/slow-drip': response.writeHead(200); return drip(response, 40, 'x');
        case '/silent-body': return void response.writeHead(200).write('first');
        case '/silent-headers': return;
        case '/gzip-bomb': return void response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipBomb);
        case '/br-bomb': return void response.writeHead(200, { 'content-encoding': 'br' }).end(brotliBomb);
        case '/gzip': return void response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(text));
        case '/gzip-gzip': return void response.writeHead(200, { 'content-encoding': 'gzip, gzip' }).end(gzipSync(gzipSync(text)));
        case '/gzip-x3': return void response.writeHead(200, { 'content-encoding': 'gzip, gzip, gzip' }).end(gzipSync(gzipSync(gzipSync(text))));
        case '/deflate': return void response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(text));
        case '/deflate-raw': return void response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(text));
        case '/br': return void response.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text));
        case '/unknown-coding': return void response.writeHead(200, { 'content-encoding': 'zz-unknown' }).end('raw bytes');
        case '/corrupt-gzip': return void response.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('not gzip at all'));
        default: return void response.end('ok');
      }
    });
  });
  after(async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(fetches.map((f) => f.close()));
    await server.close();
  });

  function guarded(limits: PolicyShape['limits'] = {}, bounds: SafeFetchBounds = {}, audit = memoryAudit()): SafeFetch {
    const policy = testPolicy({ allow: [`127.0.0.1:${server.port}`], limits: { maxResponseBytes: 1 * MIB, maxDecompressedBytes: 4 * MIB, ...limits } });
    const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: () => policy, openSocket: recordingOpener().openSocket, env: {}, bounds, audit });
    fetches.push(safeFetch);
    return safeFetch;
  }

  const url = (path: string): string => `${server.origin}${path}`;

  it('refuses a response whose Content-Length is over limits.maxResponseBytes before reading it', async () => {
    const audit = memoryAudit();
    const error = await stopped(guarded({}, {}, audit)(url('/big-declared')));
    assert.equal(error.limit, 'max-response-bytes');
    assert.equal(audit.events.at(-1)?.action, 'egress.limit');
    assert.equal(audit.events.at(-1)?.reason, 'max-response-bytes');
  });

  it('counts an undeclared body while streaming and stops the transfer past the limit', async () => {
    const response = await guarded()(url('/big-chunked'));
    const error = await stopped(response.arrayBuffer());
    assert.equal(error.limit, 'max-response-bytes');
  });

  it('stops a never-ending response at the byte limit and closes the connection', async () => {
    const response = await guarded()(url('/endless'));
    assert.equal((await stopped(response.text())).limit, 'max-response-bytes');
    await waitFor(() => serverSawClose.includes('/endless'));
  });

  it('stops a slow drip at the total deadline (each chunk comes in time, the whole never does)', async () => {
    const started = Date.now();
    const response = await guarded({}, { totalTimeoutMs: 300, bodyIdleTimeoutMs: 5_000 })(url('/slow-drip'));
    const error = await stopped(response.text());
    assert.equal(error.limit, 'deadline');
    assert.ok(Date.now() - started < 2_000, 'stopped near the deadline');
    await waitFor(() => serverSawClose.includes('/slow-drip'));
  });

  it('stops a body that goes silent at the idle timeout', async () => {
    const response = await guarded({}, { bodyIdleTimeoutMs: 200 })(url('/silent-body'));
    assert.equal((await stopped(response.text())).limit, 'body-timeout');
  });

  it('stops a server that never sends headers', async () => {
    assert.equal((await stopped(guarded({}, { headersTimeoutMs: 200 })(url('/silent-headers')))).limit, 'headers-timeout');
  });

  it('uses limits.requestTimeoutSeconds as the deadline when nothing overrides it', async () => {
    const response = await guarded({ requestTimeoutSeconds: 0.3 })(url('/slow-drip'));
    assert.ok(['deadline', 'body-timeout'].includes((await stopped(response.text())).limit));
  });

  for (const bomb of ['/gzip-bomb', '/br-bomb']) {
    it(`stops a decompression bomb (${bomb.slice(1)}: 64 MiB of zeros) at limits.maxDecompressedBytes`, async () => {
      const before = process.memoryUsage().rss;
      const response = await guarded()(url(bomb));
      let seen = 0;
      const error = await (async () => {
        try {
          for await (const chunk of response.body ?? []) seen += (chunk as Uint8Array).length;
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof Error && (error as { limit?: string }).limit === 'max-decompressed-bytes', String(error));
      assert.ok(seen <= 4 * MIB, `no more than the limit reached the reader (${seen})`);
      assert.ok(process.memoryUsage().rss - before < 48 * MIB, 'memory stayed far below the bomb size');
    });
  }

  const decoded: [string, string][] = [['/gzip', 'gzip'], ['/gzip-gzip', 'gzip, gzip'], ['/deflate', 'zlib deflate'], ['/deflate-raw', 'raw deflate'], ['/br', 'brotli']];
  for (const [path, name] of decoded) {
    it(`decodes ${name} itself and drops Content-Encoding`, async () => {
      const response = await guarded()(url(path));
      assert.equal(response.headers.get('content-encoding'), null);
      assert.equal(await response.text(), text);
    });
  }

  it('passes an unknown or over-layered coding on undecoded (the byte limit still applies)', async () => {
    const unknown = await guarded()(url('/unknown-coding'));
    assert.equal(unknown.headers.get('content-encoding'), 'zz-unknown');
    assert.equal(await unknown.text(), 'raw bytes');
    const layered = await guarded()(url('/gzip-x3'));
    assert.equal(layered.headers.get('content-encoding'), 'gzip, gzip, gzip');
    assert.equal(Buffer.from(await layered.arrayBuffer()).subarray(0, 2).toString('hex'), '1f8b');
  });

  it('reports a corrupt compressed body as an error, not as data', async () => {
    const response = await guarded()(url('/corrupt-gzip'));
    await assert.rejects(response.text());
  });

  it('frees the concurrency slot when a limit stops a body', async () => {
    const safeFetch = guarded({ maxConcurrentRequests: 1 });
    await stopped((await safeFetch(url('/big-chunked'))).text());
    assert.equal(await (await safeFetch(url('/ok'))).text(), 'ok');
  });

  it('the caller can abort while the body streams', async () => {
    const controller = new AbortController();
    const response = await guarded()(url('/slow-drip'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(response.text(), (error: Error) => error.name === 'AbortError');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
