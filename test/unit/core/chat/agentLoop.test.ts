import assert from 'node:assert/strict';
import { z } from 'zod';
import type { AgentTool } from '../../../../src/core/agent/agentTool';
import { ToolRunner } from '../../../../src/core/agent/toolRunner';
import { ApprovalGate } from '../../../../src/core/approval/approvalGate';
import { ChatSession } from '../../../../src/core/chat/chatSession';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { policyPackSchema } from '../../../../src/core/policy/policySchema';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';

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
  const policy = policyPackSchema.parse({ version: 1, name: 't', tools: { 'test.slow': { risk: 'low' } } });
  const gate = new ApprovalGate({ ask: () => Promise.resolve({ verdict: 'deny' }) }, { record: () => undefined }, () => 1000);
  return new ToolRunner({ tools: [tool], policy: () => policy, gate, audit: { record: () => undefined }, workspaceTrusted: () => true });
}

function chatBodies(fixture: FixtureModelServer): { messages: { role: string; content: string | null; tool_call_id?: string }[] }[] {
  return fixture.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body as never);
}

describe('core/chat/chatSession: the agent loop against the fixture model', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    fixture = await startFixtureModelServer();
    client = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 2000 });
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
