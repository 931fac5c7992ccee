import assert from 'node:assert/strict';
import { z } from 'zod';
import type { AgentTool } from '../../../../src/core/agent/agentTool';
import type { Anomaly, AnomalyAnswer } from '../../../../src/core/anomaly/anomaly';
import { TurnWatch } from '../../../../src/core/anomaly/turnWatch';
import type { AuditEvent } from '../../../../src/core/audit/auditSink';
import { ChatSession } from '../../../../src/core/chat/chatSession';
import type { ModelClient } from '../../../../src/core/model/modelClient';
import { anomaliesSchema } from '../../../../src/core/policy/policySchema';
import type { FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { lowRiskRunner, startFixtureModel } from '../chat/chatTestParts';

/** `fs.read` as the guard answers for a secret: refused, every time. */
function deniedRead(): AgentTool<{ path: string }> {
  return {
    id: 'fs.read',
    description: 'read',
    parameters: z.strictObject({ path: z.string() }),
    alwaysAsk: false,
    plan: (args) => Promise.resolve({ target: args.path, summary: `read ${args.path}`, detail: '' }),
    run: (args) => Promise.resolve({ ok: false, error: `${args.path} cannot be read: denied by files.deny` }),
  };
}

const READS = (n: number, from = 0) => ({ kind: 'tool-calls' as const, calls: Array.from({ length: n }, (_, i) => ({ name: 'fs_read', arguments: { path: `.env.${from + i}` } })) });

describe('core/anomaly/turnWatch (in the chat loop, against the fixture model)', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    ({ fixture, client } = await startFixtureModel());
  });
  afterEach(() => fixture.close());

  function watch(answers: AnomalyAnswer[], asked: Anomaly[], audit: AuditEvent[]): TurnWatch {
    return new TurnWatch(anomaliesSchema.parse({}), { ask: (anomaly) => Promise.resolve((asked.push(anomaly), answers.shift() ?? 'stop')) }, { record: (event) => audit.push(event) });
  }

  it('a model probing for secrets: 10 denied reads pause the turn; Stop ends it there', async () => {
    fixture.enqueue(READS(8));
    fixture.enqueue(READS(8, 8));
    fixture.enqueue({ kind: 'text', chunks: ['never reached'] });
    const asked: Anomaly[] = [];
    const audit: AuditEvent[] = [];
    const session = new ChatSession('S');
    const tools = lowRiskRunner(deniedRead());
    const ended: string[] = [];
    const outcome = await session.send(client, 'q', new AbortController().signal, (e) => e.type === 'toolEnd' && ended.push(e.outcome.tool), tools, { watch: watch(['stop'], asked, audit) });
    assert.equal(outcome.state, 'stopped');
    assert.match(outcome.text, /_Stopped at Airlock's pause: 10 file reads were refused in this turn\. The policy pauses a turn at 10 \(anomalies\.deniedFileReadsPerTurn\)\._$/);
    assert.equal(ended.length, 10);
    assert.deepEqual(asked.map((a) => a.kind), ['denied-reads']);
    assert.equal(fixture.requests.filter((r) => r.path === '/v1/chat/completions').length, 2);
    // The stopped step's unrun calls are answered, so the history stays a valid conversation.
    assert.equal(session.messages.filter((m) => m.role === 'tool').length, 16);
    assert.deepEqual(audit.map((e) => [e.action, e.decision]), [['anomaly.pause', 'ask'], ['anomaly.answer', 'deny']]);
  });

  it('Continue lets the turn go on, and asks again only after another 10', async () => {
    fixture.enqueue(READS(8));
    fixture.enqueue(READS(8, 8));
    fixture.enqueue(READS(8, 16));
    fixture.enqueue({ kind: 'text', chunks: ['done'] });
    const asked: Anomaly[] = [];
    const audit: AuditEvent[] = [];
    const outcome = await new ChatSession('S').send(client, 'q', new AbortController().signal, () => undefined, lowRiskRunner(deniedRead()), { watch: watch(['continue', 'continue'], asked, audit) });
    assert.deepEqual(outcome, { state: 'done', text: 'done' });
    assert.deepEqual(asked.map((a) => a.count), [10, 20]);
    assert.equal(audit.filter((e) => e.action === 'anomaly.answer' && e.decision === 'allow').length, 2);
  });

  it('a 3 MB message is paused before anything is sent', async () => {
    fixture.enqueue({ kind: 'text', chunks: ['never'] });
    const asked: Anomaly[] = [];
    const session = new ChatSession('S');
    const outcome = await session.send(client, 'x'.repeat(3 * 1024 * 1024), new AbortController().signal, () => undefined, undefined, { watch: watch(['stop'], asked, []) });
    assert.equal(outcome.state, 'stopped');
    assert.equal(asked[0]?.kind, 'sent-volume');
    assert.deepEqual(session.messages.at(-1), { role: 'assistant', content: outcome.text });
    assert.equal(fixture.requests.filter((r) => r.path === '/v1/chat/completions').length, 0);
  });

  it('a question that fails (the dialog went away) is a stop', async () => {
    fixture.enqueue(READS(8));
    fixture.enqueue(READS(8, 8));
    const failing = new TurnWatch(anomaliesSchema.parse({}), { ask: () => Promise.reject(new Error('gone')) }, { record: () => undefined });
    const outcome = await new ChatSession('S').send(client, 'q', new AbortController().signal, () => undefined, lowRiskRunner(deniedRead()), { watch: failing });
    assert.equal(outcome.state, 'stopped');
  });
});
