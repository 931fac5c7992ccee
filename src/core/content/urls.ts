import type { ContentCategory } from './contentTypes';
import { decodeBase64, decodeEscapes, readsAsText } from './encoded';

/** A finding with offsets into the original text. */
export interface SpanFinding {
  readonly rule: string;
  readonly category: ContentCategory;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
}

type Context = 'image' | 'link' | 'bare';

/** Request collectors and tunnels used to receive stolen data. */
const COLLECTORS = ['webhook.site', 'requestbin', 'pipedream.net', 'ngrok.io', 'ngrok-free.app', 'ngrok.app', 'burpcollaborator.net', 'oastify.com', 'interact.sh', 'oast.fun', 'oast.pro', 'oast.live', 'oast.site', 'oast.online', 'oast.me', 'canarytokens.com', 'beeceptor.com', 'hookbin.com', 'requestcatcher.com', 'postb.in', 'ptsv2.com', 'ptsv3.com', 'webhook.cool', 'trycloudflare.com', 'requestinspector.com', 'mockbin.org'];
/** Names a placeholder gives the data it wants filled in. */
const SENSITIVE_NAME = /conversation|history|chat|secret|key|token|passw|prompt|system|summary|data|message|env|credential|context|memory|cookie|session|base64|insert|paste|here|content|file|user|response|answer|query|input/i;
/**
 * A URI-template name in a path (`/users/{id}`, `/${tenant}/`) is documentation or code; it asks
 * for private data only when named for a secret or the conversation.
 */
const SECRET_NAME = /conversation|history|chat|secret|token|passw|prompt|summary|credential|cookie|memory|api_?key|private_?key|base64|\benv\b|paste|insert/i;
const UPPER_WORDS = new Set(['BASE64', 'DATA', 'SECRET', 'SECRETS', 'TOKEN', 'KEY', 'SUMMARY', 'HISTORY', 'CHAT', 'CONVERSATION', 'PASSWORD', 'ENV', 'PROMPT']);
/** `YOUR_TOKEN`, `INSERT_KEY`, `SECRET_HERE`: an upper-case word that says it is a slot to fill. */
const FILL_IN = /^(?:YOUR|MY|INSERT|PASTE|PUT)_|_HERE$/;
/** `API_KEY`, `CHAT_HISTORY`: an upper-case word named for a secret or the conversation. */
const SECRET_SUFFIX = /_(?:KEY|TOKEN|SECRET|SECRETS|PASSWORD|DATA|HISTORY|SUMMARY|PROMPT|BASE64)$/;
/** Upper-case file names every repository has; `HISTORY.md` is a changelog, not the chat history. */
const DOC_NAMES = new Set(['README', 'CHANGELOG', 'CHANGES', 'HISTORY', 'LICENSE', 'LICENCE', 'COPYING', 'NOTICE', 'AUTHORS', 'CONTRIBUTORS', 'CONTRIBUTING', 'SECURITY', 'CODE_OF_CONDUCT', 'SUPPORT', 'MAINTAINERS', 'TODO', 'FAQ', 'UPGRADING', 'MIGRATION', 'RELEASE', 'RELEASES', 'NEWS']);
const FILE_EXTENSION = /\.[A-Za-z0-9]{1,8}$/;
/** Query keys that carry a search: a link's text there is what to search for. */
const SEARCH_KEY = /^(?:q|query|search|search_query|s|k|keywords?|term|terms|text)$/i;
const METADATA_HOSTS = ['169.254.169.254', 'metadata.google.internal', '100.100.100.200', 'fd00:ec2::254'];
/**
 * A URL that is the value of an assignment or a call's argument in code (`IMDS_ENDPOINT =
 * "http://169.254.169.254/…"`, `new URL(\`http://metadata.google.internal/…\`)`, the Azure, AWS and
 * OpenAI SDKs): the code that reaches the metadata service, not an order to the reader to go
 * there. Weak then: it still adds to another finding.
 */
const ASSIGNED = /(?:[\w\])]\s*=|\w\()\s*["'`]$/;
const ASSIGNED_REACH = 24;
const MAX_URL = 4096;
const MAX_LOOKBACK = 200;
const LONG_VALUE = 48;

/** Weights by what the URL carries and where it sits: an image is fetched without a click. */
const WEIGHTS: Readonly<Record<string, Readonly<Record<Context, number>>>> = {
  'placeholder': { image: 0.85, link: 0.6, bare: 0.3 },
  'upper-placeholder': { image: 0.85, link: 0.35, bare: 0.2 },
  'template': { image: 0.45, link: 0.2, bare: 0.1 },
  'encoded-text': { image: 0.6, link: 0.45, bare: 0.3 },
  'long-value': { image: 0.3, link: 0.2, bare: 0.1 },
  'append-slot': { image: 0.45, link: 0.3, bare: 0.2 },
  'collector': { image: 0.6, link: 0.45, bare: 0.35 },
};

/**
 * Looks at every http(s) URL once (the scan resumes after each URL, so it is linear): Markdown
 * images and links, HTML src/href, and bare URLs, for data riding in the query or path —
 * placeholders for secrets or the conversation, long encoded values, an empty parameter left to
 * append to, a known request collector — and for cloud metadata endpoints.
 */
export function findUrlFindings(text: string): SpanFinding[] {
  const findings: SpanFinding[] = [];
  let index = 0;
  while (index < text.length) {
    const start = nextUrlStart(text, index);
    if (start < 0) break;
    let end = start;
    while (end < text.length && end - start < MAX_URL && !isUrlStop(text.charCodeAt(end))) end++;
    const url = text.slice(start, end);
    const context = contextOf(text, start);
    const trailing = placeholderAfter(text, end);
    analyse(url + trailing.text, context, ASSIGNED.test(text.slice(Math.max(0, start - ASSIGNED_REACH), start)), start, end + trailing.length, findings);
    index = Math.max(end, start + 1);
  }
  return findings;
}

function analyse(url: string, context: Context, assigned: boolean, start: number, end: number, out: SpanFinding[]): void {
  const add = (kind: string, category: ContentCategory = 'exfiltration'): void => {
    const weight = WEIGHTS[kind]?.[context] ?? 0;
    if (weight > 0) out.push({ rule: `exfil.url.${context}.${kind}`, category, weight, start, end });
  };
  const hostStart = url.indexOf('://') + 3;
  let hostEnd = hostStart;
  while (hostEnd < url.length && !'/?#'.includes(url[hostEnd] ?? '/')) hostEnd++;
  const host = url.slice(hostStart, hostEnd).toLowerCase().replace(/^[^@]*@/, '').replace(/:\d+$/, '');
  if (METADATA_HOSTS.some((metadata) => host === metadata || host === `[${metadata}]`)) {
    out.push({ rule: 'tool.url.cloud-metadata', category: 'tool-hijacking', weight: assigned ? 0.2 : 0.45, start, end });
  }
  if (COLLECTORS.some((collector) => host === collector || host.endsWith(`.${collector}`) || host.startsWith(`${collector}.`))) add('collector');
  // Only path and query leave the machine: an image fetch or a click keeps the fragment in the
  // browser. A page opened by a click can still read its own fragment, so a link's fragment is
  // checked for a secret placeholder alone.
  const hash = url.indexOf('#', hostEnd);
  const rest = url.slice(hostEnd, hash < 0 ? url.length : hash);
  const query = rest.indexOf('?');
  const path = decoded(query < 0 ? rest : rest.slice(0, query));
  const search = query < 0 ? '' : decoded(rest.slice(query));
  const found = [placeholderIn(search), pathPlaceholderIn(path)];
  const placeholder = found.includes('sensitive') ? 'sensitive' : found.includes('template') ? 'template' : undefined;
  if (placeholder === 'sensitive' || (context === 'link' && hash >= 0 && placeholderIn(decoded(url.slice(hash))) === 'sensitive')) add('placeholder');
  else if (placeholder === 'template') add('template');
  else if (hasUpperPlaceholder(search) || hasUpperPathSlot(path, context === 'image')) add('upper-placeholder');
  const pairs = query < 0 ? [] : rest.slice(query + 1).split('&');
  // A link's search words are what the page searches for ("issues?q=is%3Aopen+label%3A%22good+first+issue%22"), not data sent out.
  const values = pairs.filter((pair) => context === 'image' || !SEARCH_KEY.test(pair.slice(0, Math.max(0, pair.indexOf('='))))).map((pair) => pair.slice(pair.indexOf('=') + 1));
  if (query >= 0 && rest.endsWith('=')) add('append-slot');
  const segments = [...values.map((value) => ({ value, inQuery: true })), ...rest.slice(0, query < 0 ? rest.length : query).split('/').map((value) => ({ value, inQuery: false }))];
  let readable = false;
  let long = false;
  for (const { value, inQuery } of segments) {
    if (value.length < LONG_VALUE || isEncodedJson(value)) continue;
    if (inQuery) long = true;
    if (value.includes('%') ? escapesText(value) : readsAsEncodedText(value)) readable = true;
  }
  if (readable) add('encoded-text');
  else if (long) add('long-value');
}

function decoded(part: string): string {
  return part.includes('%') ? decodeEscapes(part) : part;
}

/** A configuration passed as JSON (a VS Code install link's `config=%7B%22command%22…`) is read, not opaque; its placeholders still count. */
function isEncodedJson(value: string): boolean {
  if (!/^%(?:7B|5B)/i.test(value)) return false;
  try {
    return typeof JSON.parse(decodeEscapes(value)) === 'object';
  } catch {
    return false;
  }
}

function readsAsEncodedText(value: string): boolean {
  return readsAsWords(decodeBase64(value)) && !/^[0-9a-f]+$/i.test(value);
}

/** Decoded bytes that are text with a word in them, not stray symbols. */
function readsAsWords(plain: string): boolean {
  return readsAsText(plain) && /[a-z]{3}/i.test(plain);
}

/**
 * A percent-encoded value that hides text: words apart, or letters and digits escaped that an
 * encoder leaves as they are. Encoded JSON, paths and URLs (`%7B%22command%22`, `a%2Fb%2Fc`) are
 * how a query carries structure, readable as they stand.
 */
function escapesText(value: string): boolean {
  const plain = decodeEscapes(value);
  return readsAsWords(plain) && (/\S\s+\S/.test(plain) || /%(?:3\d|[46][1-9a-f]|[57][0-9a])/i.test(value));
}

/**
 * A placeholder in the path: a URI template (`/users/{id}`, `/${tenant}/`) counts only when named
 * for a secret; `{{…}}`, `$(…)`, `<…>` and `[…]` count as in a query.
 */
function pathPlaceholderIn(path: string): 'sensitive' | 'template' | undefined {
  let sensitive = false;
  const rest = path.replace(/(?<!\{)\$?\{([\w.-]{1,80})\}(?!\})/g, (_template, name: string) => {
    if (SECRET_NAME.test(name)) sensitive = true;
    return '';
  });
  return sensitive ? 'sensitive' : placeholderIn(rest);
}

/** `{{…}}`, `${…}`, `$(…)`, `<…>`, `[…]` in a URL: "sensitive" when its name asks for private data. */
function placeholderIn(part: string): 'sensitive' | 'template' | undefined {
  let found: 'template' | undefined;
  for (let index = 0; index < part.length; index++) {
    const char = part[index];
    if (char !== '{' && char !== '$' && char !== '<' && char !== '[') continue;
    // `{"` and `["` open JSON, the way a query carries a configuration; what is inside is still read.
    if ((char === '{' || char === '[') && part[index + 1] === '"') continue;
    if (char === '$' && part[index + 1] !== '{' && part[index + 1] !== '(') continue;
    const close = char === '<' ? '>' : char === '[' ? ']' : char === '$' && part[index + 1] === '(' ? ')' : '}';
    const limit = Math.min(part.length, index + 80);
    let end = index + 1;
    while (end < limit && part[end] !== close) end++;
    const name = part.slice(index, end);
    if (SENSITIVE_NAME.test(name)) return 'sensitive';
    found = 'template';
    index = end;
  }
  return found;
}

/** `YOUR_API_KEY`, `SUMMARY_HERE`, `BASE64`: an upper-case name standing for data to fill in. One pass. */
function hasUpperPlaceholder(part: string): boolean {
  let start = -1;
  for (let index = 0; index <= part.length; index++) {
    const code = index < part.length ? part.charCodeAt(index) : 0;
    const upper = (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
    if (upper) {
      if (start < 0) start = index;
      continue;
    }
    if (start >= 0) {
      const word = part.slice(start, index);
      const lowerAround = /[a-z]/.test(part[start - 1] ?? '') || /[a-z]/.test(part[index] ?? '');
      if (!lowerAround && /^[A-Z]/.test(word) && (UPPER_WORDS.has(word) || (word.includes('_') && /[A-Z]_[A-Z0-9]/.test(word) && word.length >= 5))) return true;
      start = -1;
    }
  }
  return false;
}

/**
 * An upper-case word in the path that is a slot to fill (`/YOUR_TOKEN`, `/API_KEY`). A file name
 * (`TOKEN_CACHING.md`), a repository's own documents (`HISTORY.md`, `LICENSE`) and a constant's
 * documentation page (`MAX_SAFE_INTEGER`) are not, except in an image, fetched without a click, where
 * upper-case words joined by "_" are (`USER_EMAIL`; not a badge's protocol version, `HTTP_1.1`).
 */
function hasUpperPathSlot(path: string, image: boolean): boolean {
  for (const segment of path.split('/')) {
    const name = segment.replace(FILE_EXTENSION, '');
    const file = name !== segment;
    for (const [word] of name.matchAll(/(?<![A-Za-z0-9])[A-Z][A-Z0-9_]+(?![a-z0-9])/g)) {
      if (DOC_NAMES.has(word)) continue;
      if (FILL_IN.test(word) || (!file && (UPPER_WORDS.has(word) || SECRET_SUFFIX.test(word) || (image && /[A-Z]_[A-Z]/.test(word))))) return true;
    }
  }
  return false;
}

/** Text glued to the end of a URL that stopped at a space: `?d=<insert the user's API key here>`. */
function placeholderAfter(text: string, end: number): { text: string; length: number } {
  const next = text[end];
  if (next !== '<' && next !== '{' && next !== '[') return { text: '', length: 0 };
  const close = next === '<' ? '>' : next === '{' ? '}' : ']';
  const limit = Math.min(text.length, end + 80);
  for (let index = end + 1; index < limit; index++) {
    if (text[index] === '\n') break;
    if (text[index] === close) return { text: text.slice(end, index + 1), length: index + 1 - end };
  }
  return { text: '', length: 0 };
}

/**
 * Where the first `http://` or `https://` (in any case) at or after `from` starts, or -1. Found
 * through the "://" it must hold (the engine's string search, not a loop over every character):
 * the first "://" that has one of the two before it gives the first start.
 */
function nextUrlStart(text: string, from: number): number {
  for (let colon = text.indexOf('://', from + 4); colon >= 0; colon = text.indexOf('://', colon + 1)) {
    if (colon - 5 >= from && (text.charCodeAt(colon - 1) | 0x20) === 0x73 && isHttpAt(text, colon - 5)) return colon - 5;
    if (isHttpAt(text, colon - 4)) return colon - 4;
  }
  return -1;
}

/** "http" in any case at `index`. */
function isHttpAt(text: string, index: number): boolean {
  return (text.charCodeAt(index) | 0x20) === 0x68 && (text.charCodeAt(index + 1) | 0x20) === 0x74 && (text.charCodeAt(index + 2) | 0x20) === 0x74 && (text.charCodeAt(index + 3) | 0x20) === 0x70;
}

function isUrlStop(code: number): boolean {
  return code <= 0x20 || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e || code === 0x60 || code === 0x29 || code === 0x5d || code === 0x7c || code === 0x5c;
}

/** Markdown `![…](url)` or `<img src=…>` is an image; `[…](url)` or `href=` a link; else bare. */
function contextOf(text: string, start: number): Context {
  if (text.charCodeAt(start - 1) === 0x28 && text.charCodeAt(start - 2) === 0x5d) {
    // The `[` that opens this label, past any nested `[…]`: `[![badge](img)](url)` is a link.
    const floor = Math.max(0, start - MAX_LOOKBACK);
    let depth = 0;
    for (let index = start - 3; index >= floor; index--) {
      const code = text.charCodeAt(index);
      if (code === 0x0a) break;
      if (code === 0x5d) depth++;
      else if (code === 0x5b && depth-- === 0) return text.charCodeAt(index - 1) === 0x21 ? 'image' : 'link';
    }
    return 'link';
  }
  const before = text.slice(Math.max(0, start - 12), start).toLowerCase().replace(/\s+/g, '');
  if (/src=["']?$/.test(before)) return 'image';
  if (/href=["']?$/.test(before)) return 'link';
  return 'bare';
}
