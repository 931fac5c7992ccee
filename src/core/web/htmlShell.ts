// Elements that belong in <head> when a page leaves its <head> and <body> tags out.
const HEAD_ELEMENTS = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template']);
const RAW_TEXT = new Set(['title', 'style', 'script', 'noscript', 'template', 'textarea']);
const SHELL_TAG = /<\/?(?:html|head|body)(?:\s[^>]*)?>|<!doctype[^>]*>/gi;

/**
 * Rebuilds the `<html><head>…</head><body>…</body></html>` shell the HTML parsing algorithm
 * would infer. linkedom does not infer it: a valid page that omits `<html>`, `<head>` or
 * `<body>` (or has content after `</html>`) would otherwise lose its title or its body.
 * The html and body attributes are kept (their styles decide what is visible).
 */
export function normalizeShell(html: string): string {
  const htmlAttributes = attributesOf(html, 'html');
  const bodyAttributes = attributesOf(html, 'body');
  const headEnd = /<\/head\s*>/i.exec(html);
  let head: string;
  let body: string;
  if (headEnd) {
    head = html.slice(0, headEnd.index);
    body = html.slice(headEnd.index + headEnd[0].length);
  } else {
    const split = headContentEnd(html);
    head = html.slice(0, split);
    body = html.slice(split);
  }
  return `<!DOCTYPE html><html${htmlAttributes}><head>${head.replace(SHELL_TAG, '')}</head><body${bodyAttributes}>${body.replace(SHELL_TAG, '')}</body></html>`;
}

function attributesOf(html: string, tag: 'html' | 'body'): string {
  const match = new RegExp(`<${tag}(\\s[^>]*)>`, 'i').exec(html);
  return match?.[1]?.replace(/\/\s*$/, '') ?? '';
}

/** Where the head would end: at the first text or element that cannot be in a head. */
function headContentEnd(html: string): number {
  const token = /<!--[\s\S]*?(?:-->|$)|<!doctype[^>]*>|<\/?([a-zA-Z][\w-]*)[^>]*>|[^<]+|</gi;
  let match: RegExpExecArray | null;
  while ((match = token.exec(html)) !== null) {
    const text = match[0];
    if (text.startsWith('<!')) continue;
    const name = match[1]?.toLowerCase();
    if (name === undefined) {
      if (text.trim() === '') continue;
      return match.index;
    }
    if (name === 'html' || name === 'head' || name === 'body') {
      if (name === 'body') return match.index;
      continue;
    }
    if (!HEAD_ELEMENTS.has(name)) return match.index;
    if (RAW_TEXT.has(name) && !text.startsWith('</')) {
      const close = new RegExp(`</${name}\\s*>`, 'ig');
      close.lastIndex = token.lastIndex;
      const end = close.exec(html);
      token.lastIndex = end ? end.index + end[0].length : html.length;
    }
  }
  return html.length;
}
