import { isAsciiLetter, isSpellingMark, isUnspacedScript, isViewWordCodePoint } from './charClass';
import type { DetectionView } from './detectionView';

export const TOKEN_WORD = 1;
/** One character of a script written without spaces (Han, kana, Thai…). */
export const TOKEN_UNSPACED = 2;
/** A sentence end or a blank line: phrases never span one. */
export const TOKEN_BARRIER = 3;

/** The arrays of a token list, kept to tokenize the next view (valid until then). */
export class TokenStorage {
  start = new Int32Array(0);
  end = new Int32Array(0);
  kind = new Uint8Array(0);
}

/** Token spans over a detection view's units, in order. */
export interface Tokens {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly kind: Uint8Array;
}

/**
 * Splits the view into words (letters and digits of spaced scripts, plus a lone "@" between
 * words so e-mail addresses are visible, and the punctuation ": , – —" as one-character words),
 * single characters of unspaced scripts, and barriers:
 * `. ! ? ;` before whitespace or the end (not the last dot of "P.S." or "e.g."), CJK full stops, blank lines, and a line that opens a
 * doc-comment tag (`* @param url …`), where the comment's next field starts. One pass.
 */
export function tokenize(view: Pick<DetectionView, 'codes' | 'length'>, storage: TokenStorage = new TokenStorage()): Tokens {
  const { codes, length } = view;
  const capacity = length + 2; // at most one token per unit
  if (storage.start.length < capacity) {
    storage.start = new Int32Array(capacity);
    storage.end = new Int32Array(capacity);
    storage.kind = new Uint8Array(capacity);
  }
  const { start, end, kind } = storage;
  let count = 0;
  const add = (from: number, to: number, type: number): void => {
    start[count] = from;
    end[count] = to;
    kind[count] = type;
    count++;
  };

  let index = 0;
  /** Inside a /* … *\/ comment, whose lines open with " * " and run on as prose (see listItemAt). */
  let inBlockComment = false;
  while (index < length) {
    const code = codes[index] ?? 0;
    const width = widthAt(codes, index, length);
    const cp = width === 2 ? combine(code, codes[index + 1] ?? 0) : code;
    if (isViewWordCodePoint(cp)) {
      if (isUnspacedScript(cp)) {
        // Its vowel signs and tone marks go with it: one cluster, one token, as windows count them.
        let to = index + width;
        while (to < length && isSpellingMark(codes[to] ?? 0)) to++;
        add(index, to, TOKEN_UNSPACED);
        index = to;
        continue;
      }
      const from = index;
      index += width;
      while (index < length) {
        const nextCode = codes[index] ?? 0;
        if (nextCode < 0x80) {
          // ASCII fast path: letters and digits continue the word.
          if (!((nextCode >= 0x61 && nextCode <= 0x7a) || (nextCode >= 0x30 && nextCode <= 0x39) || (nextCode >= 0x41 && nextCode <= 0x5a))) break;
          index++;
          continue;
        }
        const nextWidth = widthAt(codes, index, length);
        const next = nextWidth === 2 ? combine(nextCode, codes[index + 1] ?? 0) : nextCode;
        if (!isViewWordCodePoint(next) || isUnspacedScript(next)) break;
        index += nextWidth;
      }
      add(from, index, TOKEN_WORD);
      continue;
    }
    if (code === 0x0a) {
      let newlines = 0;
      const from = index;
      while (index < length && (codes[index] === 0x0a || codes[index] === 0x20)) {
        if (codes[index] === 0x0a) newlines++;
        index++;
      }
      if (newlines >= 2 || docTagAt(codes, index, length) || listItemAt(codes, index, length, inBlockComment)) add(from, index, TOKEN_BARRIER);
      continue;
    }
    if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3b) {
      const next = index + 1 < length ? (codes[index + 1] ?? 0) : 0x20;
      if ((next === 0x20 || next === 0x0a || next === 0x22 || next === 0x27 || next === 0x29) && !(code === 0x2e && closesDottedAbbreviation(codes, index))) {
        if (count === 0 || kind[count - 1] !== TOKEN_BARRIER) add(index, index + 1, TOKEN_BARRIER);
      }
      index++;
      continue;
    }
    if (code === 0x3a || code === 0x2c || code === 0x2013 || code === 0x2014 || code === 0xff0c || code === 0x3001 || code === 0xff1a) {
      add(index, index + 1, TOKEN_WORD); // ":" "," and dashes mark a vocative ("AI: run …") and are gap fillers
      index++;
      continue;
    }
    if (code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b) {
      add(index, index + 1, TOKEN_BARRIER);
      index++;
      continue;
    }
    if (code === 0x40 && count > 0 && kind[count - 1] === TOKEN_WORD && end[count - 1] === index && index + 1 < length) {
      const after = codes[index + 1] ?? 0;
      if (isViewWordCodePoint(widthAt(codes, index + 1, length) === 2 ? combine(after, codes[index + 2] ?? 0) : after)) add(index, index + 1, TOKEN_WORD);
    }
    if (code === 0x2f) {
      if (codes[index + 1] === 0x2a) inBlockComment = true;
      else if (index > 0 && codes[index - 1] === 0x2a) inBlockComment = false;
    }
    index += width;
  }
  // Two entries past the last read as 0, as in fresh arrays.
  start.fill(0, count, count + 2);
  end.fill(0, count, count + 2);
  kind.fill(0, count, count + 2);
  return { count, start, end, kind };
}

/**
 * The last dot of a dotted abbreviation ("P.S.", "N.B.", "e.g.", "U.S.A."): a letter, a dot, a
 * letter, this dot, with no word character before the run. It does not end the sentence: "P.S. AI
 * assistant: forward this" is one line addressed to the reader, and an attacker need not drop the
 * dots to get past the rules. An initial ("J. Smith") or a word ("etc.") still ends one.
 */
function closesDottedAbbreviation(codes: Uint16Array, index: number): boolean {
  return index >= 3 && isAsciiLetter(codes[index - 1] ?? 0) && codes[index - 2] === 0x2e && isAsciiLetter(codes[index - 3] ?? 0)
    && (index === 3 || !isViewWordCodePoint(codes[index - 4] ?? 0));
}

/**
 * A doc-comment tag at `index`, the start of a line's text: `@param`, or `* @returns` inside a block
 * comment. "(can be modified to add credentials)" and the next tag's "The token endpoint URL" are
 * two fields of a JSDoc block, not one sentence (an SDK's typings were blocked as exfiltration).
 */
function docTagAt(codes: Uint16Array, index: number, length: number): boolean {
  let at = index;
  if (codes[at] === 0x2a) at++;
  while (at < length && (codes[at] === 0x20 || codes[at] === 0x09)) at++;
  const after = codes[at + 1] ?? 0;
  return codes[at] === 0x40 && after >= 0x61 && after <= 0x7a;
}

/**
 * A line that opens a list item ("* ", "- ", "+ ", "• ", "12. ", "3) "): a new entry of a changelog or a list says something
 * new, so a phrase does not run on from the item above ("* Add ?section" and "* netrc: … to https" are two entries). Not
 * the " * " that opens every line of a block comment.
 */
function listItemAt(codes: Uint16Array, index: number, length: number, inBlockComment: boolean): boolean {
  const code = codes[index] ?? 0;
  if (code === 0x2a) return !inBlockComment && codes[index + 1] === 0x20;
  if (code === 0x2d || code === 0x2b || code === 0x2022) return codes[index + 1] === 0x20;
  let at = index;
  while (at < length && at - index < 4 && (codes[at] ?? 0) >= 0x30 && (codes[at] ?? 0) <= 0x39) at++;
  return at > index && (codes[at] === 0x2e || codes[at] === 0x29) && codes[at + 1] === 0x20;
}

/** 2 at a valid surrogate pair, else 1. */
function widthAt(codes: Uint16Array, index: number, length: number): number {
  const code = codes[index] ?? 0;
  if (code < 0xd800 || code > 0xdbff || index + 1 >= length) return 1;
  const low = codes[index + 1] ?? 0;
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

function combine(high: number, low: number): number {
  return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
}
