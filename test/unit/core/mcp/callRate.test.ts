import assert from 'node:assert/strict';
import { CallRate } from '../../../../src/core/mcp/callRate';

describe('core/mcp/callRate: calls per minute to one server', () => {
  it('refuses the call past the limit within a minute, and allows it once the oldest is a minute old', () => {
    let now = 1_000_000;
    const rate = new CallRate(() => now);
    assert.deepEqual([rate.take(3), rate.take(3), rate.take(3), rate.take(3)], [true, true, true, false]);
    now += 59_999;
    assert.equal(rate.take(3), false, 'a flood just inside the minute');
    now += 1;
    assert.equal(rate.take(3), true);
  });

  it('a refused call does not count', () => {
    let now = 0;
    const rate = new CallRate(() => now);
    rate.take(1);
    for (let i = 0; i < 10; i++) rate.take(1);
    now = 60_000;
    assert.equal(rate.take(1), true);
  });
});
