import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import type { DomDocument } from '../../../../src/core/web/domTypes';
import { sanitizeDocument } from '../../../../src/core/web/sanitizeDocument';

function sanitized(html: string, head = ''): { text: string; baseUrl: string } {
  const window: unknown = parseHTML(`<!doctype html><html><head><title>t</title>${head}</head><body><p>VISIBLE-CONTROL</p>${html}</body></html>`);
  const document = (window as { document: DomDocument }).document;
  const report = sanitizeDocument(document, 'https://example.org/dir/page.html');
  return { text: document.body?.textContent ?? '', baseUrl: report.baseUrl };
}

// Each row names a way to keep text in the DOM while hiding it from people. SECRET must go.
const HIDDEN: { trick: string; html: string; head?: string }[] = [
  { trick: 'display:none', html: '<p style="display:none">SECRET</p>' },
  { trick: 'upper case, spaces and !important', html: '<p style="DISPLAY : NONE !IMPORTANT">SECRET</p>' },
  { trick: 'CSS hex escape in the property (d\\69splay)', html: '<p style="d\\69splay:none">SECRET</p>' },
  { trick: 'CSS escape in the value (n\\6f ne)', html: '<p style="display:n\\6f ne">SECRET</p>' },
  { trick: 'comment inside the declaration', html: '<p style="display:/* x */none">SECRET</p>' },
  { trick: 'a later declaration overrides an earlier visible one', html: '<p style="display:block;display:none">SECRET</p>' },
  { trick: 'an earlier !important beats a later plain one', html: '<p style="display:none!important;display:block">SECRET</p>' },
  { trick: 'visibility:hidden', html: '<p style="visibility:hidden">SECRET</p>' },
  { trick: 'visibility:collapse', html: '<p style="visibility:collapse">SECRET</p>' },
  { trick: 'visibility inherited by a child', html: '<div style="visibility:hidden"><span>SECRET</span></div>' },
  { trick: 'content-visibility:hidden', html: '<div style="content-visibility:hidden">SECRET</div>' },
  { trick: 'opacity:0', html: '<p style="opacity:0">SECRET</p>' },
  { trick: 'opacity:.05', html: '<p style="opacity:.05">SECRET</p>' },
  { trick: 'opacity:0%', html: '<p style="opacity:0%">SECRET</p>' },
  { trick: 'filter:opacity(0)', html: '<p style="filter:opacity(0)">SECRET</p>' },
  { trick: 'font-size:0', html: '<p style="font-size:0">SECRET</p>' },
  { trick: 'font-size:0.5px', html: '<p style="font-size:0.5px">SECRET</p>' },
  { trick: 'font-size:0.01em', html: '<p style="font-size:0.01em">SECRET</p>' },
  { trick: 'font shorthand 0/0 (image replacement)', html: '<p style="font:0/0 a">SECRET</p>' },
  { trick: 'font-size:0 inherited through a relative child size', html: '<div style="font-size:0"><span style="font-size:1.5em">SECRET</span></div>' },
  { trick: 'absolute, left:-9999px', html: '<p style="position:absolute;left:-9999px">SECRET</p>' },
  { trick: 'fixed, top:-10000px', html: '<p style="position:fixed;top:-10000px">SECRET</p>' },
  { trick: 'absolute, left:-100vw', html: '<p style="position:absolute;left:-100vw">SECRET</p>' },
  { trick: 'absolute, right:-9999px', html: '<p style="position:absolute;right:-9999px">SECRET</p>' },
  { trick: 'margin-left:-9999px', html: '<p style="margin-left:-9999px">SECRET</p>' },
  { trick: 'margin shorthand pulling it up', html: '<p style="margin:-5000px 0 0 0">SECRET</p>' },
  { trick: 'text-indent:-9999em', html: '<p style="text-indent:-9999em">SECRET</p>' },
  { trick: 'transform:translateX(-9999px)', html: '<p style="transform:translateX(-9999px)">SECRET</p>' },
  { trick: 'transform:scale(0)', html: '<p style="transform:scale(0)">SECRET</p>' },
  { trick: 'transform:scaleY(0)', html: '<p style="transform:rotate(1deg) scaleY(0)">SECRET</p>' },
  { trick: 'scale:0', html: '<p style="scale:0">SECRET</p>' },
  { trick: 'clip:rect(0 0 0 0)', html: '<p style="position:absolute;clip:rect(0 0 0 0)">SECRET</p>' },
  { trick: 'clip:rect(1px,1px,1px,1px)', html: '<p style="position:absolute;clip:rect(1px, 1px, 1px, 1px)">SECRET</p>' },
  { trick: 'clip-path:inset(50%)', html: '<p style="clip-path:inset(50%)">SECRET</p>' },
  { trick: 'clip-path:circle(0)', html: '<p style="clip-path:circle(0)">SECRET</p>' },
  { trick: 'width and height 0 with overflow hidden', html: '<div style="width:0;height:0;overflow:hidden">SECRET</div>' },
  { trick: 'max-height:0 with overflow-y hidden', html: '<div style="max-height:0;overflow-y:hidden">SECRET</div>' },
  { trick: 'white on the default white page', html: '<p style="color:#fff">SECRET</p>' },
  { trick: 'white on an explicit white background', html: '<div style="background:#ffffff"><p style="color:white">SECRET</p></div>' },
  { trick: 'rgb(255,255,255) on white', html: '<p style="color:rgb(255, 255, 255)">SECRET</p>' },
  { trick: 'hsl(0 0% 100%) on white', html: '<p style="color:hsl(0 0% 100%)">SECRET</p>' },
  { trick: 'same dark colour as its background', html: '<p style="color:#123456;background-color:#123456">SECRET</p>' },
  { trick: 'colour matching a bgcolor attribute', html: '<table bgcolor="#000000"><tr><td><font color="black">SECRET</font></td></tr></table>' },
  { trick: 'color:transparent', html: '<p style="color:transparent">SECRET</p>' },
  { trick: 'rgba alpha 0', html: '<p style="color:rgba(0,0,0,0)">SECRET</p>' },
  { trick: '4-digit hex with alpha 0', html: '<p style="color:#0000">SECRET</p>' },
  { trick: 'colour inherited from an ancestor', html: '<div style="color:#fff"><p><b>SECRET</b></p></div>' },
  { trick: 'hidden attribute', html: '<p hidden>SECRET</p>' },
  { trick: 'aria-hidden="true"', html: '<p aria-hidden="true">SECRET</p>' },
  { trick: 'aria-hidden="TRUE"', html: '<p aria-hidden="TRUE">SECRET</p>' },
  { trick: 'closed <dialog>', html: '<dialog>SECRET</dialog>' },
  { trick: '<template>', html: '<template><p>SECRET</p></template>' },
  { trick: '<noscript>', html: '<noscript>SECRET</noscript>' },
  { trick: '<script> text', html: '<script>var SECRET = 1;</script>' },
  { trick: '<style> text', html: '<style>/* SECRET */</style>' },
  { trick: 'a small form', html: '<form><label>SECRET</label><input name="q"></form>' },
  { trick: '<select> options', html: '<select><option>SECRET</option></select>' },
  { trick: '<button> label', html: '<button>SECRET</button>' },
  { trick: '<math>', html: '<math><mi>SECRET</mi></math>' },
  { trick: '<object> fallback', html: '<object data="x.swf">SECRET</object>' },
  { trick: '<video> fallback', html: '<video src="v.mp4">SECRET</video>' },
  { trick: '<canvas> fallback', html: '<canvas>SECRET</canvas>' },
  { trick: 'HTML comment', html: '<!-- SECRET -->' },
  { trick: 'page <style> class', html: '<p class="x">SECRET</p>', head: '<style>.x{display:none}</style>' },
  { trick: 'page <style> id', html: '<p id="y">SECRET</p>', head: '<style>#y { visibility: hidden }</style>' },
  { trick: 'page <style> descendant combinator', html: '<div class="a"><p>SECRET</p></div>', head: '<style>div.a > p { opacity: 0 }</style>' },
  { trick: 'page <style> inside @media screen', html: '<p class="x">SECRET</p>', head: '<style>@media screen and (min-width: 1px) { .x { display: none } }</style>' },
  { trick: 'page <style> !important beats a more specific show rule', html: '<p class="x y">SECRET</p>', head: '<style>.x{display:none !important} .x.y{display:block}</style>' },
  { trick: 'page <style> attribute selector', html: '<p data-role="ghost">SECRET</p>', head: '<style>[data-role="ghost"] { font-size: 0 }</style>' },
  { trick: 'page <style> with a comment hiding the brace', html: '<p class="x">SECRET</p>', head: '<style>/* } */ .x { display: none }</style>' },
  { trick: 'page <style> in the body', html: '<style>.late{display:none}</style><p class="late">SECRET</p>' },
];

// Visible text that a careless sanitizer would drop. KEPT must stay.
const VISIBLE: { trick: string; html: string; head?: string }[] = [
  { trick: 'ordinary text', html: '<p>KEPT</p>' },
  { trick: 'display:block', html: '<p style="display:block">KEPT</p>' },
  { trick: 'half opacity', html: '<p style="opacity:0.5">KEPT</p>' },
  { trick: 'small but readable font', html: '<p style="font-size:11px">KEPT</p>' },
  { trick: 'a font-size:0 container whose child resets the size', html: '<ul style="font-size:0"><li style="font-size:14px">KEPT</li></ul>' },
  { trick: 'a visibility:visible child inside a hidden parent', html: '<div style="visibility:hidden"><p style="visibility:visible">KEPT</p></div>' },
  { trick: 'slightly negative margin', html: '<p style="margin-left:-10px">KEPT</p>' },
  { trick: 'positioned on screen', html: '<p style="position:absolute;left:10px;top:-20px">KEPT</p>' },
  { trick: 'grey text', html: '<p style="color:#767676">KEPT</p>' },
  { trick: 'light text on a dark background', html: '<p style="color:#fff;background:#000">KEPT</p>' },
  { trick: 'light text on a background image (unknown colour)', html: '<div style="background:url(hero.jpg) #fff"><p style="color:#fff">KEPT</p></div>' },
  { trick: 'a colour from a CSS variable (unknown)', html: '<p style="color:var(--fg)">KEPT</p>' },
  { trick: 'a dark text child inside a white-text parent', html: '<div style="color:#fff"><p style="color:#111">KEPT</p></div>' },
  { trick: 'body colour from the page <style> without an explicit background (theme from external CSS)', html: '<p>KEPT</p>', head: '<style>body{color:#eeeeee}</style>' },
  { trick: 'light text on the page <style> dark background', html: '<p style="color:#f0f0f0">KEPT</p>', head: '<style>body{background-color:#121212}</style>' },
  { trick: 'a hidden tab made visible by a more specific rule', html: '<div class="tab active">KEPT</div>', head: '<style>.tab{display:none}.tab.active{display:block}</style>' },
  { trick: 'a print-only rule', html: '<p class="x">KEPT</p>', head: '<style>@media print { .x { display: none } }</style>' },
  { trick: 'a print-only <style media=print>', html: '<p class="x">KEPT</p>', head: '<style media="print">.x { display: none }</style>' },
  { trick: 'a :hover rule (a state the reader never sees)', html: '<p class="x">KEPT</p>', head: '<style>.x:hover { display: none }</style>' },
  { trick: 'an inline style that undoes a page rule', html: '<p class="x" style="display:block">KEPT</p>', head: '<style>.x { display: none }</style>' },
  { trick: 'anti-flicker opacity:0 on body (revealed by script)', html: '<p>KEPT</p>', head: '<style>body{opacity:0}</style>' },
  { trick: 'anti-flicker opacity:0 on <html> (revealed by script) is never taken for the page', html: '<p>KEPT</p>', head: '<style>html{opacity:0 !important}</style>' },
  { trick: 'a page wrapped in a <form>', html: '<form action="x"><h1>Report</h1><p>KEPT</p><input type="hidden" value="SECRET"></form>' },
  { trick: 'an open <dialog>', html: '<dialog open>KEPT</dialog>' },
  { trick: 'aria-hidden="false"', html: '<p aria-hidden="false">KEPT</p>' },
];

describe('core/web/sanitizeDocument: hidden text is removed before extraction', () => {
  for (const row of HIDDEN) {
    it(`removes: ${row.trick}`, () => {
      const { text } = sanitized(row.html, row.head);
      assert.ok(!text.includes('SECRET'), `SECRET survived: ${JSON.stringify(text)}`);
      assert.ok(text.includes('VISIBLE-CONTROL'), 'the visible control paragraph was removed too');
    });
  }
  for (const row of VISIBLE) {
    it(`keeps: ${row.trick}`, () => {
      const { text } = sanitized(row.html, row.head);
      assert.ok(text.includes('KEPT'), `KEPT was removed: ${JSON.stringify(text)}`);
      assert.ok(!text.includes('SECRET'));
    });
  }

  it('removes <meta http-equiv=refresh> and <base>, and reports the http(s) base URL', () => {
    const window: unknown = parseHTML('<!doctype html><html><head><meta http-equiv="Refresh" content="0;url=/x"><base href="/docs/"><title>t</title></head><body><p>x</p></body></html>');
    const document = (window as { document: DomDocument }).document;
    const report = sanitizeDocument(document, 'https://example.org/a/b');
    assert.equal(report.baseUrl, 'https://example.org/docs/');
    assert.equal(document.querySelectorAll('meta, base').length, 0);
    assert.equal(report.removed['comment'], undefined);
  });

  it('ignores a javascript: <base href>', () => {
    const { baseUrl } = sanitized('', '<base href="javascript:alert(1)//">');
    assert.equal(baseUrl, 'https://example.org/dir/page.html');
  });

  // No timing threshold (speed is for bench/): a quadratic pass would end at the suite's timeout.
  it('copes with a page <style> of thousands of hiding rules and keeps the visible text', () => {
    const rules = Array.from({ length: 3000 }, (_, index) => `.c${index} > p:nth-child(2n) { display: none }`).join('\n');
    const body = Array.from({ length: 3000 }, (_, index) => `<div class="c${index}"><p>one ${index}</p><p>two ${index}</p></div>`).join('');
    const { text } = sanitized(body, `<style>${rules}</style>`);
    assert.ok(text.includes('one 1'));
  });
});
