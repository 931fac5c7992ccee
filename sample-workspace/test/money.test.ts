// Run with `npm test`; Node 22.18 or later runs this TypeScript file directly, older Node only the .mjs tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAmount, parseAmount, splitEvenly } from '../src/money.ts';

test('amounts are parsed into cents and formatted back', () => {
  assert.equal(parseAmount('12.5'), 1250);
  assert.equal(formatAmount(-1250), '-12.50');
});

test('a split adds up exactly, leftovers to the first shares', () => {
  assert.deepEqual(splitEvenly(1000, 3), [334, 333, 333]);
});
