import assert from 'node:assert/strict';
import { decide } from '../../../../src/core/egress/decide';
import { createSafeFetch } from '../../../../src/core/egress/safeFetch';
import { BYPASS_POLICY, BYPASS_ROWS, bypassResolver, CONTROL_ROWS } from './bypassPayloads';
import { blocked, memoryAudit, recordingOpener, testPolicy } from './egressTestKit';

// Every row goes through the real SafeFetch. The socket opener records and refuses everything, so
// a row the guard failed to stop shows up as a recorded attempt; nothing is ever sent.
describe('core/egress bypass table (SafeFetch blocks every row before any connection)', () => {
  const policy = testPolicy(BYPASS_POLICY);

  for (const row of BYPASS_ROWS) {
    it(`${row.kind}: ${row.trick} → ${row.reason}`, async () => {
      const opener = recordingOpener('refuse-all');
      const audit = memoryAudit();
      const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: () => policy, resolve: bypassResolver().resolve, openSocket: opener.openSocket, audit });
      try {
        const error = await blocked(safeFetch(row.url));
        assert.equal(error.reason, row.reason, error.message);
        assert.deepEqual(opener.attempts, [], 'no socket was opened');
        assert.equal(audit.events.at(-1)?.action, 'egress.block');
        assert.equal(audit.events.at(-1)?.reason, row.reason);
      } finally {
        await safeFetch.close();
      }
    });
  }

  for (const row of CONTROL_ROWS) {
    it(`control: ${row.trick} is allowed and pinned to ${row.address} (the opener refuses it, so nothing is sent)`, async () => {
      const opener = recordingOpener('refuse-all');
      const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: () => policy, resolve: bypassResolver().resolve, openSocket: opener.openSocket });
      try {
        const error = await safeFetch(row.url).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof Error && (error as { code?: string }).code === 'TEST_REFUSED', `expected the test opener's refusal, got ${String(error)}`);
        assert.deepEqual(opener.attempts, [row.address]);
      } finally {
        await safeFetch.close();
      }
    });
  }

  it('decide() alone (no lookup) gives the same reason, except for names, which are stopped at their addresses', () => {
    for (const row of BYPASS_ROWS) {
      const decision = decide(policy, 'web.fetch', row.url);
      if (decision.verdict === 'allow') assert.equal(row.kind, 'name', `${row.trick}: only a name may pass decide() and be stopped by its address`);
      else assert.equal(decision.reason, row.reason, row.trick);
    }
  });
});
