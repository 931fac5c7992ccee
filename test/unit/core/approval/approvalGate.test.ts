import assert from 'node:assert/strict';
import { ApprovalGate } from '../../../../src/core/approval/approvalGate';
import type { ApprovalAnswer, ApprovalRequest, Approver } from '../../../../src/core/approval/approver';
import type { AuditEvent } from '../../../../src/core/audit/auditSink';

/** An approver that answers from a script, as a user at the dialog would. */
function scripted(answer: (request: ApprovalRequest, signal: AbortSignal) => Promise<ApprovalAnswer>): Approver & { asked: ApprovalRequest[] } {
  const asked: ApprovalRequest[] = [];
  return { asked, ask: (request, signal) => { asked.push(request); return answer(request, signal); } };
}

const request: ApprovalRequest = { tool: 'security.egress.update', risk: 'critical', target: 'add example.com *', title: 'Firewall: allow example.com', detail: 'd', allowSession: true };

describe('core/approval/approvalGate: fails closed', () => {
  // `by`: who the audit says answered; a denial nobody gave is the system's, never put on the user.
  const rows: { name: string; approver: () => Approver; timeoutMs: number; allowed: boolean; reason?: RegExp; by: AuditEvent['actor'] }[] = [
    { name: 'user allows once', approver: () => scripted(() => Promise.resolve({ verdict: 'allow-once' })), timeoutMs: 1000, allowed: true, by: 'user' },
    { name: 'user denies with a reason the agent is told', approver: () => scripted(() => Promise.resolve({ verdict: 'deny', reason: 'denied: use the mirror' })), timeoutMs: 1000, allowed: false, reason: /use the mirror/, by: 'user' },
    { name: 'dialog never answered (timeout is a denial)', approver: () => scripted(() => new Promise<ApprovalAnswer>(() => undefined)), timeoutMs: 50, allowed: false, reason: /no answer within/, by: 'system' },
    { name: 'approver throws (error is a denial)', approver: () => scripted(() => Promise.reject(new Error('dialog failed'))), timeoutMs: 1000, allowed: false, reason: /could not be asked/, by: 'system' },
    { name: 'approver could not ask anyone (a client without a UI)', approver: () => scripted(() => Promise.resolve({ verdict: 'deny', reason: 'nobody to ask', unanswered: true })), timeoutMs: 1000, allowed: false, reason: /nobody to ask/, by: 'system' },
  ];
  for (const row of rows) {
    it(`${row.allowed ? 'allows' : 'denies'} when the ${row.name}`, async () => {
      const events: AuditEvent[] = [];
      const gate = new ApprovalGate(row.approver(), { record: (e) => events.push(e) }, () => row.timeoutMs);
      const decision = await gate.request(request, new AbortController().signal);
      assert.equal(decision.allowed, row.allowed);
      if (!decision.allowed && row.reason) assert.match(decision.reason, row.reason);
      assert.deepEqual(events.map((e) => e.decision), ['ask', row.allowed ? 'allow' : 'deny'], 'the request and its answer are audited');
      assert.equal(events[1]?.actor, row.by);
      if (!decision.allowed) assert.equal(decision.unanswered === true, row.by === 'system');
    });
  }

  it('a change that stays (a rule written to the policy) is recorded as allow-permanent, not allow-once, and never becomes a session grant', async () => {
    const events: AuditEvent[] = [];
    const approver = scripted(() => Promise.resolve({ verdict: 'allow-session' }));
    const gate = new ApprovalGate(approver, { record: (e) => events.push(e) }, () => 1000);
    const lasting = { ...request, permanent: true };
    assert.deepEqual(await gate.request(lasting, new AbortController().signal), { allowed: true, how: 'allow-permanent' });
    assert.equal(events.at(-1)?.reason, 'allow-permanent');
    await gate.request(lasting, new AbortController().signal);
    assert.equal(approver.asked.length, 2, 'the same permanent change asked again is asked again');
  });

  it('denies when the turn is stopped while the dialog is open', async () => {
    const gate = new ApprovalGate(scripted(() => new Promise<ApprovalAnswer>(() => undefined)), { record: () => undefined }, () => 10_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const decision = await gate.request(request, controller.signal);
    assert.deepEqual(decision, { allowed: false, reason: 'cancelled', unanswered: true });
  });

  it('a session grant covers exactly that tool and target, and only when offered', async () => {
    const approver = scripted(() => Promise.resolve({ verdict: 'allow-session' }));
    const gate = new ApprovalGate(approver, { record: () => undefined }, () => 1000);
    const signal = new AbortController().signal;
    assert.equal((await gate.request(request, signal)).allowed, true);
    assert.deepEqual(await gate.request(request, signal), { allowed: true, how: 'session-grant' });
    await gate.request({ ...request, target: 'add other.example *' }, signal);
    await gate.request({ ...request, tool: 'web.fetch' }, signal);
    assert.equal(approver.asked.length, 3, 'a different target or tool asks again');
    const noSession = { ...request, target: 't2', allowSession: false };
    await gate.request(noSession, signal);
    await gate.request(noSession, signal);
    assert.equal(approver.asked.length, 5, 'allow-session on a request that may not be remembered is only allow-once');
    gate.clearSessionGrants();
    await gate.request(request, signal);
    assert.equal(approver.asked.length, 6, 'a new chat forgets grants');
  });
});
