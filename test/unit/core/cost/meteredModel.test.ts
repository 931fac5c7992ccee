import assert from 'node:assert/strict';
import { ChatSession } from '../../../../src/core/chat/chatSession';
import { meteredModel } from '../../../../src/core/cost/meteredModel';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { API, meterFor } from './costFixtures';

// The remote entry's prices, high enough that the fixture's small token counts add up to cents.
const PRICED = { ...API, maxMonthlyCostUsd: 1, priceUsdPerMillionTokens: { input: 50_000, output: 100_000 } };

/**
 * The client's real path (SafeFetch, the OpenAI SDK, the stream parser) against the loopback
 * fixture, counted under a remote entry: the policy cannot name a loopback URL under model.remote
 * (https and off this machine only), so the entry is handed to the meter directly.
 */
describe('core/cost/meteredModel (the model client against the fixture server)', () => {
  let fixture: FixtureModelServer;
  beforeEach(async () => {
    fixture = await startFixtureModelServer();
  });
  afterEach(() => fixture.close());

  function client(reportUsage: boolean): ModelClient {
    return new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 5000, reportUsage });
  }

  async function turn(model: ReturnType<typeof meteredModel>, session = new ChatSession('system')) {
    return session.send(model, 'hello', new AbortController().signal, () => undefined);
  }

  it('asks for stream_options.include_usage and counts the usage the server reports, not an estimate', async () => {
    const h = meterFor([PRICED]);
    fixture.enqueue({ kind: 'text', chunks: ['a', 'b', 'c'] });
    const outcome = await turn(meteredModel(client(true), h.meter, PRICED));
    assert.deepEqual(outcome, { state: 'done', text: 'abc' });
    const request = fixture.requests.find((r) => r.path === '/v1/chat/completions');
    assert.deepEqual((request?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    // The fixture reports 2 prompt tokens (system + user) and one completion token per chunk.
    const status = h.meter.status(PRICED);
    assert.equal(status.estimated, false);
    assert.equal(Math.round(status.spentUsd * 1e6), 2 * 50_000 + 3 * 100_000);
  });

  it('a server that reports no usage: the reply is estimated from characters, and said so', async () => {
    const h = meterFor([PRICED]);
    fixture.enqueue({ kind: 'text', chunks: ['x'.repeat(400)] });
    await turn(meteredModel(client(false), h.meter, PRICED));
    const status = h.meter.status(PRICED);
    assert.equal(status.estimated, true);
    assert.equal(h.audit.find((e) => e.action === 'model.cost')?.reason, 'reply counted (estimated: the server reported no usage)');
    assert.ok(status.spentUsd >= (100 * 100_000) / 1e6, `400 characters out are about 100 tokens: ${status.spentUsd}`);
  });

  it('at the cap the turn ends with the refusal, and nothing reaches the server', async () => {
    const h = meterFor([PRICED]);
    await h.meter.record(PRICED, { inputTokens: 0, outputTokens: 10, estimated: false }); // $1.00
    fixture.enqueue({ kind: 'text', chunks: ['never'] });
    const outcome = await turn(meteredModel(client(true), h.meter, PRICED));
    assert.equal(outcome.state, 'error');
    assert.match(outcome.state === 'error' ? outcome.failure.message : '', /^Not sent: Example AI has cost \$1\.00 of \$1\.00 this month/);
    assert.equal(fixture.requests.filter((r) => r.path === '/v1/chat/completions').length, 0);
  });

  it('a reply that crosses 80 % warns once; the next turn still goes out', async () => {
    const h = meterFor([PRICED]);
    await h.meter.record(PRICED, { inputTokens: 0, outputTokens: 7, estimated: false }); // $0.70
    fixture.enqueue({ kind: 'text', chunks: ['a'] });
    fixture.enqueue({ kind: 'text', chunks: ['b'] });
    await turn(meteredModel(client(true), h.meter, PRICED)); // +$0.20
    assert.equal(h.warnings.length, 1);
    const second = await turn(meteredModel(client(true), h.meter, PRICED));
    assert.equal(second.state, 'done');
    assert.equal(h.warnings.length, 1);
  });

  it('a server that does not fail on the usage chunk\'s empty choices: tool calls still arrive', async () => {
    const h = meterFor([PRICED]);
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_read', arguments: { path: 'a.txt' } }] });
    const events = [];
    for await (const event of meteredModel(client(true), h.meter, PRICED).streamChat([{ role: 'user', content: 'read' }], new AbortController().signal)) events.push(event.type);
    assert.deepEqual(events, ['toolCalls']);
    assert.equal(h.meter.status(PRICED).estimated, false);
  });
});
