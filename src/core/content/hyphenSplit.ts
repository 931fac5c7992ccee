import type { PhraseRule } from './lexicon';

/** How much text around a rejoined word is read again: a phrase rule's whole span and the words before it. */
const REACH = 256;
/** Shorter words are too common to be worth a second read. */
const MIN_KEY_WORD = 4;
/** Longer than any word a rule names ("i-n-s-t-r-u-c-t-i-o-n-s" is 23 characters): a longer run is not joined whole. */
const MAX_JOINED_RUN = 48;
/** Same length as a hyphen, and the detection view joins the letters on either side of it (see detectionView). */
const JOINER = '\u200b';

/** A stretch of the text, [from, from + text.length), with the hyphens inside key words replaced by a joiner. */
export interface JoinedStretch {
  readonly from: number;
  readonly text: string;
}

/** What a run of hyphenated letters is checked against. */
export interface HyphenLexicon {
  /** Every word (four letters or more) of every term, in lower case: what a cut word must rejoin into to matter. */
  readonly words: ReadonlySet<string>;
  /** Hyphenated terms the rules already name ("e-mail", "user-agent"): the first read finds those as written. */
  readonly hyphenated: ReadonlySet<string>;
}

export function hyphenLexiconOf(rules: readonly PhraseRule[]): HyphenLexicon {
  const words = new Set<string>();
  const hyphenated = new Set<string>();
  for (const rule of rules) {
    for (const slot of rule.slots) {
      for (const term of slot.terms) {
        for (const word of term.split(/[^a-z]+/)) if (word.length >= MIN_KEY_WORD) words.add(word);
        for (const compound of term.split(' ')) if (/^[a-z]+(?:-[a-z]+)+$/.test(compound)) hyphenated.add(compound);
      }
    }
  }
  return { words, hyphenated };
}

/**
 * The stretches to read again with a word cut by hyphens rejoined ("ig-nore all pre-vious
 * in-structions", letters spelt out with hyphens): only where the joined letters make a word some
 * rule names, so a kebab-case identifier costs a set lookup and no second read. Hyphens are found
 * by the native `indexOf`; each run of hyphenated letters is read once.
 */
export function hyphenJoinedStretches(text: string, lexicon: HyphenLexicon): JoinedStretch[] {
  const hyphens: number[] = [];
  let hyphen = text.indexOf('-');
  while (hyphen >= 0) {
    if (!isAsciiLetter(text.charCodeAt(hyphen - 1)) || !isAsciiLetter(text.charCodeAt(hyphen + 1))) {
      hyphen = text.indexOf('-', hyphen + 1);
      continue;
    }
    let start = hyphen - 1;
    while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
    let end = hyphen + 1;
    while (end < text.length && (isAsciiLetter(text.charCodeAt(end)) || (text.charCodeAt(end) === 0x2d && isAsciiLetter(text.charCodeAt(end + 1))))) end++;
    joinsIn(text, start, end, lexicon, hyphens);
    hyphen = text.indexOf('-', end);
  }
  return hyphens.length === 0 ? [] : stretchesAround(text, hyphens);
}

/** The hyphens of the run [start, end) to rejoin: all of them when the whole run is a key word, else each pair's. */
function joinsIn(text: string, start: number, end: number, lexicon: HyphenLexicon, out: number[]): void {
  if (end - start > MAX_JOINED_RUN) return;
  const run = text.slice(start, end).toLowerCase();
  if (lexicon.hyphenated.has(run)) return;
  const parts = run.split('-');
  if (lexicon.words.has(parts.join(''))) {
    for (let at = start; at < end; at++) if (text.charCodeAt(at) === 0x2d) out.push(at);
    return;
  }
  let at = start;
  for (let index = 0; index + 1 < parts.length; index++) {
    at += (parts[index] ?? '').length;
    if (lexicon.words.has(`${parts[index] ?? ''}${parts[index + 1] ?? ''}`)) out.push(at);
    at++;
  }
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function stretchesAround(text: string, hyphens: readonly number[]): JoinedStretch[] {
  const stretches: JoinedStretch[] = [];
  let index = 0;
  while (index < hyphens.length) {
    const from = Math.max(0, (hyphens[index] ?? 0) - REACH);
    let to = Math.min(text.length, (hyphens[index] ?? 0) + REACH);
    let joined = '';
    let at = from;
    while (index < hyphens.length && (hyphens[index] ?? 0) < to) {
      const hyphen = hyphens[index] ?? 0;
      joined += text.slice(at, hyphen) + JOINER;
      at = hyphen + 1;
      to = Math.min(text.length, Math.max(to, hyphen + REACH));
      index++;
    }
    stretches.push({ from, text: joined + text.slice(at, to) });
  }
  return stretches;
}
