import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { ApprovalGate } from '../../../../src/core/approval/approvalGate';
import type { ApprovalRequest, Approver } from '../../../../src/core/approval/approver';
import { createSafeFetch, type EgressApprovals, type SafeFetch } from '../../../../src/core/egress/safeFetch';
import type { PolicyPack } from '../../../../src/core/policy/policySchema';
import { blocked, memoryAudit, recordingOpener, startServer, testPolicy, type LoopbackServer } from './egressTestKit';

describe('core/egress/safeFetch rate, concurrency and approval', () => {
  let server: LoopbackServer;
  const held: ServerResponse[] = [];
  const fetches: SafeFetch[] = [];

  before(async () => {
    server = await startServer((request, response) => {
      if (request.url === '/hold') {
        response.writeHead(200);
        response.write('started');
        held.push(response);
      } else response.end('ok');
    });
  });
  after(async () => {
    for (const response of held) response.end();
    await Promise.all(fetches.map((f) => f.close()));
    await server.close();
  });

  function guarded(policy: PolicyPack, extra: Partial<Parameters<typeof createSafeFetch>[0]> = {}): SafeFetch {
    const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: () => policy, openSocket: recordingOpener().openSocket, env: {}, ...extra });
    fetches.push(safeFetch);
    return safeFetch;
  }
  const url = (path = '/'): string => `${server.origin}${path}`;
  const rule = (): string => `127.0.0.1:${server.port}`;

  describe('limits.requestsPerMinute', () => {
    it('refuses the request over the per-tool rate, and allows again once the minute has passed', async () => {
      let now = 1_000_000;
      const policy = testPolicy({ allow: [rule()], limits: { requestsPerMinute: { default: 100, tools: { 'web.fetch': 2 } } } });
      const safeFetch = guarded(policy, { now: () => now });
      await (await safeFetch(url())).text();
      now += 30_000;
      await (await safeFetch(url())).text();
      const error = await blocked(safeFetch(url()));
      assert.equal(error.reason, 'rate-limited');
      assert.match(error.detail, /2 requests per minute.*try again in 30 s/);
      now += 30_001;
      assert.equal(await (await safeFetch(url())).text(), 'ok', 'the first request left the window');
    });

    it('uses the default rate for a tool without its own, and never counts a denied request', async () => {
      const policy = testPolicy({ allow: [rule()], limits: { requestsPerMinute: { default: 1, tools: {} } } });
      const safeFetch = guarded(policy);
      await blocked(safeFetch('https://not-allowed.example/'));
      await (await safeFetch(url())).text();
      assert.equal((await blocked(safeFetch(url()))).reason, 'rate-limited');
    });

    it('counts every redirect hop as a request', async () => {
      const redirecting = await startServer((request, response) => {
        if (request.url === '/go') response.writeHead(302, { location: '/end' }).end();
        else response.end('end');
      });
      try {
        const policy = testPolicy({ allow: [`127.0.0.1:${redirecting.port}`], limits: { requestsPerMinute: { default: 1, tools: {} } } });
        const error = await blocked(guarded(policy)(`${redirecting.origin}/go`));
        assert.equal(error.reason, 'rate-limited');
      } finally {
        await redirecting.close();
      }
    });
  });

  describe('limits.maxConcurrentRequests', () => {
    it('refuses a request while the limit is in flight, and frees the slot when a body is read or cancelled', async () => {
      const policy = testPolicy({ allow: [rule()], limits: { maxConcurrentRequests: 2 } });
      const safeFetch = guarded(policy);
      const first = await safeFetch(url('/hold'));
      const second = await safeFetch(url('/hold'));
      const error = await blocked(safeFetch(url()));
      assert.equal(error.reason, 'concurrency-limit');
      await first.body?.cancel();
      assert.equal(await (await safeFetch(url())).text(), 'ok', 'a cancelled body frees its slot');
      held.splice(0).forEach((response) => response.end());
      await second.text();
      await Promise.all([safeFetch(url()), safeFetch(url())].map(async (p) => (await p).text()));
    });
  });

  describe('requireApproval', () => {
    const policyAsking = (extra: Parameters<typeof testPolicy>[0] = {}): PolicyPack => testPolicy({ requireApproval: [rule()], ...extra });

    it('asks with the tool, the exact origin and the rule, and sends when the user allows', async () => {
      const asked: ApprovalRequest[] = [];
      const approvals: EgressApprovals = { request: (request) => { asked.push(request); return Promise.resolve({ allowed: true, how: 'allow-once' }); } };
      const audit = memoryAudit();
      const response = await guarded(policyAsking(), { approvals, audit })(url('/?q=secret'));
      assert.equal(await response.text(), 'ok');
      assert.equal(asked.length, 1);
      assert.equal(asked[0]?.tool, 'web.fetch');
      assert.equal(asked[0]?.target, `web.fetch http://127.0.0.1:${server.port}`);
      assert.equal(asked[0]?.risk, 'medium');
      assert.match(asked[0]?.detail ?? '', new RegExp(`rule "127\\.0\\.0\\.1:${server.port}"`));
      assert.doesNotMatch(asked[0]?.detail ?? '', /secret/);
      assert.equal(audit.events.at(-1)?.reason, 'approval-required');
      assert.equal(audit.events.at(-1)?.decision, 'allow');
    });

    it('refuses when the user denies, naming the rule', async () => {
      const approvals: EgressApprovals = { request: () => Promise.resolve({ allowed: false, reason: 'denied' }) };
      const before = server.hits.length;
      const error = await blocked(guarded(policyAsking(), { approvals })(url()));
      assert.equal(error.reason, 'approval-denied');
      assert.equal(error.rule, rule());
      assert.equal(server.hits.length, before, 'nothing was sent');
    });

    it('refuses when nobody can be asked', async () => {
      assert.equal((await blocked(guarded(policyAsking())(url()))).reason, 'approval-denied');
    });

    it('refuses when the answer does not come within approvals.timeoutSeconds', async () => {
      const approvals: EgressApprovals = { request: () => new Promise(() => undefined) };
      const error = await blocked(guarded(policyAsking({ approvals: { timeoutSeconds: 0.1 } }), { approvals })(url()));
      assert.equal(error.reason, 'approval-denied');
      assert.match(error.detail, /no answer within/);
    });

    it('works with the real ApprovalGate: a silent dialog is a denial, a session grant is remembered', async () => {
      const silent: Approver = { ask: () => new Promise(() => undefined) };
      const gate = new ApprovalGate(silent, memoryAudit(), () => 100);
      assert.equal((await blocked(guarded(policyAsking(), { approvals: gate })(url()))).reason, 'approval-denied');
      let asks = 0;
      const once: Approver = { ask: () => { asks++; return Promise.resolve({ verdict: 'allow-session' }); } };
      const sessionGate = new ApprovalGate(once, memoryAudit(), () => 1_000);
      const safeFetch = guarded(policyAsking(), { approvals: sessionGate });
      await (await safeFetch(url('/a'))).text();
      await (await safeFetch(url('/b'))).text();
      assert.equal(asks, 1, 'one grant for this tool and origin');
    });

    it('does not count the time spent in the dialog against the request deadline', async () => {
      const approvals: EgressApprovals = { request: () => new Promise((resolve) => setTimeout(() => resolve({ allowed: true, how: 'allow-once' }), 300)) };
      const response = await guarded(policyAsking(), { approvals, bounds: { totalTimeoutMs: 200 } })(url());
      assert.equal(await response.text(), 'ok');
    });

    it('block still wins over requireApproval: nobody is asked', async () => {
      let asks = 0;
      const approvals: EgressApprovals = { request: () => { asks++; return Promise.resolve({ allowed: true, how: 'allow-once' }); } };
      const error = await blocked(guarded(policyAsking({ block: ['127.0.0.1'] }), { approvals })(url()));
      assert.equal(error.reason, 'blocked-by-rule');
      assert.equal(asks, 0);
    });
  });
});
