/**
 * Picks the character encoding the way a browser does, minus guessing: a byte-order mark,
 * then the Content-Type charset, then (for HTML) a `<meta>` charset in the first 1024 bytes,
 * then UTF-8. Undecodable bytes become U+FFFD (never an exception).
 */
export function decodeBody(bytes: Uint8Array, headerCharset: string | undefined, isHtml: boolean): { text: string; encoding: string } {
  const candidates = [bomEncoding(bytes), headerCharset, isHtml ? metaCharset(bytes) : undefined, 'utf-8'];
  for (const label of candidates) {
    const decoder = decoderFor(label);
    if (decoder) return { text: fixWindows1252(decoder.decode(bytes), decoder.encoding), encoding: decoder.encoding };
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}

function decoderFor(label: string | undefined): InstanceType<typeof TextDecoder> | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label.trim(), { fatal: false });
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The charset a `<meta>` declares near the top of an HTML page (read as ASCII, as the HTML prescan does). */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const direct = /<meta[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (direct === undefined) return undefined;
  const label = direct.toLowerCase();
  // A page that reached us as bytes cannot really be UTF-16 by <meta>; the HTML spec maps it to UTF-8.
  if (label.startsWith('utf-16')) return 'utf-8';
  if (label === 'x-user-defined') return 'windows-1252';
  return label;
}

// Windows-1252 bytes 0x80–0x9F (€, curly quotes, dashes, …). Node's TextDecoder decodes the
// label as ISO-8859-1 and leaves C1 controls there; browsers (and the Encoding standard) do not.
const WINDOWS_1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixWindows1252(text: string, encoding: string): string {
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char);
}
