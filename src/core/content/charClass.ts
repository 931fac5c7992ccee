/** Fast character classes for the tokenizer and the sanitizer, with a cache for non-ASCII. */

const WORD_PATTERN = /[\p{L}\p{N}]/u;
const wordCache = new Map<number, boolean>();

/** A Latin letter without accents, either case. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

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
