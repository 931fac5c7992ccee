/**
 * Folding for detection: NFKC, lower case, no combining marks (but the spelling marks of Indic and
 * Southeast Asian scripts, see isSpellingMark), common homoglyphs mapped to the Latin letter they
 * imitate. Keywords go through the same fold, so the mapping only has to be consistent, not
 * linguistically right (a folded Russian word is still found by its folded keyword).
 */

import { isSpellingMark } from './charClass';

/** Cyrillic, Greek, Armenian and small-capital look-alikes of Latin letters. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', г: 'r', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y', ҽ: 'e', ɩ: 'i',
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  օ: 'o', ս: 'u', ց: 'g', զ: 'q', հ: 'h', ո: 'n',
  ȷ: 'j', ɑ: 'a', ɡ: 'g',
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};

/** Letters of Latin-script languages (Turkish, Polish, Danish, Vietnamese, German) folded for matching, not spoofing. */
const LATIN_FOLDS: Readonly<Record<string, string>> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ß: 'ss', æ: 'ae', œ: 'oe' };

export interface FoldedCodePoint {
  /** The folded text ('' for a lone combining mark). */
  readonly text: string;
  /** A homoglyph was mapped: evidence of mixed-script spoofing when it sits inside a Latin word. */
  readonly confusable: boolean;
  /** It folds to a letter outside ASCII that imitates nothing (Cyrillic "ф", Greek "λ"): a word holding one is written in that script, not spoofed. */
  readonly otherLetter: boolean;
}

const MARKS = /\p{M}/gu;
const NON_ASCII_LETTER = /[^\p{ASCII}\P{L}]/u;
/** Folds of the Basic Multilingual Plane by code point (an array index, read for every non-ASCII character of a view), and of the rest. */
const bmpCache: (FoldedCodePoint | undefined)[] = new Array<FoldedCodePoint | undefined>(0x10000).fill(undefined);
const astralCache = new Map<number, FoldedCodePoint>();
const EMPTY: FoldedCodePoint = { text: '', confusable: false, otherLetter: false };

/** Folds one non-ASCII code point (ASCII is folded inline by the caller). Cached. */
export function foldCodePoint(cp: number): FoldedCodePoint {
  if (cp < 0x10000) return (bmpCache[cp] ??= computeFold(cp));
  const cached = astralCache.get(cp);
  if (cached !== undefined) return cached;
  const folded = computeFold(cp);
  if (astralCache.size < 100_000) astralCache.set(cp, folded);
  return folded;
}

function computeFold(cp: number): FoldedCodePoint {
  const compat = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
  const bare = compat.normalize('NFD').replace(MARKS, (mark) => (isSpellingMark(mark.codePointAt(0) ?? 0) ? mark : '')).normalize('NFC');
  if (bare === '') return EMPTY;
  let confusable = false;
  let text = '';
  for (const char of bare) {
    const mapped = CONFUSABLES[char];
    if (mapped !== undefined) confusable = true;
    text += mapped ?? LATIN_FOLDS[char] ?? char;
  }
  return { text, confusable, otherLetter: !confusable && NON_ASCII_LETTER.test(text) };
}
