import type { EncodingKind } from './contentTypes';

/** A candidate blob and what it decodes to. */
export interface DecodedPayload {
  readonly encoding: EncodingKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Bounds that keep decoding linear and small whatever the input. */
export interface DecodeBudget {
  /** Decoded characters over all candidates of one scan. */
  remaining: number;
}

export const DEFAULT_DECODE_BUDGET = 256 * 1024;
const utf8 = new TextDecoder();
const MIN_BASE64 = 20;
/** Ten bytes of base32. */
const MIN_BASE32 = 16;
/** Four or more bytes written as groups of eight bits, with or without a space or comma between. */
const BINARY_RUN = /[01]{8}(?:[ ,]?[01]{8}){3,}/g;
const MIN_HEX = 16;
const MAX_CANDIDATE = 16 * 1024;
const MIN_ESCAPES = 3;
const MAX_ESCAPE_GAP = 24;
/** Where an escape can start: every escapeAt match starts with one of these. */
const ESCAPE_START = /%[0-9a-f]{2}|&#|\\[ux]/gi;
/** Every kept payload costs at least this much budget, which bounds how many are scanned again. */
const PAYLOAD_OVERHEAD = 512;

/**
 * Finds blobs that may hide text and decodes them, one level: base64 (standard and URL-safe),
 * base32, hex, bits in groups of eight, runs of escapes (`%69`, `&#105;`, `\u0069`, `\x69`)
 * decoded in place, and Morse code. Only decodings
 * that read as text are kept. One pass over the input plus at most `budget` decoded characters.
 */
export function findEncodedPayloads(text: string, budget: DecodeBudget): DecodedPayload[] {
  const payloads: DecodedPayload[] = [];
  collectBlobs(text, budget, payloads);
  collectEscapeRuns(text, budget, payloads);
  collectBinaryRuns(text, budget, payloads);
  // Last: an ordinary text's dot-and-dash runs never take budget from the payloads above.
  collectMorseRuns(text, budget, payloads);
  return payloads;
}

function collectBlobs(text: string, budget: DecodeBudget, out: DecodedPayload[]): void {
  const length = text.length;
  // Skip-scan: a run of MIN_HEX holds the character MIN_HEX - 1 ahead, so most probes jump MIN_HEX
  // characters. `index` is always 0 or just after a character that is not base64.
  let index = 0;
  while (index + MIN_HEX <= length && budget.remaining > 0) {
    const probe = index + MIN_HEX - 1;
    if (!isBase64Code(text.charCodeAt(probe))) {
      index = probe + 1;
      continue;
    }
    let start = probe;
    while (start > index && isBase64Code(text.charCodeAt(start - 1))) start--;
    index = probe + 1;
    while (index < length && isBase64Code(text.charCodeAt(index))) index++;
    if (index - start < MIN_HEX) continue;
    let seen = 0;
    let hexOnly = HEX;
    for (let at = start; at < index; at++) {
      const bits = BLOB_CLASS[text.charCodeAt(at)] ?? 0;
      seen |= bits;
      hexOnly &= bits;
    }
    const standard = (seen & STANDARD) !== 0;
    const urlSafe = (seen & URL_SAFE) !== 0;
    const upper = (seen & UPPER) !== 0;
    const lower = (seen & LOWER) !== 0;
    const digit = (seen & DIGIT) !== 0;
    let end = index;
    while (index < text.length && text.charCodeAt(index) === 0x3d) index++; // padding
    if (standard && urlSafe) continue;
    let blob = text.slice(start, Math.min(end, start + MAX_CANDIDATE));
    end = start + blob.length;
    if (hexOnly !== 0 && blob.length >= MIN_HEX) {
      keepBytes(out, budget, 'hex', hexBytes(blob.length % 2 === 0 ? blob : blob.slice(0, -1)), start, end);
      continue;
    }
    if (blob.length >= MIN_HEX + 2 && /^0x[0-9a-f]+$/i.test(blob.slice(0, 64))) {
      blob = blob.slice(2);
      if (/^[0-9a-f]+$/i.test(blob)) {
        keepBytes(out, budget, 'hex', hexBytes(blob.length % 2 === 0 ? blob : blob.slice(0, -1)), start, end);
        continue;
      }
    }
    // Upper-case letters and 2-7 only: base32 (RFC 4648) first, base64 when that is not text.
    if (blob.length >= MIN_BASE32 && (seen & NOT_BASE32) === 0 && keepBytes(out, budget, 'base32', base32Bytes(blob), start, index)) continue;
    if (blob.length >= MIN_BASE64 && (digit || (upper && lower))) keepBytes(out, budget, 'base64', base64Bytes(blob), start, index);
  }
}

/** Bits written out as groups of eight ("01001001 01100111 …"), decoded. */
function collectBinaryRuns(text: string, budget: DecodeBudget, out: DecodedPayload[]): void {
  BINARY_RUN.lastIndex = 0;
  for (let match = BINARY_RUN.exec(text); match !== null && budget.remaining > 0; match = BINARY_RUN.exec(text)) {
    keepBytes(out, budget, 'binary', unpackBits(match[0].slice(0, MAX_CANDIDATE), BINARY_VALUES, 1), match.index, match.index + match[0].length);
  }
}

/**
 * Where a Morse run can start: three codes of one to seven dots and dashes with a gap after each of
 * the first two. Bounded repeats of classes that share no character, so an attempt that fails gives
 * up after a few dozen characters and the search stays linear.
 */
const MORSE_START = /[.\-_\u00b7\u2022\u2212\u2013\u2014]{1,7}[ \t/|\r\n]{1,8}[.\-_\u00b7\u2022\u2212\u2013\u2014]{1,7}[ \t/|\r\n]{1,8}[.\-_\u00b7\u2022\u2212\u2013\u2014]/g;
/** The longest code (`$`, ...-..-) and the widest gap between two codes. */
const MAX_MORSE_CODE = 7;
const MAX_MORSE_GAP = 8;
/**
 * Below these a run is ordinary punctuation, not a message: spaced ellipses, Markdown rules and
 * tables ("| --- | --- |" is O O O…), an alphabet chart, ASCII art. A message has letters in
 * several words, mostly letters (a table of dashes decodes to digits), and more than a handful
 * of different letters (art and rules repeat one or two).
 */
const MIN_MORSE_LETTERS = 8;
const MIN_MORSE_WORDS = 2;
const MIN_MORSE_DISTINCT = 5;
const MIN_MORSE_LETTER_SHARE = 0.8;

/**
 * Morse code (ITU-R M.1677 letters, digits and punctuation), letters split by one space, words by
 * '/', '|', a line break or more spaces, decoded in lower case (read as prose, not as a shouted
 * banner).
 */
function collectMorseRuns(text: string, budget: DecodeBudget, out: DecodedPayload[]): void {
  MORSE_START.lastIndex = 0;
  for (let match = MORSE_START.exec(text); match !== null && budget.remaining > 0; match = MORSE_START.exec(text)) {
    const run = readMorse(text, match.index);
    MORSE_START.lastIndex = Math.max(run.next, match.index + 1);
    if (run.letters >= MIN_MORSE_LETTERS && run.words >= MIN_MORSE_WORDS && run.letters >= run.characters * MIN_MORSE_LETTER_SHARE && bitCount(run.distinct) >= MIN_MORSE_DISTINCT) {
      keep(out, budget, 'morse', run.text, run.start, run.end);
    }
  }
}

interface MorseRun {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Where the search resumes: after the last code read, kept or not. */
  readonly next: number;
  readonly letters: number;
  /** Words holding a letter. */
  readonly words: number;
  /** Decoded characters other than spaces. */
  readonly characters: number;
  /** One bit per letter seen. */
  readonly distinct: number;
}

/**
 * The run of codes from `from`: it ends at a code that is not Morse or is glued to a word ("--flag",
 * "Wait..."), at a gap wider than MAX_MORSE_GAP or anything else, or at MAX_CANDIDATE characters.
 * A code glued to the word or symbols before `from` is read past, not decoded.
 */
function readMorse(text: string, from: number): MorseRun {
  let index = from;
  let start = -1;
  let end = from;
  let decoded = '';
  let wordBreak = false;
  let letters = 0;
  let words = 0;
  let wordHasLetter = false;
  let characters = 0;
  let distinct = 0;
  while (index < text.length && index - from < MAX_CANDIDATE) {
    const codeStart = index;
    let value = 1; // a leading 1, then one bit per symbol (dash 1), so every code has its own index
    for (let symbol = morseSymbol(text.charCodeAt(index)); symbol >= 0 && index - codeStart <= MAX_MORSE_CODE; symbol = morseSymbol(text.charCodeAt(index))) {
      value = value * 2 + symbol;
      index++;
    }
    const char = index - codeStart <= MAX_MORSE_CODE ? (MORSE_CHARS[value] ?? '') : '';
    const before = codeStart === from && codeStart > 0 ? text.charCodeAt(codeStart - 1) : 0x20;
    // The search can start inside a longer row of symbols ("--------- .-"): its tail is not a code.
    const glued = isWordCode(text.charCodeAt(index)) || isWordCode(before) || morseSymbol(before) >= 0;
    if (char === '' || (glued && codeStart !== from)) break;
    if (!glued) {
      if (start < 0) start = codeStart;
      if (wordBreak && decoded !== '') {
        decoded += ' ';
        if (wordHasLetter) words++;
        wordHasLetter = false;
      }
      decoded += char;
      end = index;
      characters++;
      const letter = char.charCodeAt(0) - 0x61;
      if (letter >= 0 && letter < 26) {
        letters++;
        wordHasLetter = true;
        distinct |= 1 << letter;
      }
    }
    const gapStart = index;
    wordBreak = false;
    while (index - gapStart <= MAX_MORSE_GAP && isMorseGap(text.charCodeAt(index))) {
      const code = text.charCodeAt(index);
      if (code !== 0x20 && code !== 0x09) wordBreak = true;
      index++;
    }
    if (index - gapStart >= 2) wordBreak = true;
    if (index === gapStart || index - gapStart > MAX_MORSE_GAP || morseSymbol(text.charCodeAt(index)) < 0) break;
  }
  if (wordHasLetter) words++;
  return { text: decoded, start: Math.max(start, from), end, next: Math.max(end, index), letters, words, characters, distinct };
}

/**
 * 0 for a dot ('.', '·', '•'), 1 for a dash ('-', '−', '–', '—', '_'), -1 otherwise. '_' is read as
 * a dash: among dots, dashes and spaces it has no other reading (Morse's own underscore is
 * ..--.-, never the symbol itself), and it is what people type where Markdown would make '-' a list.
 */
function morseSymbol(code: number): number {
  if (code === 0x2e || code === 0xb7 || code === 0x2022) return 0;
  if (code === 0x2d || code === 0x5f || code === 0x2212 || code === 0x2013 || code === 0x2014) return 1;
  return -1;
}

function isMorseGap(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x2f || code === 0x7c || code === 0x0a || code === 0x0d;
}

/** Letters, digits and anything beyond ASCII that is not a Morse symbol: a code touching one is part of a word. */
function isWordCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x80 && morseSymbol(code) < 0);
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** Per code index (a leading 1, then 0 per dot and 1 per dash), the character it spells. */
const MORSE_CHARS: string[] = [];
for (const [char, code] of Object.entries({
  a: '.-', b: '-...', c: '-.-.', d: '-..', e: '.', f: '..-.', g: '--.', h: '....', i: '..', j: '.---', k: '-.-', l: '.-..', m: '--',
  n: '-.', o: '---', p: '.--.', q: '--.-', r: '.-.', s: '...', t: '-', u: '..-', v: '...-', w: '.--', x: '-..-', y: '-.--', z: '--..',
  0: '-----', 1: '.----', 2: '..---', 3: '...--', 4: '....-', 5: '.....', 6: '-....', 7: '--...', 8: '---..', 9: '----.',
  '.': '.-.-.-', ',': '--..--', '?': '..--..', "'": '.----.', '!': '-.-.--', '/': '-..-.', '(': '-.--.', ')': '-.--.-', '&': '.-...',
  ':': '---...', ';': '-.-.-.', '=': '-...-', '+': '.-.-.', '-': '-....-', _: '..--.-', '"': '.-..-.', $: '...-..-', '@': '.--.-.',
})) {
  MORSE_CHARS[[...code].reduce((value, symbol) => value * 2 + (symbol === '-' ? 1 : 0), 1)] = char;
}

/** Runs of escapes with at most a few plain characters between them, decoded in place. */
function collectEscapeRuns(text: string, budget: DecodeBudget, out: DecodedPayload[]): void {
  let index = 0;
  while (index < text.length && budget.remaining > 0) {
    // Jump to the next place an escape can start (a native regex scan, far cheaper than a loop here).
    ESCAPE_START.lastIndex = index;
    const next = ESCAPE_START.exec(text);
    if (next === null) return;
    index = next.index;
    const first = escapeAt(text, index);
    if (first === undefined) {
      index++;
      continue;
    }
    const start = index;
    let end = first.end;
    let escapes = 1;
    let cursor = first.end;
    const kinds = new Set<EncodingKind>([first.kind]);
    while (cursor < text.length && cursor - start < MAX_CANDIDATE) {
      let probe = cursor;
      while (probe < text.length && probe - cursor <= MAX_ESCAPE_GAP && escapeAt(text, probe) === undefined && text.charCodeAt(probe) !== 0x0a) probe++;
      const next = probe < text.length ? escapeAt(text, probe) : undefined;
      if (next === undefined) break;
      escapes++;
      kinds.add(next.kind);
      end = next.end;
      cursor = next.end;
    }
    index = end;
    if (escapes < MIN_ESCAPES) continue;
    // Take in the word glued to either end ("msg=Ignore%20previous%20…%20sh").
    let from = start;
    while (from > 0 && start - from < MAX_ESCAPE_GAP && isWordGlue(text.charCodeAt(from - 1))) from--;
    let to = end;
    while (to < text.length && to - end < MAX_ESCAPE_GAP && isWordGlue(text.charCodeAt(to)) && escapeAt(text, to) === undefined) to++;
    index = to;
    const decoded = decodeEscapes(text.slice(from, to));
    keep(out, budget, kinds.size === 1 ? first.kind : 'percent', decoded, from, to);
  }
}

interface Escape {
  readonly kind: EncodingKind;
  readonly end: number;
}

/** An escape starting exactly at `index`: `%XX`, `&#NN;`, `&#xHH;`, `\uXXXX`, `\u{X…}`, `\xHH`. */
function escapeAt(text: string, index: number): Escape | undefined {
  const code = text.charCodeAt(index);
  if (code === 0x25) return isHexCode(text.charCodeAt(index + 1)) && isHexCode(text.charCodeAt(index + 2)) ? { kind: 'percent', end: index + 3 } : undefined;
  if (code === 0x26 && text.charCodeAt(index + 1) === 0x23) {
    const hex = text.charCodeAt(index + 2) === 0x78 || text.charCodeAt(index + 2) === 0x58;
    let cursor = index + (hex ? 3 : 2);
    const digitsStart = cursor;
    while (cursor < text.length && cursor - digitsStart < 7 && (hex ? isHexCode(text.charCodeAt(cursor)) : isDigitCode(text.charCodeAt(cursor)))) cursor++;
    return cursor > digitsStart && text.charCodeAt(cursor) === 0x3b ? { kind: 'html-entities', end: cursor + 1 } : undefined;
  }
  if (code === 0x5c) {
    const marker = text.charCodeAt(index + 1);
    if (marker === 0x78) return isHexCode(text.charCodeAt(index + 2)) && isHexCode(text.charCodeAt(index + 3)) ? { kind: 'unicode-escapes', end: index + 4 } : undefined;
    if (marker !== 0x75) return undefined;
    if (text.charCodeAt(index + 2) === 0x7b) {
      let cursor = index + 3;
      while (cursor < text.length && cursor - index < 10 && isHexCode(text.charCodeAt(cursor))) cursor++;
      return cursor > index + 3 && text.charCodeAt(cursor) === 0x7d ? { kind: 'unicode-escapes', end: cursor + 1 } : undefined;
    }
    for (let offset = 2; offset < 6; offset++) if (!isHexCode(text.charCodeAt(index + offset))) return undefined;
    return { kind: 'unicode-escapes', end: index + 6 };
  }
  return undefined;
}

/** Decodes every escape in `run`, keeping the characters between them; `%XX` bytes are read as UTF-8. */
export function decodeEscapes(run: string): string {
  let result = '';
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length > 0) result += utf8.decode(new Uint8Array(bytes));
    bytes = [];
  };
  for (let index = 0; index < run.length; ) {
    const escape = escapeAt(run, index);
    if (escape === undefined) {
      flushBytes();
      const code = run.charCodeAt(index);
      result += code === 0x2b ? ' ' : run[index];
      index++;
      continue;
    }
    const body = run.slice(index, escape.end);
    if (body.startsWith('%')) {
      bytes.push(parseInt(body.slice(1), 16));
    } else {
      flushBytes();
      const value = body.startsWith('&#x') || body.startsWith('&#X') ? parseInt(body.slice(3, -1), 16)
        : body.startsWith('&#') ? parseInt(body.slice(2, -1), 10)
        : body.startsWith('\\u{') ? parseInt(body.slice(3, -1), 16)
        : parseInt(body.slice(2), 16);
      result += value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : '\ufffd';
    }
    index = escape.end;
  }
  flushBytes();
  return result;
}

function keep(out: DecodedPayload[], budget: DecodeBudget, encoding: EncodingKind, decoded: string, start: number, end: number): boolean {
  if (!readsAsText(decoded)) return false;
  const text = decoded.slice(0, Math.max(0, budget.remaining));
  budget.remaining -= Math.max(text.length, PAYLOAD_OVERHEAD);
  if (text.length > 0) out.push({ encoding, text, start, end });
  return true;
}

/** Mostly printable, some letters, almost no replacement characters: text, not binary. */
export function readsAsText(decoded: string): boolean {
  if (decoded.length < 4) return false;
  let printable = 0;
  let letters = 0;
  let replaced = 0;
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if (code === 0xfffd) replaced++;
    else if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x09 || code === 0x0d || code >= 0xa0) printable++;
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code >= 0x3040) letters++;
  }
  return printable / decoded.length >= 0.9 && replaced <= decoded.length * 0.02 && letters >= 3;
}

/**
 * Bytes that cannot decode to text readsAsText accepts, told without decoding them (most long
 * runs are identifiers and hashes; decoding each was most of this scan). Exact, not a guess: a
 * control byte is one unit that is not printable, a byte no UTF-8 sequence holds is at least one
 * replacement character, and the text has at most as many units as there are bytes.
 */
function cannotReadAsText(bytes: Uint8Array): boolean {
  let controls = 0;
  let invalid = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] ?? 0;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) controls++;
    else if (byte === 0xc0 || byte === 0xc1 || byte >= 0xf5) invalid++;
  }
  return bytes.length < 4 || controls > bytes.length * 0.1 || invalid > bytes.length * 0.02;
}

/** Whether the bytes read as text and were kept. */
function keepBytes(out: DecodedPayload[], budget: DecodeBudget, encoding: EncodingKind, bytes: Uint8Array, start: number, end: number): boolean {
  return !cannotReadAsText(bytes) && keep(out, budget, encoding, utf8.decode(bytes), start, end);
}

export function decodeBase64(blob: string): string {
  return utf8.decode(base64Bytes(blob));
}

/**
 * Bytes decoded from a run, checked and dropped at once unless they read as text: most runs are
 * decoded into this one buffer, not a new array each (valid until the next decode).
 */
const scratch = new Uint8Array(MAX_CANDIDATE);

function bytesFor(size: number): Uint8Array {
  return size <= scratch.length ? scratch : new Uint8Array(size);
}

function base64Bytes(blob: string): Uint8Array {
  return unpackBits(blob, BASE64_VALUES, 6);
}

function base32Bytes(blob: string): Uint8Array {
  return unpackBits(blob, BASE32_VALUES, 5);
}

function hexBytes(blob: string): Uint8Array {
  return unpackBits(blob, HEX_VALUES, 4);
}

/**
 * The bytes a run spells, `width` bits per character by `values` (characters without a value,
 * such as the separators between groups of bits, are skipped); a trailing part byte is dropped.
 */
function unpackBits(run: string, values: Int8Array, width: number): Uint8Array {
  // At most this many bytes (most long runs are identifiers, decoded and dropped).
  const bytes = bytesFor(Math.floor((run.length * width) / 8));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < run.length; index++) {
    const code = run.charCodeAt(index);
    const value = code < 0x80 ? (values[code] ?? -1) : -1;
    if (value < 0) continue;
    buffer = ((buffer << width) | value) & 0xffff;
    bits += width;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** Per ASCII code, its value in an alphabet (-1: not in it). */
function alphabet(letters: string, extra: Readonly<Record<string, number>> = {}): Int8Array {
  const values = new Int8Array(0x80).fill(-1);
  for (let index = 0; index < letters.length; index++) values[letters.charCodeAt(index)] = index;
  for (const [char, value] of Object.entries(extra)) values[char.charCodeAt(0)] = value;
  return values;
}

/** Standard and URL-safe base64 at once. */
const BASE64_VALUES = alphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', { '-': 62, _: 63 });
/** RFC 4648 base32. */
const BASE32_VALUES = alphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
const HEX_VALUES = alphabet('0123456789abcdef', { A: 10, B: 11, C: 12, D: 13, E: 14, F: 15 });
const BINARY_VALUES = alphabet('01');

const STANDARD = 1; // + /
const URL_SAFE = 2; // - _
const UPPER = 4;
const LOWER = 8;
const DIGIT = 16;
const HEX = 32;
/** Not in the base32 alphabet: lower case, 0 1 8 9, + / - _. */
const NOT_BASE32 = 64;
/** Per ASCII code, the base64 classes above (0: not base64): one lookup per character of a long run. */
const BLOB_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  if (code === 0x2b || code === 0x2f) BLOB_CLASS[code] = STANDARD | NOT_BASE32;
  else if (code === 0x2d || code === 0x5f) BLOB_CLASS[code] = URL_SAFE | NOT_BASE32;
  else if (code >= 0x41 && code <= 0x5a) BLOB_CLASS[code] = UPPER | (code <= 0x46 ? HEX : 0);
  else if (code >= 0x61 && code <= 0x7a) BLOB_CLASS[code] = LOWER | NOT_BASE32 | (code <= 0x66 ? HEX : 0);
  else if (code >= 0x30 && code <= 0x39) BLOB_CLASS[code] = DIGIT | HEX | (code >= 0x32 && code <= 0x37 ? 0 : NOT_BASE32);
}

function isBase64Code(code: number): boolean {
  return code < 128 && BLOB_CLASS[code] !== 0;
}

function isHexCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** Letters, digits and URL-unreserved punctuation: what sits next to an escape inside one blob. */
function isWordGlue(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2e || code === 0x5f || code === 0x7e || code === 0x2d || code >= 0x80;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
