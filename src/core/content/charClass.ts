/** Fast character classes for the tokenizer and the sanitizer, with a cache for non-ASCII. */

const WORD_PATTERN = /[\p{L}\p{N}]/u;
const wordCache = new Map<number, boolean>();

/** A Latin letter without accents, either case. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const MARK_PATTERN = /\p{M}/u;

/**
 * A vowel sign, virama or tone mark of an Indic or Southeast Asian script: part of the word's
 * spelling ("पहले" before, "पहेली" riddle), unlike an accent on a Latin letter. The nasal signs and
 * the nukta (a block's first four code points and its 0x3C), which typists use interchangeably,
 * are not.
 */
export function isSpellingMark(cp: number): boolean {
  return cp >= SPELLING_FIRST && cp <= SPELLING_LAST && SPELLING_MARKS[cp - SPELLING_FIRST] === 1;
}

const SPELLING_FIRST = 0x0900;
const SPELLING_LAST = 0x17ff;
/** isSpellingMark's answers, one per code point of the blocks it covers (read for every character after a Thai one). */
const SPELLING_MARKS = Uint8Array.from({ length: SPELLING_LAST - SPELLING_FIRST + 1 }, (_, index) => {
  const cp = SPELLING_FIRST + index;
  const inIndic = cp <= 0x0dff;
  if (!inIndic && !(cp >= 0x0e00 && cp <= 0x0eff) && !(cp >= 0x1000 && cp <= 0x109f) && !(cp >= 0x1780 && cp <= 0x17ff)) return 0;
  const offset = cp & 0x7f;
  if (inIndic && (offset <= 0x03 || offset === 0x3c)) return 0;
  return MARK_PATTERN.test(String.fromCodePoint(cp)) ? 1 : 0;
});

/** Letters and digits of any script. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  let cached = wordCache.get(cp);
  if (cached === undefined) {
    cached = WORD_PATTERN.test(String.fromCodePoint(cp));
    if (wordCache.size < 65_536) wordCache.set(cp, cached);
  }
  return cached;
}

/** A letter, digit or spelling mark (isSpellingMark): what a word of the detection view is made of. */
export function isViewWordCodePoint(cp: number): boolean {
  return isWordCodePoint(cp) || isSpellingMark(cp);
}

/**
 * Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): each
 * character is its own token and keywords are matched across neighbouring characters.
 */
export function isUnspacedScript(cp: number): boolean {
  return (
    (cp >= 0x3040 && cp <= 0x30ff) || // hiragana, katakana
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0x0e00 && cp <= 0x0eff) || // Thai, Lao
    (cp >= 0x1780 && cp <= 0x17ff) || // Khmer
    (cp >= 0x1000 && cp <= 0x109f) || // Myanmar
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    cp === 0x30fc || cp === 0x3005
  );
}

export function isWhitespace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0b || cp === 0x0c || cp === 0xa0 || cp === 0x3000 || cp === 0x2028 || cp === 0x2029 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x1680;
}
