import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EgressBlockedError } from '../../../../src/core/egress/egressBlockedError';
import { pinAddresses } from '../../../../src/core/egress/pinnedConnector';
import { loopbackOnlyPolicy } from '../../../../src/core/egress/loopbackPolicy';
import { createSafeFetch } from '../../../../src/core/egress/safeFetch';

interface Loopback {
  server: Server;
  port: number;
  hits: string[];
}

async function startServer(handler: (path: string, respond: (status: number, headers: Record<string, string>, body: string) => void) => void): Promise<Loopback> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    handler(request.url ?? '', (status, headers, body) => response.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

async function rejection(promise: Promise<unknown>): Promise<EgressBlockedError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof EgressBlockedError, `expected EgressBlockedError, got ${String(error)}`);
  assert.equal(error.code, 'EGRESS_DENIED');
  return error;
}

// The model tool under the fallback (loopback-only) policy; the web-tool firewall is in safeFetch.web.test.ts.
describe('core/egress/safeFetch (real loopback server)', () => {
  let target: Loopback;
  before(async () => {
    target = await startServer((path, respond) => {
      if (path === '/redirect') respond(302, { location: 'http://169.254.169.254/latest/meta-data?token=secret' }, '');
      else respond(200, { 'content-type': 'text/plain' }, `ok ${path}`);
    });
  });
  after(() => target.server.close());

  it('fetches from a loopback literal', async () => {
    const safeFetch = createSafeFetch({ policy: loopbackOnlyPolicy, tool: 'model' });
    const response = await safeFetch(`http://127.0.0.1:${target.port}/hello`);
    assert.equal(await response.text(), 'ok /hello');
  });

  it('fetches from localhost after checking what it resolves to', async () => {
    const asked: string[] = [];
    const safeFetch = createSafeFetch({ policy: loopbackOnlyPolicy, tool: 'model', resolve: (host) => { asked.push(host); return Promise.resolve(['127.0.0.1']); } });
    const response = await safeFetch(`http://localhost:${target.port}/named`);
    assert.equal(await response.text(), 'ok /named');
    assert.deepEqual(asked, ['localhost']);
  });

  it('refuses a remote host before any lookup or connection', async () => {
    let lookups = 0;
    const safeFetch = createSafeFetch({ policy: loopbackOnlyPolicy, tool: 'model', resolve: () => { lookups++; return Promise.resolve(['127.0.0.1']); } });
    const error = await rejection(safeFetch('https://api.openai.com/v1/models'));
    assert.equal(error.reason, 'model-endpoint-not-listed');
    assert.equal(error.tool, 'model');
    assert.equal(lookups, 0);
  });

  it('blocks DNS rebinding: a localhost name answering a non-loopback address is never connected', async () => {
    const safeFetch = createSafeFetch({ policy: loopbackOnlyPolicy, tool: 'model', resolve: () => Promise.resolve(['127.0.0.1', '0.0.0.0']) });
    const before = target.hits.length;
    const error = await rejection(safeFetch(`http://localhost:${target.port}/x`));
    assert.equal(error.reason, 'address-not-loopback');
    assert.equal(target.hits.length, before, 'nothing reached the server');
  });

  it('reports a name that does not resolve as a block with the reason', async () => {
    const safeFetch = createSafeFetch({ policy: loopbackOnlyPolicy, tool: 'model', resolve: () => Promise.reject(new Error('ENOTFOUND')) });
    const error = await rejection(safeFetch(`http://localhost:${target.port}/`));
    assert.equal(error.reason, 'unresolvable-host');
  });

  it('follows a redirect only after deciding the next hop: one to metadata is refused, and named by origin and path only', async () => {
    const safeFetch = createSafeFetch({ policy: loopbackOnlyPolicy, tool: 'model' });
    const error = await rejection(safeFetch(`http://127.0.0.1:${target.port}/redirect`));
    assert.equal(error.reason, 'model-endpoint-not-listed');
    assert.match(error.message, /169\.254\.169\.254\/latest\/meta-data/);
    assert.doesNotMatch(error.message, /secret/);
  });

  it('pinAddresses checks every answer and keeps them in order', async () => {
    const options = { policy: loopbackOnlyPolicy, tool: 'model' };
    assert.deepEqual(await pinAddresses({ scheme: 'http', host: 'localhost', port: 11434 }, { ...options, resolve: () => Promise.resolve(['127.0.0.2', '::1']) }), ['127.0.0.2', '::1']);
    await rejection(pinAddresses({ scheme: 'http', host: 'localhost', port: 11434 }, { ...options, resolve: () => Promise.resolve(['::1', '93.184.216.34']) }));
    await rejection(pinAddresses({ scheme: 'http', host: 'localhost', port: 11434 }, { ...options, resolve: () => Promise.resolve([]) }));
    await rejection(pinAddresses({ scheme: 'http', host: '10.1.2.3', port: 11434 }, { ...options, resolve: () => Promise.reject(new Error('a literal is never resolved')) }));
  });
});
