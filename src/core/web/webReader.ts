import { boundText } from './boundText';
import { decodeBody } from './charset';
import { readHtml } from './htmlReader';
import { binarySignature, looksBinary, parseContentType, sniffTextKind, textKindOf, type TextKind } from './mediaType';
import { readBodyBounded } from './responseBody';
import { WebReadError } from './webReadError';

/**
 * The fetch the reader is given: SafeFetch in the product (policy, pinned addresses, limits),
 * anything fetch-shaped in tests. The reader never reaches the network any other way.
 */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export interface ReadWebPageOptions {
  readonly fetch: FetchFunction;
  readonly signal?: AbortSignal;
  /** Longest Markdown returned, truncation marker included (default 20,000; 500 to 1,000,000). */
  readonly maxChars?: number;
  /** Most body bytes read; the rest is never downloaded (default 3 MiB). */
  readonly maxBytes?: number;
}

export interface WebPage {
  /** Where the content came from after redirects, without userinfo. */
  readonly finalUrl: string;
  readonly title: string;
  readonly markdown: string;
  /** The media type the content was read as (`text/html`, …; sniffed when the server did not say). */
  readonly contentType: string;
  /** True when the page was longer than the bounds and only its start is in `markdown`. */
  readonly truncated: boolean;
}

export const DEFAULT_MAX_CHARS = 20_000;
export const DEFAULT_MAX_BYTES = 3 * 1024 * 1024;

const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, text/markdown;q=0.9, text/plain;q=0.8, application/json;q=0.8, */*;q=0.1';
const KIND_TYPE: Readonly<Record<TextKind, string>> = { html: 'text/html', text: 'text/plain', markdown: 'text/markdown', json: 'application/json' };

/**
 * Fetches a web page through the given fetch and returns its main text as Markdown, bounded.
 * Only text formats are read (HTML, plain text, Markdown, JSON); HTML is parsed without
 * running anything and stripped of hidden content before extraction (see readHtml).
 * Throws WebReadError for pages that cannot or must not be read, and lets the fetch
 * function's own errors through (EgressBlockedError from SafeFetch, AbortError).
 */
export async function readWebPage(url: string | URL, options: ReadWebPageOptions): Promise<WebPage> {
  const target = requestUrl(url);
  const maxChars = Math.min(1_000_000, Math.max(500, Math.floor(options.maxChars ?? DEFAULT_MAX_CHARS)));
  const maxBytes = Math.max(1024, Math.floor(options.maxBytes ?? DEFAULT_MAX_BYTES));
  const response = await options.fetch(target.href, {
    method: 'GET',
    headers: { accept: ACCEPT },
    credentials: 'omit',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const finalUrl = responseUrl(response, target);
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new WebReadError('WEB_HTTP_STATUS', `The server answered ${response.status}${statusText(response)} for ${finalUrl}.`);
  }
  const declared = parseContentType(response.headers.get('content-type'));
  const declaredKind = declared ? textKindOf(declared.essence) : undefined;
  if (declared && !declaredKind) {
    await response.body?.cancel().catch(() => undefined);
    throw new WebReadError('WEB_UNSUPPORTED_TYPE', `The server sent ${declared.essence} content; web.fetch reads only text pages (HTML, plain text, Markdown, JSON).`);
  }
  const body = await readBodyBounded(response, maxBytes, options.signal);
  const signature = binarySignature(body.bytes);
  if (signature !== undefined || looksBinary(body.bytes, declared?.charset)) {
    const said = declared ? `The server said ${declared.essence}, but the content is` : 'The content is';
    throw new WebReadError('WEB_BINARY_CONTENT', `${said} ${signature ?? 'binary data'}; web.fetch reads only text pages (HTML, plain text, Markdown, JSON).`);
  }
  const { text } = decodeBody(body.bytes, declared?.charset, declaredKind === 'html' || declaredKind === undefined);
  const kind = declaredKind ?? sniffTextKind(text);
  const contentType = declared?.essence ?? KIND_TYPE[kind];
  const read = readText(kind, text, finalUrl, maxChars);
  const bounded = boundText(read.markdown, maxChars, read.markdown.length, body.cut || read.pruned);
  return { finalUrl, title: read.title, markdown: bounded.text, contentType, truncated: bounded.truncated };
}

function readText(kind: TextKind, text: string, finalUrl: string, maxChars: number): { title: string; markdown: string; pruned: boolean } {
  switch (kind) {
    case 'html': {
      // Prune the DOM at a margin past the limit: text loses whitespace and gains link URLs on its way to Markdown.
      const reading = readHtml(text, finalUrl, maxChars * 2 + 10_000);
      return { title: reading.title, markdown: reading.markdown, pruned: reading.pruned };
    }
    case 'json':
      return { title: fileTitle(finalUrl), markdown: prettyJson(text), pruned: false };
    case 'markdown': {
      const markdown = normalizeNewlines(text);
      const heading = /^#{1,2}[ \t]+(.+)$/m.exec(markdown)?.[1];
      return { title: (heading ?? fileTitle(finalUrl)).trim().slice(0, 300), markdown, pruned: false };
    }
    case 'text':
      return { title: fileTitle(finalUrl), markdown: normalizeNewlines(text), pruned: false };
  }
}

function requestUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input.toString().trim());
  } catch {
    throw new WebReadError('WEB_INVALID_URL', 'The URL is not valid; give an absolute http:// or https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebReadError('WEB_INVALID_URL', `Only http:// and https:// URLs are read, not ${url.protocol}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new WebReadError('WEB_INVALID_URL', 'URLs with credentials (user:password@) are not fetched.');
  }
  url.hash = '';
  return url;
}

function responseUrl(response: Response, requested: URL): string {
  try {
    const url = new URL(response.url || requested.href);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return requested.href;
  }
}

function statusText(response: Response): string {
  const text = response.statusText.replace(/[^\x20-\x7e]/g, '').trim().slice(0, 60);
  return text === '' ? '' : ` ${text}`;
}

/** JSON pretty-printed in a fence longer than any backtick run inside; invalid JSON is shown as it came. */
function prettyJson(text: string): string {
  let pretty: string;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2) ?? text;
  } catch {
    return normalizeNewlines(text); // invalid, or nested too deep to re-print
  }
  const longestRun = Math.max(2, ...(pretty.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}json\n${pretty}\n${fence}`;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
}

/** A title for a document that has none of its own: the last path segment, or the host. */
function fileTitle(finalUrl: string): string {
  try {
    const url = new URL(finalUrl);
    const segment = url.pathname.split('/').filter(Boolean).pop();
    return segment ? decodeURIComponentSafe(segment).replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 300) : url.host;
  } catch {
    return '';
  }
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
