// The sample data stays well-formed: every line names a payer and an amount in cents precision,
// and everyone who shares an expense appears somewhere as a payer or a sharer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const rows = readFileSync(new URL('../expenses.csv', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0 && !line.startsWith('#'))
  .map((line) => line.split(','));

test('every expense has a payer and an amount with at most two decimals', () => {
  for (const [payer = '', amount = ''] of rows) {
    assert.notEqual(payer.trim(), '');
    assert.match(amount.trim(), /^\d+(?:\.\d{1,2})?$/);
  }
});

test('there is something to split', () => {
  assert.ok(rows.length > 0);
});
