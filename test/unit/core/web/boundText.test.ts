import assert from 'node:assert/strict';
import { boundText } from '../../../../src/core/web/boundText';

describe('core/web/boundText', () => {
  it('leaves short text alone', () => {
    assert.deepEqual(boundText('short', 100), { text: 'short', truncated: false });
  });
  it('never returns more than maxChars, marker included', () => {
    for (const max of [200, 500, 1000, 4321]) {
      const result = boundText('word '.repeat(5000), max);
      assert.ok(result.text.length <= max, `${result.text.length} > ${max}`);
      assert.equal(result.truncated, true);
      assert.match(result.text, /\[… truncated by Airlock: \d+ of 25000 characters shown\]$/);
    }
  });
  it('cuts at a paragraph break near the limit', () => {
    const text = `${'a'.repeat(900)}\n\n${'b'.repeat(900)}`;
    const result = boundText(text, 1000);
    assert.ok(result.text.startsWith(`${'a'.repeat(900)}\n\n[…`), result.text);
  });
  it('does not split a surrogate pair', () => {
    const text = '😀'.repeat(1000);
    const result = boundText(text, 600);
    assert.doesNotMatch(result.text, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
  it('closes a code fence the cut left open', () => {
    const text = `intro\n\n\`\`\`js\n${'line();\n'.repeat(500)}\`\`\``;
    const result = boundText(text, 1000);
    assert.match(result.text, /line\(\);\n```\n\n\[… truncated/);
  });
  it('marks text that was already cut upstream (the byte limit), even when it fits', () => {
    const result = boundText('partial page', 1000, 12, true);
    assert.equal(result.truncated, true);
    assert.match(result.text, /^partial page\n\n\[… truncated by Airlock: 12 of 12\+ characters shown\]$/);
  });
});
