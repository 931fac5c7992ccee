import assert from 'node:assert/strict';
import { applySearchReplace, SearchBlockError } from '../../../../src/core/edit/searchReplace';

const FILE = 'export function splitEvenly(total: number, n: number) {\n  return total / n;\n}\n\nexport const unit = splitEvenly(1, 1);\n';

describe('applySearchReplace: a block applies to exactly one place, or not at all', () => {
  const rows: { attack: string; text: string; search: string; replace: string; expect: string | RegExp }[] = [
    { attack: 'an exact block matching once', text: FILE, search: '  return total / n;\n', replace: '  return Math.floor(total / n);\n', expect: FILE.replace('total / n;', 'Math.floor(total / n);') },
    { attack: 'a block that does not match (stale read)', text: FILE, search: 'return total * n;', replace: 'x', expect: /does not match the file; read the file again/ },
    { attack: 'a block matching twice (ambiguous: which one was approved?)', text: FILE, search: 'splitEvenly(', replace: 'splitShares(', expect: /matches 2 places/ },
    { attack: 'a block that differs only in whitespace', text: FILE, search: 'return   total /\tn;', replace: 'x', expect: /matches only if whitespace is ignored/ },
    { attack: 'an empty search block (would insert anywhere)', text: FILE, search: '', replace: 'x', expect: /search text is empty/ },
    { attack: 'LF block on a CRLF file keeps the file CRLF', text: 'a\r\nb\r\nc\r\n', search: 'a\nb\n', replace: 'A\nB\n', expect: 'A\r\nB\r\nc\r\n' },
    { attack: 'replacement text with $& and $1 (no regex expansion)', text: 'x = 1;\n', search: 'x = 1;', replace: 'x = "$&$1";', expect: 'x = "$&$1";\n' },
  ];
  for (const row of rows) {
    it(row.attack, () => {
      if (typeof row.expect === 'string') {
        assert.equal(applySearchReplace(row.text, row.search, row.replace, 'change 1'), row.expect);
        return;
      }
      assert.throws(() => applySearchReplace(row.text, row.search, row.replace, 'change 1'), (error: unknown) => error instanceof SearchBlockError && row.expect instanceof RegExp && row.expect.test(error.message) && error.message.startsWith('change 1'));
    });
  }
});
