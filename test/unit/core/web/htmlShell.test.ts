import assert from 'node:assert/strict';
import { normalizeShell } from '../../../../src/core/web/htmlShell';

describe('core/web/htmlShell: the html/head/body shell the parser would infer', () => {
  const rows: { trick: string; html: string; expected: string }[] = [
    { trick: 'no html, head or body tags (valid HTML)', html: '<!doctype html><title>T</title><p>x', expected: '<!DOCTYPE html><html><head><title>T</title></head><body><p>x</body></html>' },
    { trick: 'head closed, body tag missing', html: '<html><head><title>T</title></head><p>x</p></html>', expected: '<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>' },
    { trick: 'content after </html>', html: '<html><head></head><body><p>a</p></body></html><p>b</p>', expected: '<!DOCTYPE html><html><head></head><body><p>a</p><p>b</p></body></html>' },
    { trick: 'html and body attributes kept', html: '<html lang="fr"><body style="color:red" class="x"><p>a</p></body></html>', expected: '<!DOCTYPE html><html lang="fr"><head></head><body style="color:red" class="x"><p>a</p></body></html>' },
    { trick: 'a script in the implied head that contains markup', html: '<title>T</title><script>var s = "<p>no</p>";</script><p>yes</p>', expected: '<!DOCTYPE html><html><head><title>T</title><script>var s = "<p>no</p>";</script></head><body><p>yes</p></body></html>' },
    { trick: 'loose text ends the implied head', html: '<meta charset="utf-8">Hello', expected: '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>Hello</body></html>' },
  ];
  for (const row of rows) {
    it(row.trick, () => assert.equal(normalizeShell(row.html), row.expected));
  }
});
