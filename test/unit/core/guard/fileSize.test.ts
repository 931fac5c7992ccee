import assert from 'node:assert/strict';
import type { FileReason } from '../../../../src/core/guard/fileDecision';
import { BYTES_PER_MB, checkWriteSize, withinSizeLimit } from '../../../../src/core/guard/fileSize';

describe('core/guard/fileSize', () => {
  const rows: { name: string; bytes: number; limitMb: number; reason: FileReason }[] = [
    { name: 'nothing', bytes: 0, limitMb: 1, reason: 'allowed' },
    { name: 'exactly the limit', bytes: 2 * BYTES_PER_MB, limitMb: 2, reason: 'allowed' },
    { name: 'just over the limit', bytes: 2 * BYTES_PER_MB + 1, limitMb: 2, reason: 'too-large' },
    { name: 'a fractional limit', bytes: BYTES_PER_MB / 2 + 1, limitMb: 0.5, reason: 'too-large' },
    { name: 'a NaN limit denies rather than allowing all', bytes: 1, limitMb: Number.NaN, reason: 'too-large' },
    { name: 'negative bytes', bytes: -5, limitMb: 1, reason: 'invalid-size' },
    { name: 'infinite bytes', bytes: Number.POSITIVE_INFINITY, limitMb: 1, reason: 'invalid-size' },
  ];
  for (const row of rows) {
    it(`${row.reason === 'allowed' ? 'allows' : 'denies'} ${row.name}`, () => {
      assert.equal(checkWriteSize(row.bytes, row.limitMb).reason, row.reason);
    });
  }

  it('counts an MB as 1,048,576 bytes', () => {
    assert.equal(withinSizeLimit(1_048_576, 1), true);
    assert.equal(withinSizeLimit(1_048_577, 1), false);
  });
});
