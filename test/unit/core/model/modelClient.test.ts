import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { ModelFailureError, type ModelFailure } from '../../../../src/core/model/modelFailure';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';

async function collect(client: ModelClient, signal = new AbortController().signal): Promise<string> {
  let text = '';
  for await (const event of client.streamChat([{ role: 'user', content: 'hi' }], signal)) if (event.type === 'text') text += event.text;
  return text;
}

async function failureOf(promise: Promise<unknown>): Promise<ModelFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ModelFailureError, `expected ModelFailureError, got ${String(error)}`);
  return error.failure;
}

async function closedLoopbackPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('core/model/modelClient (against the fixture model server)', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    fixture = await startFixtureModelServer();
    client = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 1500 });
  });
  afterEach(() => fixture.close());

  it('probe lists the models and finds the configured one', async () => {
    const probe = await client.probe();
    assert.deepEqual(probe, { reachable: true, models: ['fixture-model', 'fixture-model-mini'], modelListed: true });
  });

  it('probe says when the configured model is missing', async () => {
    const other = new ModelClient({ baseUrl: fixture.baseUrl, model: 'llama3', apiKey: undefined });
    const probe = await other.probe();
    assert.ok(probe.reachable);
    assert.equal(probe.modelListed, false);
  });

  it('streams a scripted reply in order and sends the conversation with stream: true', async () => {
    fixture.enqueue({ kind: 'text', chunks: ['Hel', 'lo ', '**world**'] });
    assert.equal(await collect(client), 'Hello **world**');
    const request = fixture.requests.find((r) => r.path === '/v1/chat/completions');
    assert.ok(request);
    assert.deepEqual(request.body, { model: 'fixture-model', messages: [{ role: 'user', content: 'hi' }], stream: true });
  });

  it('sends the stored API key as a bearer token', async () => {
    const keyed = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: 'sk-local-test' });
    await collect(keyed);
    assert.equal(fixture.requests.at(-1)?.headers.authorization, 'Bearer sk-local-test');
  });

  const failures: { name: string; script: Parameters<FixtureModelServer['enqueue']>[0]; kind: ModelFailure['kind']; says: RegExp }[] = [
    { name: 'garbage instead of SSE JSON', script: { kind: 'garbage' }, kind: 'malformed', says: /not OpenAI-compatible/ },
    { name: 'connection closed mid-stream', script: { kind: 'close-mid-stream', chunks: ['partial'] }, kind: 'interrupted', says: /closed the connection/ },
    { name: 'server that never answers', script: { kind: 'hang' }, kind: 'timeout', says: /did not answer within 1\.5 s/ },
    { name: 'model not found', script: { kind: 'http-error', status: 404, body: { error: { message: 'model not found' } } }, kind: 'http', says: /HTTP 404/ },
    { name: 'server error', script: { kind: 'http-error', status: 500, body: { error: { message: 'boom' } } }, kind: 'http', says: /HTTP 500/ },
  ];
  for (const row of failures) {
    it(`reports ${row.name} as ${row.kind}`, async () => {
      fixture.enqueue(row.script);
      const failure = await failureOf(collect(client));
      assert.equal(failure.kind, row.kind, failure.message);
      assert.match(failure.message, row.says);
    });
  }

  it('a reply that starts and then goes silent fails on the idle bound, not the first-token one, and says so', async () => {
    const idle = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 1500, streamIdleTimeoutMs: 300 });
    fixture.enqueue({ kind: 'text', chunks: ['first ', 'second'], delayMs: 1000 });
    const failure = await failureOf(collect(idle));
    assert.equal(failure.kind, 'timeout', failure.message);
    assert.match(failure.message, /stopped sending in the middle of the reply \(nothing for 0\.3 s\)/);
    assert.match(failure.hint ?? '', /retry/i);
  });

  it('reports a closed port as unreachable with how to start a server', async () => {
    const down = new ModelClient({ baseUrl: `http://127.0.0.1:${await closedLoopbackPort()}/v1`, model: 'm', apiKey: undefined });
    const failure = await failureOf(collect(down));
    assert.equal(failure.kind, 'unreachable');
    assert.match(failure.hint ?? '', /ollama serve/);
    const probe = await down.probe();
    assert.ok(!probe.reachable);
    assert.equal(probe.failure.kind, 'unreachable');
  });

  it('stops when the caller aborts, as aborted rather than as an error', async () => {
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 40 }, (_, i) => `c${i} `), delayMs: 50 });
    const controller = new AbortController();
    let text = '';
    const failure = await failureOf((async () => {
      for await (const event of client.streamChat([{ role: 'user', content: 'hi' }], controller.signal)) {
        if (event.type === 'text') text += event.text;
        if (text.length > 6) controller.abort();
      }
    })());
    assert.equal(failure.kind, 'aborted');
    assert.ok(text.length < 40 * 3, 'the stream stopped early');
  });

  it('refuses a non-loopback endpoint without contacting it', async () => {
    const remote = new ModelClient({ baseUrl: 'https://api.openai.com/v1', model: 'gpt', apiKey: 'sk-should-never-leave' });
    const probe = await remote.probe();
    assert.ok(!probe.reachable);
    assert.equal(probe.failure.kind, 'refused');
    assert.match(probe.failure.message, /not a loopback address/);
  });
});

describe('core/model/modelClient follows no redirects (real loopback servers)', () => {
  let redirector: Server;
  let victim: Server;
  let victimHits: { method: string; body: string }[];
  let baseUrl: string;

  before(async () => {
    victimHits = [];
    victim = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        victimHits.push({ method: request.method ?? '', body });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => victim.listen(0, '127.0.0.1', resolve));
    const victimPort = (victim.address() as AddressInfo).port;
    redirector = createServer((request, response) => {
      request.resume();
      const status = request.url?.includes('/models') ? 302 : 307;
      response.writeHead(status, { location: `http://127.0.0.1:${victimPort}${request.url ?? '/'}` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/v1`;
  });
  after(async () => {
    await Promise.all([redirector, victim].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  const rows: { attack: string; run: (client: ModelClient) => Promise<ModelFailure> }[] = [
    { attack: 'a 307 that would re-send the whole chat body to another loopback port', run: (client) => failureOf(collect(client)) },
    {
      attack: 'a 302 on the model list (probe)',
      run: async (client) => {
        const probe = await client.probe();
        assert.ok(!probe.reachable);
        return probe.failure;
      },
    },
  ];
  for (const row of rows) {
    it(`refuses ${row.attack}, and nothing reaches the other port`, async () => {
      const client = new ModelClient({ baseUrl, model: 'fixture-model', apiKey: 'sk-local-test' }, { requestTimeoutMs: 1500 });
      const failure = await row.run(client);
      assert.equal(failure.kind, 'refused', failure.message);
      assert.match(failure.message, /redirect/);
      assert.match(failure.hint ?? '', /redirect/);
      assert.deepEqual(victimHits, []);
    });
  }
});
