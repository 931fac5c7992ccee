import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import type { DomDocument } from '../../../../src/core/web/domTypes';
import { htmlToMarkdown, safeHref } from '../../../../src/core/web/markdownConverter';

const BASE = 'https://docs.example.com/guide/intro.html';

function markdownOf(body: string): string {
  const window: unknown = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  const document = (window as { document: DomDocument }).document;
  if (!document.body) throw new Error('no body');
  return htmlToMarkdown(document.body, BASE);
}

describe('core/web/markdownConverter', () => {
  describe('safeHref: only http(s) and mailto links reach the model', () => {
    const rows: { trick: string; href: string | null; expected: string | undefined }[] = [
      { trick: 'relative path', href: 'setup.html', expected: 'https://docs.example.com/guide/setup.html' },
      { trick: 'root-relative path', href: '/api/', expected: 'https://docs.example.com/api/' },
      { trick: 'protocol-relative', href: '//cdn.example.net/x', expected: 'https://cdn.example.net/x' },
      { trick: 'mailto', href: 'mailto:team@example.com', expected: 'mailto:team@example.com' },
      { trick: 'javascript:', href: 'javascript:alert(1)', expected: undefined },
      { trick: 'JavaScript: mixed case with spaces', href: '  JavaScript:alert(1)', expected: undefined },
      { trick: 'javascript: split by a tab', href: 'java\tscript:alert(1)', expected: undefined },
      { trick: 'data:', href: 'data:text/html,<script>alert(1)</script>', expected: undefined },
      { trick: 'vbscript:', href: 'vbscript:msgbox', expected: undefined },
      { trick: 'file:', href: 'file:///etc/passwd', expected: undefined },
      { trick: 'a custom app scheme', href: 'vscode://file/etc/passwd', expected: undefined },
      { trick: 'in-page fragment', href: '#section', expected: undefined },
      { trick: 'credentials are dropped', href: 'https://u:p@example.com/', expected: 'https://example.com/' },
      { trick: 'parentheses and spaces escaped', href: 'https://example.com/a (b).html', expected: 'https://example.com/a%20%28b%29.html' },
      { trick: 'an absurdly long URL is not written', href: `https://example.com/?q=${'x'.repeat(1000)}`, expected: undefined },
      { trick: 'no href', href: null, expected: undefined },
    ];
    for (const row of rows) {
      it(row.trick, () => assert.equal(safeHref(row.href, BASE), row.expected));
    }
  });

  describe('conversion', () => {
    it('a link keeps its text and absolute URL; a link whose text is the URL becomes an autolink', () => {
      assert.equal(markdownOf('<p>See <a href="setup.html" title="IGNORED">the setup</a>.</p>'), 'See [the setup](https://docs.example.com/guide/setup.html).');
      assert.equal(markdownOf('<p><a href="https://example.com/">https://example.com/</a></p>'), '<https://example.com/>');
    });
    it('images become [image: alt] with no URL; images without alt vanish', () => {
      assert.equal(markdownOf('<p><img src="https://tracker.example/p.gif?id=1" alt="A [red] fox"> and <img src="x.png"></p>'), '[image: A red fox] and');
    });
    it('a link around an image keeps the description and the link', () => {
      assert.equal(markdownOf('<a href="/home"><img src="logo.png" alt="Home"></a>'), '[[image: Home]](https://docs.example.com/home)');
    });
    it('tables become pipe tables', () => {
      assert.equal(markdownOf('<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td>2</td></tr></table>'), '| a | b\\|c |\n| --- | --- |\n| 1 | 2 |');
    });
    it('code blocks are fenced, headings are ATX', () => {
      assert.equal(markdownOf('<h2>Use</h2><pre><code>run()\n</code></pre>'), '## Use\n\n```\nrun()\n```');
    });
  });
});
