import assert from 'node:assert/strict';
import { z } from 'zod';
import type { AgentTool } from '../../../../src/core/agent/agentTool';
import type { ToolRunner } from '../../../../src/core/agent/toolRunner';
import { ChatSession } from '../../../../src/core/chat/chatSession';
import type { ModelClient } from '../../../../src/core/model/modelClient';
import type { FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { echoTool, lowRiskRunner, startFixtureModel } from './chatTestParts';

describe('core/chat/chatSession', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    ({ fixture, client } = await startFixtureModel());
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
});

describe('core/chat/chatSession: the agent loop', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    ({ fixture, client } = await startFixtureModel());
  });
  afterEach(() => fixture.close());


  it('runs the tool the model asks for, feeds the result back as a tool message, and streams the final answer', async () => {
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'test_echo', arguments: { text: 'ping' } }] });
    fixture.enqueue({ kind: 'text', chunks: ['got ', 'it'] });
    const events: string[] = [];
    const outcome = await new ChatSession('S').send(client, 'use the tool', new AbortController().signal, (e) => events.push(e.type === 'toolEnd' ? `toolEnd:${e.outcome.state}` : e.type), lowRiskRunner(echoTool()));
    assert.deepEqual(outcome, { state: 'done', text: 'got it' });
    assert.deepEqual(events, ['toolStart', 'toolEnd:done', 'text', 'text']);
    const first = fixture.requests.find((r) => r.path === '/v1/chat/completions')?.body as { tools?: { function: { name: string } }[] };
    assert.deepEqual(first.tools?.map((t) => t.function.name), ['test_echo']);
    const second = fixture.requests.filter((r) => r.path === '/v1/chat/completions')[1]?.body as { messages: { role: string; content: string | null; tool_call_id?: string }[] };
    const toolMessage = second.messages.find((m) => m.role === 'tool');
    assert.equal(toolMessage?.content, 'echoed ping');
  });

  it('50 tool calls in one reply: 8 run, every other one is answered with why, and the user is told how many were dropped', async () => {
    fixture.enqueue({ kind: 'tool-calls', calls: Array.from({ length: 50 }, (_, i) => ({ name: 'test_echo', arguments: { text: `call${i}` } })) });
    fixture.enqueue({ kind: 'text', chunks: ['ok'] });
    let ran = 0;
    const outcome = await new ChatSession('S').send(client, 'flood', new AbortController().signal, (e) => { if (e.type === 'toolEnd') ran++; }, lowRiskRunner(echoTool()));
    assert.equal(ran, 8);
    assert.match(outcome.text, /42 more tool calls were not run: at most 8 per reply/);
    const second = fixture.requests.filter((r) => r.path === '/v1/chat/completions')[1]?.body as { messages: { role: string; content: string | null; tool_call_id?: string }[] };
    const answers = second.messages.filter((m) => m.role === 'tool');
    assert.equal(answers.length, 50, 'every call the model made has an answer');
    assert.equal(answers.filter((m) => /^Error: not run: at most 8 tool calls per reply/.test(m.content ?? '')).length, 42);
  });

  it('bounds a model that calls tools forever', async () => {
    for (let i = 0; i < 10; i++) fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'test_echo', arguments: { text: `loop${i}` } }] });
    const outcome = await new ChatSession('S').send(client, 'loop', new AbortController().signal, () => undefined, lowRiskRunner(echoTool()));
    assert.equal(outcome.state, 'done');
    assert.match(outcome.text, /Stopped after 8 model calls/);
    assert.equal(fixture.requests.filter((r) => r.path === '/v1/chat/completions').length, 8);
  });
});

/** A tool that runs until it is cancelled, and says when it started. */
function slowRunner(onStart: () => void): ToolRunner {
  const tool: AgentTool<{ text: string }> = {
    id: 'test.slow',
    description: 'slow',
    parameters: z.strictObject({ text: z.string() }),
    alwaysAsk: false,
    plan: (args) => Promise.resolve({ target: args.text, summary: `slow ${args.text}`, detail: '' }),
    run: (_args, signal) => new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve({ ok: false, error: 'cancelled' }), { once: true });
      onStart();
    }),
  };
  return lowRiskRunner(tool);
}

function chatBodies(fixture: FixtureModelServer): { messages: { role: string; content: string | null; tool_call_id?: string }[] }[] {
  return fixture.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body as never);
}

describe('core/chat/chatSession: malformed calls and cancellation mid-tool', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    ({ fixture, client } = await startFixtureModel());
  });
  afterEach(() => fixture.close());

  const malformed: [string, { name: string; arguments: string }, RegExp][] = [
    ['arguments that are not JSON', { name: 'test_slow', arguments: '{"text": ' }, /not valid JSON/],
    ['arguments of the wrong shape', { name: 'test_slow', arguments: '{"text": 42}' }, /Invalid arguments/],
    ['a tool that does not exist', { name: 'shell_run', arguments: '{}' }, /not available/],
    ['a prototype name as the tool', { name: '__proto__', arguments: '{}' }, /not available/],
  ];
  for (const [attack, call, answer] of malformed) {
    it(`a malformed call goes back to the model as a tool error: ${attack}`, async () => {
      fixture.enqueue({ kind: 'tool-calls', calls: [call] });
      fixture.enqueue({ kind: 'text', chunks: ['ok'] });
      const outcome = await new ChatSession('S').send(client, 'q', new AbortController().signal, () => undefined, slowRunner(() => undefined));
      assert.equal(outcome.state, 'done');
      const tool = chatBodies(fixture).at(-1)?.messages.find((message) => message.role === 'tool');
      assert.match(String(tool?.content), answer);
    });
  }

  it('cancelled mid-tool: the turn stops, the call is answered, and the next request is a valid conversation', async () => {
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'test_slow', arguments: { text: 'a' } }] });
    const controller = new AbortController();
    const session = new ChatSession('S');
    const outcome = await session.send(client, 'q', controller.signal, () => undefined, slowRunner(() => controller.abort()));
    assert.equal(outcome.state, 'stopped');
    assert.equal(chatBodies(fixture).length, 1, 'nothing more was asked of the model after the stop');
    await session.send(client, 'next', new AbortController().signal, () => undefined);
    const roles = chatBodies(fixture).at(-1)?.messages.map((message) => message.role);
    assert.deepEqual(roles, ['system', 'user', 'assistant', 'tool', 'assistant', 'user'], 'every tool call is answered before the next question');
  });
});
