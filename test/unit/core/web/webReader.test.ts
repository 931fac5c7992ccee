import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { EgressBlockedError } from '../../../../src/core/egress/egressBlockedError';
import { EgressLimitError } from '../../../../src/core/egress/egressLimitError';
import { DEFAULT_MAX_CHARS, readWebPage, WebReadError, type FetchFunction, type WebPage, type WebReadErrorCode } from '../../../../src/core/web';
import { HTML, startPageServer, testdata, type PageRoute, type PageServer } from './pageServer';

// Tests may use the global fetch (only src/ is held to SafeFetch); it is injected like SafeFetch would be.
const loopbackFetch: FetchFunction = (input, init) => fetch(input, init);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected the read to fail'),
    (error: unknown) => error,
  );
}

async function readError(promise: Promise<unknown>, code: WebReadErrorCode): Promise<WebReadError> {
  const error = await failure(promise);
  assert.ok(error instanceof WebReadError, `expected WebReadError, got ${String(error)}`);
  assert.equal(error.code, code);
  return error;
}

/** `count` bytes of HTML paragraphs, streamed in chunks (and never ended when `endless`). */
function streamedHtml(count: number, endless = false): PageRoute {
  return (response: ServerResponse) => {
    response.writeHead(200, HTML);
    response.write('<!doctype html><html><head><title>Endless archive</title></head><body><article><h1>Archive</h1>');
    let sent = 0;
    const paragraph = '<p>ARCHIVE-ROW: a paragraph of the archive with enough words in it to look like a real article body, repeated many times over.</p>\n';
    const chunk = paragraph.repeat(200);
    const pump = (): void => {
      while (endless || sent < count) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      response.end('</article></body></html>');
    };
    response.on('error', () => undefined);
    pump();
  };
}

describe('core/web/readWebPage (real pages from a loopback server)', function () {
  this.timeout(20_000);
  let server: PageServer;
  before(async () => {
    server = await startPageServer({
      '/docs/cache/': { headers: HTML, body: testdata('docs-article.html') },
      '/blog/rust-build': { headers: HTML, body: testdata('blog-post.html') },
      '/tips': { headers: HTML, body: testdata('hidden-injection.html') },
      '/release-notes': { headers: HTML, body: testdata('script-rewrite.html') },
      '/moved': { headers: HTML, body: testdata('meta-refresh.html') },
      '/refresh-header': { headers: { ...HTML, refresh: '0; url=/trap-header' }, body: testdata('meta-refresh.html') },
      '/newsletter/112': { headers: HTML, body: testdata('tracking-and-links.html') },
      '/report.aspx': { headers: HTML, body: testdata('aspnet-form.html') },
      '/night': { headers: HTML, body: testdata('dark-theme.html') },
      '/cafe': { headers: { 'content-type': 'text/html' }, body: testdata('windows-1252.html') },
      '/tokyo': { headers: { 'content-type': 'text/html; charset=Shift_JIS' }, body: testdata('shift-jis.html') },
      '/package.json': { headers: { 'content-type': 'application/json' }, body: testdata('package-info.json') },
      '/problem': { headers: { 'content-type': 'application/problem+json' }, body: '{"title":"PROBLEM-JSON","status":400}' },
      '/broken.json': { headers: { 'content-type': 'application/json' }, body: '{"unterminated": BROKEN-JSON' },
      '/notes.txt': { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: testdata('notes.txt') },
      '/README.md': { headers: { 'content-type': 'text/markdown; charset=utf-8' }, body: testdata('readme.md') },
      '/manual.pdf': { headers: { 'content-type': 'application/pdf' }, body: testdata('manual.pdf') },
      '/pixel.png': { headers: { 'content-type': 'image/png' }, body: testdata('pixel.png') },
      '/download': { headers: { 'content-type': 'application/octet-stream' }, body: 'plain words' },
      '/fake-html': { headers: HTML, body: testdata('manual.pdf') },
      '/fake-text': { headers: { 'content-type': 'text/plain' }, body: Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x10]) },
      '/untyped-png': { body: testdata('pixel.png') },
      '/untyped-html': { body: testdata('hidden-injection.html') },
      '/untyped-json': { body: '{"UNTYPED-JSON": [1, 2]}' },
      '/untyped-text': { body: 'UNTYPED-TEXT <p style="display:none">shown as written</p>' },
      '/garbled-type': { headers: { 'content-type': 'text html' }, body: '<!doctype html><title>Garbled</title><p>GARBLED-TYPE-SNIFFED as HTML, its hidden text <span hidden>GARBLED-HIDDEN</span> dropped.</p>' },
      '/huge': streamedHtml(12 * 1024 * 1024),
      '/endless': streamedHtml(0, true),
      '/huge.json': { headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: 20_000 }, (_, index) => ({ index, name: `row ${index}` }))) },
      '/deep': { headers: HTML, body: `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(20_000)}DEEP-TEXT survives nesting${'</div>'.repeat(20_000)}</body></html>` },
      '/empty': { headers: HTML, body: '<!doctype html><html><head><title>Nothing here</title></head><body><script>render()</script></body></html>' },
      '/gone': { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not found</h1>' },
      '/old-docs': { status: 301, headers: { location: '/docs/cache/' }, body: '' },
      '/slow': (response) => {
        response.writeHead(200, HTML);
        response.write('<!doctype html><p>first bytes');
        // never finishes: the abort must end the read
      },
    });
  });
  after(() => server.close());

  const read = (path: string, maxChars?: number): Promise<WebPage> => readWebPage(server.url(path), { fetch: loopbackFetch, ...(maxChars === undefined ? {} : { maxChars }) });

  describe('real-world-shaped pages: the main text, and nothing around it', () => {
    const rows: { trick: string; path: string; title: string; contains: string[]; absent: string[] }[] = [
      {
        trick: 'docs article: nav, sidebar, search form, sponsor ad, footer, cookie banner and the inactive tab are left out',
        path: '/docs/cache/',
        title: 'Configuring the Widget Cache',
        contains: ['## How the cache works', 'maxEntries: 2000', '| Option | Default | Meaning |', '| `maxEntries` | 500 | Entries kept before eviction |', 'Install the Redis adapter with npm', '[Running in a cluster](ORIGIN/docs/cluster/)', '[API reference for invalidate()](ORIGIN/api/cache/#invalidate)'],
        absent: ['Search the docs', 'Sponsored', 'HyperHost', 'Privacy', 'We use cookies', 'Skip to content', 'yarn add', 'gtag', 'dataLayer', 'Was this page helpful?Yes'],
      },
      {
        trick: 'blog post: byline and body kept; promo banner, share bar, newsletter form, related posts and comments left out',
        path: '/blog/rust-build',
        title: 'Why we rewrote our build in Rust',
        contains: ['By Dana Okafor', '## The problem', 'Cold build: 9 minutes → 48 seconds.', '> “The build is the one piece', '[image: Chart of build times falling from nine minutes to under one minute]', '[pipeline/fingerprint on GitHub](https://github.com/pipeline/fingerprint)'],
        absent: ['Free shipping', 'Tweet', 'Subscribe', 'you@example.com', 'sam_k', 'Did you consider Go', '/img/build-times.png'],
      },
      {
        trick: 'a whole page wrapped in an ASP.NET <form>: the form goes, its content stays',
        path: '/report.aspx',
        title: 'Annual report 2024 - Contoso Water Board',
        contains: ['FORM-WRAPPED-CONTENT', 'membrane filtration line'],
        absent: ['__VIEWSTATE', 'wEPDwUKMTY1NDU2MTA1MmRk', 'Download PDF'],
      },
      {
        trick: 'a dark theme from the page stylesheet: light text on a dark background is visible, so it is kept',
        path: '/night',
        title: 'Night mode notes',
        contains: ['DARK-THEME-CONTENT', 'DARK-THEME-INLINE-LIGHT'],
        absent: [],
      },
    ];
    for (const row of rows) {
      it(row.trick, async () => {
        const page = await read(row.path);
        assert.equal(page.title, row.title);
        assert.equal(page.contentType, 'text/html');
        assert.equal(page.truncated, false);
        for (const text of row.contains) assert.ok(page.markdown.includes(text.replaceAll('ORIGIN', server.origin)), `missing ${JSON.stringify(text)} in:\n${page.markdown}`);
        for (const text of row.absent) assert.ok(!page.markdown.includes(text), `${JSON.stringify(text)} should be left out of:\n${page.markdown}`);
      });
    }
  });

  describe('hidden prompt injection: text a person cannot see never reaches the Markdown', () => {
    let page: WebPage;
    before(async () => {
      page = await read('/tips');
    });
    const hidden: { trick: string; canary: string }[] = [
      { trick: 'HTML comment', canary: 'AIRLOCK-CANARY-COMMENT' },
      { trick: 'inline display:none', canary: 'AIRLOCK-CANARY-DISPLAY-NONE' },
      { trick: 'aria-hidden="true"', canary: 'AIRLOCK-CANARY-ARIA-HIDDEN' },
      { trick: 'white text on an explicit white background (inline styles)', canary: 'AIRLOCK-CANARY-WHITE-ON-WHITE' },
      { trick: 'white text on the default white page', canary: 'AIRLOCK-CANARY-WHITE-DEFAULT-PAGE' },
      { trick: 'near-white #fefefe on white', canary: 'AIRLOCK-CANARY-NEAR-WHITE' },
      { trick: 'fully transparent text colour', canary: 'AIRLOCK-CANARY-TRANSPARENT-TEXT' },
      { trick: 'hidden attribute', canary: 'AIRLOCK-CANARY-HIDDEN-ATTRIBUTE' },
      { trick: 'visibility:hidden', canary: 'AIRLOCK-CANARY-VISIBILITY-HIDDEN' },
      { trick: 'opacity:0', canary: 'AIRLOCK-CANARY-OPACITY-ZERO' },
      { trick: 'font-size:0', canary: 'AIRLOCK-CANARY-FONT-SIZE-ZERO' },
      { trick: 'font-size:1px', canary: 'AIRLOCK-CANARY-FONT-SIZE-ONE-PX' },
      { trick: 'absolutely positioned off-screen (left:-9999px)', canary: 'AIRLOCK-CANARY-OFF-SCREEN' },
      { trick: 'text-indent:-9999px', canary: 'AIRLOCK-CANARY-TEXT-INDENT' },
      { trick: 'height:0 with overflow:hidden', canary: 'AIRLOCK-CANARY-ZERO-HEIGHT' },
      { trick: 'transform:scale(0)', canary: 'AIRLOCK-CANARY-SCALE-ZERO' },
      { trick: 'CSS escape in the property name (d\\69splay:none)', canary: 'AIRLOCK-CANARY-CSS-ESCAPE' },
      { trick: 'a later !important display:none', canary: 'AIRLOCK-CANARY-IMPORTANT' },
      { trick: 'upper-case property and value (DISPLAY : NONE)', canary: 'AIRLOCK-CANARY-UPPER-CASE-STYLE' },
      { trick: 'a class the page <style> hides', canary: 'AIRLOCK-CANARY-STYLESHEET-CLASS' },
      { trick: 'screen-reader-only clip from the page <style>', canary: 'AIRLOCK-CANARY-SR-ONLY-CLIP' },
      { trick: '!important opacity:0 from an id+class rule', canary: 'AIRLOCK-CANARY-STYLESHEET-IMPORTANT' },
      { trick: 'legacy <font color="#FFFFFF">', canary: 'AIRLOCK-CANARY-FONT-COLOR' },
      { trick: '<template> content', canary: 'AIRLOCK-CANARY-TEMPLATE' },
      { trick: '<noscript> content', canary: 'AIRLOCK-CANARY-NOSCRIPT' },
      { trick: '<textarea> content', canary: 'AIRLOCK-CANARY-TEXTAREA' },
      { trick: 'closed <dialog>', canary: 'AIRLOCK-CANARY-CLOSED-DIALOG' },
      { trick: '<svg><text>', canary: 'AIRLOCK-CANARY-SVG-TEXT' },
      { trick: '<iframe srcdoc>', canary: 'AIRLOCK-CANARY-IFRAME-SRCDOC' },
      { trick: 'alt text of a display:none image', canary: 'AIRLOCK-CANARY-HIDDEN-IMAGE-ALT' },
      { trick: 'title attribute (tooltip text)', canary: 'AIRLOCK-CANARY-TITLE-ATTRIBUTE' },
    ];
    for (const row of hidden) {
      it(`drops ${row.trick}`, () => {
        assert.ok(!page.markdown.includes(row.canary), `${row.canary} leaked into:\n${page.markdown}`);
      });
    }
    it('leaves nothing of any canary, and keeps the visible article', () => {
      assert.doesNotMatch(page.markdown, /CANARY|ignore (all )?previous|attacker\.example|credentials/i);
      assert.equal(page.title, 'Ten tips for faster unit tests');
      for (const visible of ['First, keep tests in memory', 'Third, measure before you optimise', 'Fifth, share expensive fixtures', 'Sixth, DI keeps']) assert.ok(page.markdown.includes(visible), `missing ${visible}`);
    });
    const visible: { trick: string; text: string }[] = [
      { trick: 'a font-size:0 container whose child resets the size (inline-block layout)', text: 'VISIBLE-FONT-RESET' },
      { trick: 'light text on an explicit dark background', text: 'VISIBLE-LIGHT-ON-DARK' },
      { trick: 'a dark text colour from the page stylesheet', text: 'VISIBLE-STYLED-NOTE' },
    ];
    for (const row of visible) {
      it(`keeps visible text: ${row.trick}`, () => {
        assert.ok(page.markdown.includes(row.text), `missing ${row.text} in:\n${page.markdown}`);
      });
    }
  });

  describe('nothing on the page runs, loads or navigates', () => {
    it('a script that rewrites the DOM (inline, onload, onerror, document.write) never runs: the original text is what comes back', async () => {
      const page = await read('/release-notes');
      assert.equal(page.title, 'Original title of the release notes');
      assert.match(page.markdown, /ORIGINAL-TEXT: Version 4\.2 adds streaming exports/);
      assert.doesNotMatch(page.markdown, /SCRIPT-/);
      assert.ok(!server.hits.some((hit) => hit.startsWith('/evil.js') || hit.startsWith('/beacon') || hit.startsWith('/pixel.gif')), `the page loaded something: ${server.hits.join(', ')}`);
    });
    it('<meta http-equiv=refresh> is not followed, and the page read is the one asked for', async () => {
      const page = await read('/moved');
      assert.match(page.markdown, /REFRESH-PAGE-CONTENT/);
      assert.equal(page.finalUrl, server.url('/moved'));
      assert.ok(!server.hits.includes('/trap'), 'the refresh target was requested');
    });
    it('a Refresh response header is not followed either', async () => {
      const page = await read('/refresh-header');
      assert.match(page.markdown, /REFRESH-PAGE-CONTENT/);
      assert.ok(!server.hits.includes('/trap-header'));
    });
    it('tracking pixels vanish, images become [image: alt] and no image URL is written or fetched', async () => {
      const page = await read('/newsletter/112');
      assert.match(page.markdown, /\[image: The team at the spring meetup\] Thanks/);
      assert.match(page.markdown, /\[image: Inline logo\] Inline images/);
      assert.doesNotMatch(page.markdown, /tracker|pixel\.gif|track\.png|beacon\.gif|team\.jpg|data:image/);
      assert.ok(!server.hits.some((hit) => /pixel|track|beacon|team\.jpg/.test(hit)), `an image was fetched: ${server.hits.join(', ')}`);
    });
  });

  describe('links keep their text and a safe absolute URL', () => {
    let markdown: string;
    before(async () => {
      markdown = (await read('/newsletter/112')).markdown;
    });
    const rows: { trick: string; expected?: string; absent: RegExp }[] = [
      { trick: 'relative link resolved against the page', expected: '[parser project](ORIGIN/projects/parser)', absent: /\]\(\/projects/ },
      { trick: 'absolute https link', expected: '[fuzzing in production](https://talks.example.org/fuzzing)', absent: /^$/ },
      { trick: 'mailto link', expected: '[a new venue](mailto:meetup@example.org)', absent: /^$/ },
      { trick: 'javascript: link becomes plain text', expected: 'JS-LINK-TEXT this harmless-looking link', absent: /javascript:|document\.cookie|attacker\.example/i },
      { trick: 'JavaScript: with leading space and mixed case', expected: 'JS-LINK-MIXED-CASE', absent: /alert\(1\)/ },
      { trick: 'java&#x0A;script: split by a newline', expected: 'JS-LINK-NEWLINE', absent: /\[JS-LINK-NEWLINE\]/ },
      { trick: 'data: link', expected: 'DATA-LINK-TEXT', absent: /data:text|base64/ },
      { trick: 'vbscript: link', expected: 'VBSCRIPT-LINK-TEXT', absent: /vbscript:|msgbox/i },
      { trick: 'in-page #fragment link is text only', expected: 'Jump to the archive section', absent: /\]\(#archive\)/ },
      { trick: 'credentials in a link are dropped', expected: '[the private notes](https://private.example.com/notes)', absent: /secret@|user:/ },
      { trick: 'parentheses in a URL are escaped so the link stays one link', expected: '[a search with parentheses](https://example.org/search?q=a%28b%29c)', absent: /q=a\(b\)c/ },
    ];
    for (const row of rows) {
      it(row.trick, () => {
        if (row.expected !== undefined) assert.ok(markdown.includes(row.expected.replaceAll('ORIGIN', server.origin)), `missing ${row.expected} in:\n${markdown}`);
        assert.doesNotMatch(markdown, row.absent);
      });
    }
  });

  describe('character sets', () => {
    it('windows-1252 declared only in <meta http-equiv> is decoded (accents, €, «», nbsp)', async () => {
      const page = await read('/cafe');
      assert.equal(page.title, 'Café crème — la recette');
      assert.match(page.markdown, /LATIN-PAGE: Pour un café crème réussi/);
      assert.match(page.markdown, /4,50\u00a0€/);
      assert.match(page.markdown, /«\u00a0Naïve\u00a0»/);
      assert.doesNotMatch(page.markdown, /\uFFFD/);
    });
    it('Shift_JIS declared only in the Content-Type header is decoded', async () => {
      const page = await read('/tokyo');
      assert.equal(page.title, '東京の天気');
      assert.match(page.markdown, /SHIFT-JIS-PAGE: 今日の東京は晴れ/);
    });
  });

  describe('text formats other than HTML pass through', () => {
    it('JSON is pretty-printed in a fence longer than any backtick run inside it', async () => {
      const page = await read('/package.json');
      assert.equal(page.contentType, 'application/json');
      assert.equal(page.title, 'package.json');
      assert.ok(page.markdown.startsWith('````json\n{\n  "name": "fastcsv",'), page.markdown);
      assert.match(page.markdown, /"maintainers": \[\n {4}\{\n {6}"name": "ada"/);
      assert.ok(page.markdown.endsWith('\n````'));
    });
    it('a +json media type is JSON', async () => {
      const page = await read('/problem');
      assert.equal(page.contentType, 'application/problem+json');
      assert.match(page.markdown, /"title": "PROBLEM-JSON"/);
    });
    it('invalid JSON comes back as it was sent', async () => {
      const page = await read('/broken.json');
      assert.equal(page.markdown, '{"unterminated": BROKEN-JSON');
    });
    it('plain text is not parsed as HTML, and CRLF becomes LF', async () => {
      const page = await read('/notes.txt');
      assert.equal(page.contentType, 'text/plain');
      assert.match(page.markdown, /PLAIN-TEXT-CONTENT: announce it <b>not bold<\/b>\./);
      assert.doesNotMatch(page.markdown, /\r/);
    });
    it('Markdown passes through, titled by its first heading', async () => {
      const page = await read('/README.md');
      assert.equal(page.contentType, 'text/markdown');
      assert.equal(page.title, 'fastcsv');
      assert.equal(page.markdown, testdata('readme.md').toString('utf8'));
    });
  });

  describe('only text: other types are refused, by name', () => {
    const rows: { trick: string; path: string; code: WebReadErrorCode; message: RegExp }[] = [
      { trick: 'a PDF (application/pdf)', path: '/manual.pdf', code: 'WEB_UNSUPPORTED_TYPE', message: /The server sent application\/pdf content; web\.fetch reads only text pages/ },
      { trick: 'an image (image/png)', path: '/pixel.png', code: 'WEB_UNSUPPORTED_TYPE', message: /image\/png/ },
      { trick: 'application/octet-stream is not guessed at', path: '/download', code: 'WEB_UNSUPPORTED_TYPE', message: /application\/octet-stream/ },
      { trick: 'a PDF served as text/html (lying header)', path: '/fake-html', code: 'WEB_BINARY_CONTENT', message: /The server said text\/html, but the content is a PDF document/ },
      { trick: 'binary bytes served as text/plain', path: '/fake-text', code: 'WEB_BINARY_CONTENT', message: /The server said text\/plain, but the content is binary data/ },
      { trick: 'a PNG with no Content-Type at all', path: '/untyped-png', code: 'WEB_BINARY_CONTENT', message: /The content is a PNG image/ },
      { trick: 'an HTTP error status', path: '/gone', code: 'WEB_HTTP_STATUS', message: /answered 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/gone/ },
    ];
    for (const row of rows) {
      it(`refuses ${row.trick}`, async () => {
        const error = await readError(read(row.path), row.code);
        assert.match(error.message, row.message);
      });
    }
  });

  describe('a missing or unusable Content-Type is sniffed conservatively', () => {
    it('a body that starts like HTML is read as HTML (hidden text still dropped)', async () => {
      const page = await read('/untyped-html');
      assert.equal(page.contentType, 'text/html');
      assert.equal(page.title, 'Ten tips for faster unit tests');
      assert.doesNotMatch(page.markdown, /CANARY/);
    });
    it('a body that parses as JSON is JSON', async () => {
      const page = await read('/untyped-json');
      assert.equal(page.contentType, 'application/json');
      assert.match(page.markdown, /"UNTYPED-JSON": \[\n {4}1,/);
    });
    it('anything else is plain text, never parsed', async () => {
      const page = await read('/untyped-text');
      assert.equal(page.contentType, 'text/plain');
      assert.equal(page.markdown, 'UNTYPED-TEXT <p style="display:none">shown as written</p>');
    });
    it('a malformed Content-Type (text html) is sniffed like a missing one', async () => {
      const page = await read('/garbled-type');
      assert.equal(page.contentType, 'text/html');
      assert.match(page.markdown, /GARBLED-TYPE-SNIFFED/);
      assert.doesNotMatch(page.markdown, /GARBLED-HIDDEN/);
    });
  });

  describe('bounded: a page cannot make the reader slow or its answer long', () => {
    it('a 12 MB page: the body is cut at the byte limit and the Markdown at maxChars, with a marker', async () => {
      const page = await read('/huge', 5000);
      assert.equal(page.truncated, true);
      assert.ok(page.markdown.length <= 5000, `length ${page.markdown.length}`);
      assert.match(page.markdown, /ARCHIVE-ROW/);
      assert.match(page.markdown, /\[… truncated by Airlock: \d+ of \d+\+ characters shown\]$/);
    });
    it('an endless body ends at the byte limit instead of never', async () => {
      const page = await readWebPage(server.url('/endless'), { fetch: loopbackFetch, maxBytes: 256 * 1024, maxChars: 2000 });
      assert.equal(page.truncated, true);
      assert.ok(page.markdown.length <= 2000);
    });
    it('the default bound applies when maxChars is not given', async () => {
      const page = await read('/huge.json');
      assert.equal(page.truncated, true);
      assert.ok(page.markdown.length <= DEFAULT_MAX_CHARS, `length ${page.markdown.length}`);
      assert.match(page.markdown, /```\n\n\[… truncated by Airlock/, 'the cut closes the JSON fence');
    });
    it('a page nested 20,000 elements deep still gives its text', async () => {
      const page = await read('/deep');
      assert.match(page.markdown, /DEEP-TEXT survives nesting/);
    });
    it('when the fetch function\'s own size limit ends the body (SafeFetch), what arrived is read as a cut page', async () => {
      const limited: FetchFunction = () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('<!doctype html><html><head><title>Cut</title></head><body><article><p>LIMITED-BODY: the first part of a long page arrived before the limit.</p>'));
          },
          pull(controller) {
            controller.error(new EgressLimitError('max-response-bytes', 'the response is larger than 1 MiB.', 'web.fetch', 'https://big.example/'));
          },
        });
        return Promise.resolve(new Response(body, { headers: HTML }));
      };
      const page = await readWebPage('https://big.example/', { fetch: limited });
      assert.equal(page.truncated, true);
      assert.match(page.markdown, /^LIMITED-BODY: the first part/);
    });
    it('a page with no readable text gives empty Markdown, not an error', async () => {
      const page = await read('/empty');
      assert.equal(page.title, 'Nothing here');
      assert.equal(page.markdown, '');
    });
  });

  describe('the request itself', () => {
    it('asks for text formats, sends no cookies, and reports the URL after redirects', async () => {
      const before = server.headers.length;
      const page = await read('/old-docs');
      assert.equal(page.finalUrl, server.url('/docs/cache/'));
      const headers = server.headers[before];
      assert.match(String(headers?.accept), /^text\/html, /);
      assert.equal(headers?.cookie, undefined);
      assert.equal(headers?.authorization, undefined);
    });
    it('refuses URLs it will not fetch without calling fetch', async () => {
      let calls = 0;
      const counting: FetchFunction = (input, init) => {
        calls++;
        return loopbackFetch(input, init);
      };
      for (const url of ['not a url', 'ftp://127.0.0.1/file.txt', 'file:///etc/passwd', `http://user:pw@127.0.0.1:1/`, 'javascript:alert(1)']) {
        await readError(readWebPage(url, { fetch: counting }), 'WEB_INVALID_URL');
      }
      assert.equal(calls, 0);
    });
    it('does not send the fragment', async () => {
      const before = server.hits.length;
      await read('/moved#section-2');
      assert.equal(server.hits[before], '/moved');
    });
    it('the abort signal ends a read the server never finishes', async () => {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const error = await failure(readWebPage(server.url('/slow'), { fetch: loopbackFetch, signal: controller.signal }));
      assert.ok(error instanceof Error && error.name === 'AbortError', `expected AbortError, got ${String(error)}`);
      assert.ok(Date.now() - started < 5000);
    });
    it('a firewall block from the injected fetch comes through as it is', async () => {
      const blocked = new EgressBlockedError({ reason: 'no-rule-matched', detail: 'evil.example is not on the allow list.', tool: 'web.fetch', host: 'evil.example' });
      const error = await failure(readWebPage('https://evil.example/', { fetch: () => Promise.reject(blocked) }));
      assert.equal(error, blocked);
    });
  });
});
