import assert from 'node:assert/strict';
import { RequestLimits } from '../../../../src/core/egress/requestLimits';

describe('core/egress/requestLimits', () => {
  it('allows at most N requests in any 60 s window, and says when the next one may go', () => {
    let now = 0;
    const limits = new RequestLimits(() => now);
    assert.ok(limits.takeRate(3).ok);
    now = 10_000;
    assert.ok(limits.takeRate(3).ok);
    assert.ok(limits.takeRate(3).ok);
    assert.deepEqual(limits.takeRate(3), { ok: false, retryAfterMs: 50_000 });
    now = 60_000;
    assert.ok(limits.takeRate(3).ok, 'the first one left the window');
    assert.equal(limits.takeRate(3).ok, false);
  });

  it('stays linear over many requests (no array shifting per call)', () => {
    let now = 0;
    const limits = new RequestLimits(() => now);
    const started = performance.now();
    let refused = 0;
    for (let i = 0; i < 200_000; i++) {
      now += 1;
      if (!limits.takeRate(100_000).ok) refused++;
    }
    assert.equal(refused, 0, 'a window never holds more than 60 000 of these');
    assert.ok(performance.now() - started < 2_000);
  });

  it('hands out concurrency slots up to the limit; a release counts once', () => {
    const limits = new RequestLimits();
    const first = limits.acquire(2);
    const second = limits.acquire(2);
    assert.ok(first && second);
    assert.equal(limits.acquire(2), undefined);
    first();
    first();
    assert.equal(limits.active, 1);
    assert.ok(limits.acquire(2));
    assert.equal(limits.acquire(2), undefined);
  });
});
