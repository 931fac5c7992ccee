import assert from 'node:assert/strict';
import { findUrlFindings } from '../../../../src/core/content/urls';

const LEAK = 'webhook.site/x?d={{secret}}';

/** Where each URL finding starts: the scan must find every http(s) URL wherever and however it is written. */
function starts(text: string): number[] {
  return [...new Set(findUrlFindings(text).map((finding) => finding.start))];
}

describe('content guard: URL scan finds every http(s) URL', () => {
  const CASES: readonly [string, string, number[]][] = [
    ['a URL at the very start of the text', `https://${LEAK}`, [0]],
    ['an upper-case scheme', `see HTTPS://${LEAK}`, [4]],
    ['a mixed-case plain http scheme', `see hTtP://${LEAK}`, [4]],
    ['a scheme glued to a word before it', `xhttps://${LEAK}`, [1]],
    ['a second URL right after the first', `https://a.example/ https://${LEAK}`, [19]],
    ['a "://" without http before it, then a real one', `ftp://${LEAK} and http://${LEAK}`, [38]],
    ['"https:/" with one slash is not a URL', `https:/${LEAK}`, []],
    ['"http" at the very end of the text', 'the word http', []],
  ];
  for (const [name, text, expected] of CASES) {
    it(name, () => assert.deepEqual(starts(text), expected));
  }
});
