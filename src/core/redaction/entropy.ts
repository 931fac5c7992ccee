/** Shannon entropy of the characters of `value`, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Shortest value the entropy test considers: below this, any string can look random. */
export const MIN_RANDOM_LENGTH = 16;
/** Bits per character for values over letters, digits and symbols (random base62 of 16 chars: ~3.8). */
export const ENTROPY_THRESHOLD = 3.5;
/** Bits per character for hex-only values (16 symbols, so at most 4). */
export const HEX_ENTROPY_THRESHOLD = 3.0;

/**
 * Whether a value assigned to a secret-looking name looks machine-generated: long enough, made of
 * the characters keys are made of (letters, digits, `+/=_-.~:`; not prose in any script, not
 * code with brackets), not words joined by separators or camelCase, and with high Shannon
 * entropy. Hex needs both digits and letters; other values need a digit — long identifiers of
 * plain words reach 3.5 bits too, but rarely contain digits — unless they are long and very random.
 */
export function looksRandom(value: string): boolean {
  if (value.length < MIN_RANDOM_LENGTH || !/^[A-Za-z0-9+/=_.~:-]+$/.test(value) || value.includes('://')) return false;
  // Hex first: its letters (a–f) often spell word-like runs (facade, bead, decaf) that are not words.
  if (/^[0-9a-fA-F]+$/.test(value)) return /[0-9]/.test(value) && /[a-fA-F]/.test(value) && shannonEntropy(value) >= HEX_ENTROPY_THRESHOLD;
  // Words joined by separators (my-app-secret-name, urn:oauth:token-type:x509), camelCase words
  // (FlowAuthMethodRequiredResultV2, x509Authentication), lower-case paths (/oauth2/v2.0/token).
  if (/^[A-Za-z][a-z0-9]*(?:[-_./:][A-Za-z][a-z0-9]*)+$/.test(value) || isLowerCasePath(value) || wordShape(value).ratio >= 0.8) return false;
  const entropy = shannonEntropy(value);
  const hasDigit = /[0-9]/.test(value);
  return entropy >= ENTROPY_THRESHOLD && (hasDigit || (value.length >= 24 && entropy >= 4.3));
}

/**
 * How much of a value is made of words: its letters split at case changes, digits and
 * separators; `words` counts the runs that read as words (see isWordLike), `ratio` is the share
 * of letters in them. Identifiers score high (passwordTooWeak: 3 words, 1.0,
 * FlowAuthMethodRequiredResultV2: 0.98); random keys score low, as case changes every letter or
 * two and runs of lower case lack vowels (Zq7Xw2Lp9Vt4, 1tznhMdw91: 0). About 1 in 1,300 random
 * alphanumeric strings of 16 to 40 characters reaches 0.8 by chance.
 */
export function wordShape(value: string): { words: number; ratio: number } {
  let letters = 0;
  let inWords = 0;
  let words = 0;
  for (const run of value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []) {
    letters += run.length;
    if (isWordLike(run)) {
      inWords += run.length;
      words++;
    }
  }
  return { words, ratio: letters === 0 ? 0 : inWords / letters };
}

/** `/resetpassword/v1.0/start`, `./config/keys`: lower-case path segments. */
export function isLowerCasePath(value: string): boolean {
  return /^\.{0,2}\/?[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+\/?$/.test(value);
}

/** Three letters or more, some lower case, a vowel, and no four consonants in a row (an acronym or noise is not a word). */
function isWordLike(run: string): boolean {
  return run.length >= 3 && /[a-z]/.test(run) && /[aeiouy]/i.test(run) && !/[^aeiouy]{4}/i.test(run);
}
