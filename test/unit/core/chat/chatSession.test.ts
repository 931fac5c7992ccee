import assert from 'node:assert/strict';
import { ChatSession } from '../../../../src/core/chat/chatSession';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';

describe('core/chat/chatSession', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    fixture = await startFixtureModelServer();
    client = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 2000 });
  });
  afterEach(() => fixture.close());

  it('streams deltas and keeps the exchange for the next turn, after the system prompt', async () => {
    const session = new ChatSession('SYSTEM');
    fixture.enqueue({ kind: 'text', chunks: ['one', ' two'] });
    const deltas: string[] = [];
    const first = await session.send(client, 'first question', new AbortController().signal, (e) => {
      if (e.type === 'text') deltas.push(e.text);
    });
    assert.deepEqual(first, { state: 'done', text: 'one two' });
    assert.deepEqual(deltas, ['one', ' two']);
    await session.send(client, 'second question', new AbortController().signal, () => undefined);
    const body = fixture.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'SYSTEM' },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'one two' },
      { role: 'user', content: 'second question' },
    ]);
  });

  it('a stopped reply keeps what arrived', async () => {
    const session = new ChatSession('S');
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 30 }, () => 'x'), delayMs: 40 });
    const controller = new AbortController();
    const outcome = await session.send(client, 'q', controller.signal, () => {
      if (!controller.signal.aborted) setTimeout(() => controller.abort(), 100);
    });
    assert.equal(outcome.state, 'stopped');
    assert.ok(outcome.text.length > 0 && outcome.text.length < 30, `kept ${outcome.text.length} chars`);
    assert.deepEqual(session.messages.at(-1), { role: 'assistant', content: outcome.text });
  });

  it('a failed reply is reported and dropped with its question, so a retry starts clean', async () => {
    const session = new ChatSession('S');
    fixture.enqueue({ kind: 'close-mid-stream', chunks: ['half'] });
    const outcome = await session.send(client, 'q', new AbortController().signal, () => undefined);
    assert.equal(outcome.state, 'error');
    assert.ok(outcome.state === 'error' && outcome.failure.kind === 'interrupted');
    assert.equal(session.messages.length, 0);
  });

  it('reset forgets the conversation', async () => {
    const session = new ChatSession('S');
    await session.send(client, 'q', new AbortController().signal, () => undefined);
    assert.equal(session.messages.length, 2);
    session.reset();
    assert.equal(session.messages.length, 0);
  });
});
