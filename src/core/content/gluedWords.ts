import { isAsciiLetter } from './charClass';
import { cutWordLexiconOf } from './cutWords';
import type { PhraseRule } from './lexicon';

/**
 * The nouns an override names, capitalised as a glued word after the first: where a glued override must
 * be ("…PreviousInstructions", "…SystemPrompt"). Each is found by the native indexOf, far cheaper than
 * a regular expression over source files full of CamelCase; only the run around a hit is split.
 */
const GLUED_NOUNS = ['Instruction', 'Prompt', 'Rules', 'Guidelines', 'Directives'];
/** The same nouns in a run of one case ("#ignoreallpreviousinstructions", "IGNOREALLPREVIOUSINSTRUCTIONS"), which is split by the lexicon. */
const ONE_CASE_NOUNS = [...GLUED_NOUNS.map((noun) => noun.toLowerCase()), ...GLUED_NOUNS.map((noun) => noun.toUpperCase())];
/** Letters glued before or after the noun for a one-case run to be worth splitting. */
const MIN_GLUED = 4;
/** Three or more words glued in CamelCase, the whole run: "IgnoreAllPreviousInstructions", "ignorePreviousInstructions". */
const GLUED = /^[A-Z]?[a-z]+(?:[A-Z][a-z]+){2,}$/;
/** Longer than any phrase an override needs: a longer run is an identifier, not a sentence. */
const MAX_RUN = 96;
/** Key words a run must hold before it is read again: most identifiers hold none. */
const MIN_KEY_WORDS = 2;

/** A run [from, to) of the text and its words, lower case, one space apart. */
export interface GluedRun {
  readonly from: number;
  readonly to: number;
  readonly words: string;
}

/** What glued runs are split and checked against. */
export interface GluedWordLexicon {
  /** The words of four letters or more of the rules' terms (as cutWords reads them): what a run must hold to be read again. */
  readonly keyWords: ReadonlySet<string>;
  /**
   * Every word of the rules' terms, short ones too ("all", "the"), as a trie over a–z: what a one-case
   * run is split into. `next[node * 26 + letter]` is the child or -1; `isWord[node]` marks a word's end.
   */
  readonly next: Int32Array;
  readonly isWord: Uint8Array;
}

export function gluedWordLexiconOf(rules: readonly PhraseRule[]): GluedWordLexicon {
  const next: number[] = new Array<number>(26).fill(-1);
  const isWord: number[] = [0];
  for (const rule of rules) {
    for (const slot of rule.slots) {
      for (const term of slot.terms) {
        for (const word of term.split(/[^a-z]+/)) {
          // One letter splits anything ("prompts f older"): only the English articles and pronoun.
          if (word.length === 0 || (word.length === 1 && word !== 'a' && word !== 'i')) continue;
          let node = 0;
          for (let at = 0; at < word.length; at++) {
            const slotAt = node * 26 + word.charCodeAt(at) - 0x61;
            let child = next[slotAt] ?? -1;
            if (child < 0) {
              child = isWord.length;
              next[slotAt] = child;
              isWord.push(0);
              for (let letter = 0; letter < 26; letter++) next.push(-1);
            }
            node = child;
          }
          isWord[node] = 1;
        }
      }
    }
  }
  return { keyWords: cutWordLexiconOf(rules).words, next: Int32Array.from(next), isWord: Uint8Array.from(isWord) };
}

/**
 * Runs around an override's noun with at least MIN_KEY_WORDS key words, split into words: CamelCase
 * at its capitals, a run of one case by the lexicon (when its words cover it exactly). Identifiers
 * are glued too ("autoApproveEdits", "ignorePreviousValue"), so the caller keeps only what an
 * override rule finds in them. Native searches; each run split once.
 */
export function gluedWordRuns(text: string, lexicon: GluedWordLexicon): GluedRun[] {
  const runs: GluedRun[] = [];
  const seen = new Set<number>();
  oneCaseRuns(text, lexicon, seen, runs);
  for (const noun of GLUED_NOUNS) {
    for (let hit = text.indexOf(noun); hit >= 0; hit = text.indexOf(noun, hit + noun.length)) {
      if (!isLower(text.charCodeAt(hit - 1))) continue;
      let from = hit;
      while (from > 0 && hit - from < MAX_RUN && isAsciiLetter(text.charCodeAt(from - 1))) from--;
      if (seen.has(from)) continue;
      seen.add(from);
      let to = hit + noun.length;
      while (to < text.length && to - from <= MAX_RUN && isAsciiLetter(text.charCodeAt(to))) to++;
      const run = text.slice(from, to);
      if (run.length > MAX_RUN || !GLUED.test(run)) continue;
      keepRun(from, to, run.split(/(?=[A-Z])/).map((word) => word.toLowerCase()), lexicon, runs);
    }
  }
  return runs.sort((a, b) => a.from - b.from);
}

/** Runs of one case that hold a noun with letters glued to it, split by the lexicon. */
function oneCaseRuns(text: string, lexicon: GluedWordLexicon, seen: Set<number>, runs: GluedRun[]): void {
  for (const noun of ONE_CASE_NOUNS) {
    const upper = isUpper(noun.charCodeAt(0));
    const sameCase = upper ? isUpper : isLower;
    for (let hit = text.indexOf(noun); hit >= 0; hit = text.indexOf(noun, hit + noun.length)) {
      let from = hit;
      while (from > 0 && hit - from < MAX_RUN && sameCase(text.charCodeAt(from - 1))) from--;
      // A capital before a lower-case run is where a hashtag starts ("#Ignoreallpreviousinstructions").
      if (!upper && isUpper(text.charCodeAt(from - 1)) && !isAsciiLetter(text.charCodeAt(from - 2))) from--;
      let to = hit + noun.length;
      while (to < text.length && to - from <= MAX_RUN && sameCase(text.charCodeAt(to))) to++;
      if (to - from > MAX_RUN || to - from < noun.length + MIN_GLUED || isAsciiLetter(text.charCodeAt(from - 1)) || isAsciiLetter(text.charCodeAt(to)) || seen.has(from)) continue;
      seen.add(from);
      const words = segment(text.slice(from, to).toLowerCase(), lexicon);
      if (words !== undefined) keepRun(from, to, words, lexicon, runs);
    }
  }
}

/** A split run is read again when it holds MIN_KEY_WORDS key words. */
function keepRun(from: number, to: number, words: readonly string[], lexicon: GluedWordLexicon, runs: GluedRun[]): void {
  let keys = 0;
  for (const word of words) if (lexicon.keyWords.has(word)) keys++;
  if (keys >= MIN_KEY_WORDS) runs.push({ from, to, words: words.join(' ') });
}

/**
 * The run (lower case) as lexicon words, the fewest that cover it exactly, or undefined: from each
 * reachable start the trie is walked forward, so at most MAX_RUN × the longest word steps.
 */
function segment(run: string, lexicon: GluedWordLexicon): string[] | undefined {
  const { next, isWord } = lexicon;
  const fewest = new Int32Array(run.length + 1).fill(0x7fffffff);
  const previous = new Int32Array(run.length + 1).fill(-1);
  fewest[0] = 0;
  for (let start = 0; start < run.length; start++) {
    const count = fewest[start] ?? 0x7fffffff;
    if (count === 0x7fffffff) continue;
    let node = 0;
    for (let at = start; at < run.length; at++) {
      const letter = run.charCodeAt(at) - 0x61;
      node = letter >= 0 && letter < 26 ? (next[node * 26 + letter] ?? -1) : -1;
      if (node < 0) break;
      if (isWord[node] === 1 && count + 1 < (fewest[at + 1] ?? 0)) {
        fewest[at + 1] = count + 1;
        previous[at + 1] = start;
      }
    }
  }
  if (previous[run.length] === -1) return undefined;
  const words: string[] = [];
  for (let end = run.length; end > 0; end = previous[end] ?? 0) words.unshift(run.slice(previous[end] ?? 0, end));
  return words;
}

function isUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

