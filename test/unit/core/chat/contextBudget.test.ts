import assert from 'node:assert/strict';
import { z } from 'zod';
import type { AgentTool } from '../../../../src/core/agent/agentTool';
import type { ToolRunner } from '../../../../src/core/agent/toolRunner';
import { ChatSession, type TurnEvent } from '../../../../src/core/chat/chatSession';
import { estimateTokens, fitToContext, TRIMMED_NOTE } from '../../../../src/core/chat/contextBudget';
import type { ChatMessage } from '../../../../src/core/messages/chatMessage';
import type { ModelClient } from '../../../../src/core/model/modelClient';
import type { FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { lowRiskRunner, startFixtureModel } from './chatTestParts';

const big = (tag: string): string => `${tag} ${'x'.repeat(4000)}`;

function conversation(): ChatMessage[] {
  return [
    { role: 'system', content: big('SYSTEM') },
    { role: 'user', content: big('old-question') },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'fs_read', arguments: '{}' }] },
    { role: 'tool', toolCallId: 'c1', content: big('old-tool-output') },
    { role: 'assistant', content: big('old-answer') },
    { role: 'user', content: '' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c2', name: 'fs_read', arguments: '{}' }] },
    { role: 'tool', toolCallId: 'c2', content: big('new-tool-output') },
  ];
}

function withLastUser(text: string): ChatMessage[] {
  const messages = conversation();
  messages[5] = { role: 'user', content: text };
  return messages;
}

describe('core/chat/contextBudget', () => {
  it('leaves a request that fits alone', () => {
    const request = withLastUser('hi');
    const { messages, use } = fitToContext(request, 100_000);
    assert.deepEqual(messages, request);
    assert.equal(use.trimmed, 0);
    assert.equal(use.used, estimateTokens(request));
  });

  const rows: { case: string; limit: number; cut: string[]; kept: string[] }[] = [
    { case: 'a little over: the oldest tool output goes first', limit: 7_500, cut: ['old-tool-output'], kept: ['SYSTEM', 'new-tool-output', 'old-answer', 'old-question', 'LAST'] },
    { case: 'more over: every tool output goes before any other message', limit: 6_000, cut: ['old-tool-output', 'new-tool-output'], kept: ['SYSTEM', 'old-question', 'old-answer', 'LAST'] },
    { case: 'far over: older messages go too, never the system prompt or the last user message', limit: 1_000, cut: ['old-tool-output', 'new-tool-output', 'old-question', 'old-answer'], kept: ['SYSTEM', 'LAST'] },
  ];
  for (const row of rows) {
    it(row.case, () => {
      const { messages, use } = fitToContext(withLastUser(big('LAST')), row.limit);
      const text = JSON.stringify(messages);
      for (const tag of row.cut) assert.ok(!text.includes(tag), `${tag} should have been trimmed`);
      for (const tag of row.kept) assert.ok(text.includes(tag), `${tag} should have been kept`);
      assert.equal(use.trimmed, row.cut.length);
      assert.equal(messages.length, 8, 'trimmed messages keep their place, so tool calls stay answered');
      assert.ok(messages.every((message) => message.content !== TRIMMED_NOTE || message.role !== 'system'));
    });
  }
});

describe('core/chat/chatSession: the context budget against the fixture model', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    ({ fixture, client } = await startFixtureModel());
  });
  afterEach(() => fixture.close());

  function bigReadRunner(): ToolRunner {
    const tool: AgentTool<{ n: number }> = {
      id: 'test.read',
      description: 'read',
      parameters: z.strictObject({ n: z.number() }),
      alwaysAsk: false,
      plan: (args) => Promise.resolve({ target: String(args.n), summary: `read ${args.n}`, detail: '' }),
      run: (args) => Promise.resolve({ ok: true, content: `TOOL-OUTPUT-${args.n} ${'y'.repeat(8000)}`, summary: 'read' }),
    };
    return lowRiskRunner(tool);
  }

  it('trims the oldest tool output of a long turn, keeps the system prompt and the question, and reports how full the context is', async () => {
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'test_read', arguments: { n: 1 } }] });
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'test_read', arguments: { n: 2 } }] });
    fixture.enqueue({ kind: 'text', chunks: ['done'] });
    const uses: { used: number; limit: number; trimmed: number }[] = [];
    const session = new ChatSession('THE-SYSTEM-PROMPT');
    const outcome = await session.send(client, 'THE-QUESTION', new AbortController().signal, (event: TurnEvent) => {
      if (event.type === 'context') uses.push(event.use);
    }, bigReadRunner(), { contextTokens: 4_000 });
    assert.equal(outcome.state, 'done');
    const last = fixture.requests.filter((request) => request.path === '/v1/chat/completions').at(-1)?.rawBody ?? '';
    assert.ok(last.includes('THE-SYSTEM-PROMPT') && last.includes('THE-QUESTION'));
    assert.ok(!last.includes('TOOL-OUTPUT-1'), 'the oldest tool output was sent whole');
    assert.ok(last.includes('TOOL-OUTPUT-2'), 'the newest tool output was trimmed before the oldest');
    assert.equal(uses.length, 3, 'one report per request');
    assert.ok(uses.every((use) => use.limit === 4_000 && use.used <= 4_000), JSON.stringify(uses));
    assert.equal(uses.at(-1)?.trimmed, 1);
  });
});
