/** The text formats the reader turns into Markdown; everything else is refused. */
export type TextKind = 'html' | 'text' | 'markdown' | 'json';

export interface MediaType {
  /** `type/subtype`, lower case, without parameters. */
  readonly essence: string;
  readonly charset: string | undefined;
}

const TOKEN = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/** Parses a Content-Type header; undefined when it is missing or malformed (then the body is sniffed). */
export function parseContentType(header: string | null): MediaType | undefined {
  if (header === null) return undefined;
  const [head = '', ...params] = header.split(';');
  const essence = head.trim().toLowerCase();
  if (!TOKEN.test(essence)) return undefined;
  let charset: string | undefined;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(param);
    if (match?.[1]) charset = match[1].toLowerCase();
  }
  return { essence, charset };
}

/** Which reader handles a declared type; undefined for anything that is not one of the text formats. */
export function textKindOf(essence: string): TextKind | undefined {
  switch (essence) {
    case 'text/html':
    case 'application/xhtml+xml':
      return 'html';
    case 'text/plain':
      return 'text';
    case 'text/markdown':
    case 'text/x-markdown':
      return 'markdown';
    case 'application/json':
    case 'text/json':
      return 'json';
    default:
      return /^application\/[a-z0-9.-]+\+json$/.test(essence) ? 'json' : undefined;
  }
}

interface Signature {
  readonly name: string;
  readonly bytes: readonly (number | undefined)[];
  readonly offset?: number;
}

// Magic numbers of the binary formats a server most often mislabels (undefined = any byte).
const SIGNATURES: readonly Signature[] = [
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a WebP image', bytes: [0x52, 0x49, 0x46, 0x46, undefined, undefined, undefined, undefined, 0x57, 0x45, 0x42, 0x50] },
  { name: 'a BMP image', bytes: [0x42, 0x4d, undefined, undefined, undefined, undefined, 0x00, 0x00, 0x00, 0x00] },
  { name: 'an ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip data', bytes: [0x1f, 0x8b, 0x08] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'an executable', bytes: [0x4d, 0x5a] },
  { name: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'an MP4 or QuickTime video', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { name: 'an Ogg media file', bytes: [0x4f, 0x67, 0x67, 0x53, 0x00] },
  { name: 'an MP3 audio file', bytes: [0x49, 0x44, 0x33] },
  { name: 'a WebM or Matroska video', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { name: 'a font file', bytes: [0x77, 0x4f, 0x46, 0x32] },
  { name: 'a font file', bytes: [0x77, 0x4f, 0x46, 0x46] },
];

/** Names the binary format the bytes start with, whatever the server claimed; undefined when none is recognised. */
export function binarySignature(bytes: Uint8Array): string | undefined {
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0;
    if (bytes.length < offset + signature.bytes.length) continue;
    if (signature.bytes.every((byte, index) => byte === undefined || bytes[offset + index] === byte)) return signature.name;
  }
  return undefined;
}

/** True when the start of the body holds bytes no text has (the WHATWG "binary data bytes"), unless it is UTF-16. */
export function looksBinary(bytes: Uint8Array, charset: string | undefined): boolean {
  if (hasUtf16Bom(bytes) || charset?.startsWith('utf-16') === true) return false;
  const end = Math.min(bytes.length, 4096);
  for (let index = 0; index < end; index++) {
    const byte = bytes[index] ?? 0;
    if (byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f)) return true;
  }
  return false;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe);
}

const HTML_START = /^(?:<!doctype\s+html|<html|<head|<body|<title|<meta|<!--|<(?:p|div|h[1-6]|article|main|section|table|a|br|b|ul|ol|span|font|iframe|script|style)[\s>/])/i;

/**
 * Guesses the format of a body whose type the server did not say. Conservative: only a body
 * that starts the way HTML does is parsed as HTML, only one that parses as JSON is JSON, the
 * rest is plain text (binary bodies are refused before this).
 */
export function sniffTextKind(text: string): TextKind {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (HTML_START.test(start.slice(0, 64))) return 'html';
  if (/^[[{]/.test(start) && isJson(start)) return 'json';
  return 'text';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
