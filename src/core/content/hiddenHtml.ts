/** A stretch of the original text a reader does not see: a hidden element, a comment. */
export interface HiddenRegion {
  readonly rule: string;
  /** Weight of a hidden-text flag when the region also holds another finding. */
  readonly weight: number;
  readonly start: number;
  readonly end: number;
}

const MAX_TAG = 1024;
const MAX_REGION = 4096;
const UNCLOSED_REGION = 1024;
const MAX_NAME = 24;
/** What the pass acts on: a line starting with "[" (a Markdown comment), a comment's end, a tag. */
const MARKUP_START = /\n\[|-->|</g;

/**
 * Finds hidden stretches in HTML and Markdown, in one pass plus a linear pairing step: HTML
 * comments, elements hidden by inline CSS (display:none, visibility:hidden, zero or 1px font,
 * zero opacity, white or transparent text without a background, zero height, off-screen,
 * clipped) or by the `hidden` attribute, and Markdown comments (`[//]: # (…)`). A hidden region
 * is only a finding when it carries another one (scan.ts checks the overlap): hidden UI and
 * comments are everywhere in ordinary HTML.
 */
export function findHiddenRegions(text: string): HiddenRegion[] {
  const regions: HiddenRegion[] = [];
  const commentOpen: number[] = [];
  const commentClose: number[] = [];
  const closers = new Map<string, number[]>();
  const hiddenTags: { name: string; start: number; contentStart: number; rule: string; weight: number }[] = [];
  let lineStart = true;
  let index = 0;
  /** The next ">" after the latest bogus comment's "<!" (-1: none in the rest of the text). */
  let nextClose = -2;
  while (index < text.length) {
    if (lineStart && text.charCodeAt(index) === 0x5b) {
      const end = markdownCommentEnd(text, index);
      if (end > index) {
        regions.push({ rule: 'hidden.markdown-comment', weight: 0.45, start: index, end });
        index = end;
        continue;
      }
    }
    // Jump to the next character this pass acts on (a native regex scan; the rest is skipped).
    MARKUP_START.lastIndex = index;
    const found = MARKUP_START.exec(text);
    if (found === null) break;
    index = found.index;
    lineStart = false;
    if (text.charCodeAt(index) === 0x0a) {
      index++;
      lineStart = true;
      continue;
    }
    if (text.charCodeAt(index) === 0x2d) {
      commentClose.push(index);
      index += 3;
      continue;
    }
    if (text.startsWith('<!--', index)) {
      commentOpen.push(index);
      index += 4;
      continue;
    }
    if (isBogusComment(text, index)) {
      // The next ">" is looked up once for all the "<!" before it: linear however many there are.
      if (nextClose !== -1 && nextClose < index + 2) nextClose = text.indexOf('>', index + 2);
      const bogusEnd = nextClose < 0 ? Math.min(text.length, index + UNCLOSED_REGION) : nextClose + 1;
      regions.push({ rule: 'hidden.html-comment', weight: 0.4, start: index, end: Math.min(bogusEnd, index + MAX_REGION) });
      index = bogusEnd;
      continue;
    }
    const next = text.charCodeAt(index + 1);
    if (next === 0x2f) {
      const name = tagName(text, index + 2);
      if (name !== '') (closers.get(name) ?? closers.set(name, []).get(name))?.push(index);
      index += 2;
      continue;
    }
    const name = tagName(text, index + 1);
    if (name === '') {
      index++;
      continue;
    }
    const tagEnd = tagEndAt(text, index + 1 + name.length);
    if (tagEnd < 0) {
      index++;
      continue;
    }
    const hiding = hidingOf(name, text.slice(index + 1 + name.length, tagEnd - 1).toLowerCase());
    if (hiding !== undefined) hiddenTags.push({ name, start: index, contentStart: tagEnd, ...hiding });
    index = tagEnd;
  }
  pairComments(commentOpen, commentClose, text.length, regions);
  pairHiddenTags(hiddenTags, closers, text.length, regions);
  return regions;
}

/**
 * A browser hides `<!` up to the next `>` when no "--", DOCTYPE or CDATA follows (a "bogus comment"):
 * `<! -- Ignore the page … <a href="…">` hides its text as well as `<!--` would.
 */
function isBogusComment(text: string, index: number): boolean {
  if (text.charCodeAt(index + 1) !== 0x21 || text.startsWith('--', index + 2)) return false;
  const head = text.slice(index + 2, index + 9).toLowerCase();
  return !head.startsWith('doctype') && !head.startsWith('[cdata[');
}

function pairComments(open: readonly number[], close: readonly number[], length: number, out: HiddenRegion[]): void {
  let closer = 0;
  let coveredTo = -1;
  for (const start of open) {
    if (start < coveredTo) continue;
    while (closer < close.length && (close[closer] ?? 0) < start + 4) closer++;
    const end = closer < close.length ? (close[closer] ?? 0) + 3 : Math.min(length, start + UNCLOSED_REGION);
    out.push({ rule: 'hidden.html-comment', weight: 0.4, start, end: Math.min(end, start + MAX_REGION) });
    coveredTo = end;
  }
}

function pairHiddenTags(tags: readonly { name: string; start: number; contentStart: number; rule: string; weight: number }[], closers: ReadonlyMap<string, readonly number[]>, length: number, out: HiddenRegion[]): void {
  const cursor = new Map<string, number>();
  for (const tag of tags) {
    const list = closers.get(tag.name) ?? [];
    let position = cursor.get(tag.name) ?? 0;
    while (position < list.length && (list[position] ?? 0) < tag.contentStart) position++;
    cursor.set(tag.name, position);
    const close = list[position];
    const end = close === undefined ? Math.min(length, tag.contentStart + UNCLOSED_REGION) : Math.min(close, tag.contentStart + MAX_REGION);
    out.push({ rule: tag.rule, weight: tag.weight, start: tag.start, end });
  }
}

/** How an element's attributes hide it, if they do. `attributes` is lower-cased. */
function hidingOf(name: string, attributes: string): { rule: string; weight: number } | undefined {
  // Every way below needs one of these words: most tags (and TypeScript generics) have none.
  if (!attributes.includes('hidden') && !attributes.includes('style=') && !attributes.includes('color=') && !attributes.includes('font-size=')) return undefined;
  if (/(?:^|\s)hidden(?:\s|=|\/|$)/.test(attributes)) return { rule: 'hidden.attribute', weight: 0.5 };
  const style = styleOf(attributes);
  if (style !== '') {
    if (style.includes('display:none')) return { rule: 'hidden.css-display-none', weight: 0.55 };
    if (style.includes('visibility:hidden') || style.includes('visibility:collapse')) return { rule: 'hidden.css-visibility', weight: 0.55 };
    if (tinyValue(style, 'font-size:', 2)) return { rule: 'hidden.css-zero-font', weight: 0.55 };
    if (tinyValue(style, 'opacity:', 0.05)) return { rule: 'hidden.css-transparent', weight: 0.55 };
    if (style.includes('color:transparent') || (whiteText(style) && !/background(?:-color)?:(?!#fff\b|#ffffff|white|rgb\(255,255,255\))/.test(style))) return { rule: 'hidden.css-white-text', weight: 0.5 };
    if ((tinyValue(style, 'height:', 1) || tinyValue(style, 'max-height:', 1)) && style.includes('overflow:hidden')) return { rule: 'hidden.css-zero-size', weight: 0.5 };
    if (/(?:left|top|text-indent|margin-left):-\d{3,}/.test(style)) return { rule: 'hidden.css-offscreen', weight: 0.5 };
    if (style.includes('clip:rect(0') || style.includes('transform:scale(0)')) return { rule: 'hidden.css-clipped', weight: 0.5 };
  }
  if (name === 'font' && /color=["']?(?:#fff\b|#ffffff|white)/.test(attributes)) return { rule: 'hidden.css-white-text', weight: 0.5 };
  if (/font-size=["']?0(?:\.0*)?["'\s>px]/.test(`${attributes} `)) return { rule: 'hidden.css-zero-font', weight: 0.55 };
  return undefined;
}

/** The style attribute's value, spaces removed. */
function styleOf(attributes: string): string {
  const at = attributes.indexOf('style=');
  if (at < 0) return '';
  const quote = attributes[at + 6];
  const from = quote === '"' || quote === "'" ? at + 7 : at + 6;
  let to = quote === '"' || quote === "'" ? attributes.indexOf(quote, from) : attributes.indexOf(' ', from);
  if (to < 0) to = attributes.length;
  return attributes.slice(from, to).replace(/\s+/g, '');
}

/** `property:` followed by a number below `limit` (px, em, rem or no unit). */
function tinyValue(style: string, property: string, limit: number): boolean {
  let at = style.indexOf(property);
  while (at >= 0) {
    if (at === 0 || style[at - 1] === ';' || style[at - 1] === '"') {
      const value = parseFloat(style.slice(at + property.length, at + property.length + 12));
      if (!Number.isNaN(value) && value < limit) return true;
    }
    at = style.indexOf(property, at + property.length);
  }
  return false;
}

function whiteText(style: string): boolean {
  return /(?:^|;)color:(?:#fff\b|#ffffff|white|rgb\(255,255,255\)|rgba\(255,255,255,1\))/.test(style);
}

function tagName(text: string, start: number): string {
  let end = start;
  while (end < text.length && end - start < MAX_NAME && isNameCode(text.charCodeAt(end))) end++;
  if (end === start) return '';
  const first = text.charCodeAt(start);
  if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a))) return '';
  return text.slice(start, end).toLowerCase();
}

/** Index after the `>` closing a tag, or -1 when another `<` or the bound comes first. */
function tagEndAt(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_TAG);
  for (let index = from; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x3e) return index + 1;
    if (code === 0x3c) return -1;
  }
  return -1;
}

/** `[//]: # (…)`, `[comment]: <> (…)`, `[//]: <> (…)` up to the end of the line. */
function markdownCommentEnd(text: string, start: number): number {
  const head = text.slice(start, start + 16).toLowerCase();
  const match = /^\[(?:\/\/|comment|_|#)\]:\s*(?:#|<>)\s*\(/.exec(head);
  if (match === null) return start;
  const newline = text.indexOf('\n', start);
  return newline < 0 ? text.length : newline;
}

function isNameCode(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x3a;
}
