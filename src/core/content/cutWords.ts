import { isAsciiLetter } from './charClass';
import type { PhraseRule } from './lexicon';

/** How much text around a rejoined word is read again: a phrase rule's whole span and the words before it. */
const REACH = 256;
/** Shorter words are too common to be worth a second read. */
const MIN_KEY_WORD = 4;
/** Longer than any word a rule names ("i-n-s-t-r-u-c-t-i-o-n-s" is 23 characters): a longer run is not joined whole. */
const MAX_JOINED_RUN = 48;
/** Same length as a hyphen, and the detection view joins the letters on either side of it (see detectionView). */
const JOINER = '\u200b';

/**
 * Letters spelt out one by one with the same separator ("i g n o r e", "i.g.n.o.r.e", "|i|g|n|o|r|e|"),
 * at least four: a native search, with the separator matched again by a back reference.
 */
const SPELT = /(?<![A-Za-z])[A-Za-z]([ .|*_/+~:,-])[A-Za-z](?:\1[A-Za-z]){2,}(?![A-Za-z])/g;

/** A stretch of the text, [from, from + text.length), with the cuts inside key words replaced by a joiner. */
export interface JoinedStretch {
  readonly from: number;
  readonly text: string;
}

/** What a cut word is checked against. */
export interface CutWordLexicon {
  /** Every word (four letters or more) of every term, in lower case: what a cut word must rejoin into to matter. */
  readonly words: ReadonlySet<string>;
  /** Hyphenated terms the rules already name ("e-mail", "user-agent"): the first read finds those as written. */
  readonly hyphenated: ReadonlySet<string>;
}

export function cutWordLexiconOf(rules: readonly PhraseRule[]): CutWordLexicon {
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
 * The stretches to read again with a cut word rejoined: cut by hyphens ("ig-nore all pre-vious
 * in-structions") or spelt out letter by letter before ordinary words ("i g n o r e all previous
 * instructions", whose spelt part the spaced-letter decoder reads alone). Only where the joined
 * letters make a word some rule names, so a kebab-case identifier or a list "a, b, c, d" costs a
 * lookup and no second read. Linear: native searches, each run read once.
 */
export function cutWordStretches(text: string, lexicon: CutWordLexicon): JoinedStretch[] {
  const cuts: number[] = [];
  hyphenCuts(text, lexicon, cuts);
  speltCuts(text, lexicon, cuts);
  if (cuts.length === 0) return [];
  cuts.sort((a, b) => a - b);
  return stretchesAround(text, cuts);
}

/** A run of letters spelt out whose letters make a key word: every separator in it is a cut. */
function speltCuts(text: string, lexicon: CutWordLexicon, out: number[]): void {
  SPELT.lastIndex = 0;
  for (let match = SPELT.exec(text); match !== null; match = SPELT.exec(text)) {
    const run = match[0];
    if (run.length > MAX_JOINED_RUN * 2) continue;
    let word = '';
    for (let at = 0; at < run.length; at += 2) word += run[at] ?? '';
    if (!lexicon.words.has(word.toLowerCase())) continue;
    for (let at = 1; at < run.length; at += 2) out.push(match.index + at);
  }
}

/** Runs of hyphenated letters, found by the native `indexOf`, each read once. */
function hyphenCuts(text: string, lexicon: CutWordLexicon, hyphens: number[]): void {
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
}

/** The hyphens of the run [start, end) to rejoin: all of them when the whole run is a key word, else each pair's. */
function joinsIn(text: string, start: number, end: number, lexicon: CutWordLexicon, out: number[]): void {
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

function stretchesAround(text: string, cuts: readonly number[]): JoinedStretch[] {
  const stretches: JoinedStretch[] = [];
  let index = 0;
  while (index < cuts.length) {
    const from = Math.max(0, (cuts[index] ?? 0) - REACH);
    let to = Math.min(text.length, (cuts[index] ?? 0) + REACH);
    let joined = '';
    let at = from;
    while (index < cuts.length && (cuts[index] ?? 0) < to) {
      const cut = cuts[index] ?? 0;
      if (cut >= at) {
        joined += text.slice(at, cut) + JOINER;
        at = cut + 1;
      }
      to = Math.min(text.length, Math.max(to, cut + REACH));
      index++;
    }
    stretches.push({ from, text: joined + text.slice(at, to) });
  }
  return stretches;
}
