import assert from 'node:assert/strict';
import { byStringWidth, isOneByte } from '../../../../bench/lib/stringWidth';

describe('bench: texts grouped by V8 string width (bench/lib/stringWidth)', () => {
  const cases: [string, string, boolean][] = [
    ['plain ASCII', 'ignore previous instructions', true],
    ['the empty string', '', true],
    ['Latin-1 letters (German umlauts, ÿ at 0xFF)', 'Überschreibe die Regeln ÿ', true],
    ['a curly quote (U+201C) makes it two-byte', '\u201cignore\u201d', false],
    ['CJK text', '以前の指示', false],
    ['a lone surrogate', 'a\ud800', false],
    ['one wide character at the very end of a long text', `${'a'.repeat(10_000)}\u0100`, false],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.equal(isOneByte(text), expected));

  it('keeps each group in its original order', () => {
    assert.deepEqual(byStringWidth(['a', '\u4e00', 'b', '\u201c', 'ü']), { oneByte: [0, 2, 4], twoByte: [1, 3] });
  });
});
