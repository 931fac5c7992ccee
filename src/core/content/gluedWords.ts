import type { PhraseRule } from './lexicon';

/**
 * The nouns an override names, capitalised as a glued word after the first: where a glued override must
 * be ("…PreviousInstructions", "…SystemPrompt"). Each is found by the native indexOf, far cheaper than
 * a regular expression over source files full of CamelCase; only the run around a hit is split.
 */
const GLUED_NOUNS = ['Instruction', 'Prompt', 'Rules', 'Guidelines', 'Directives'];
/** Three or more words glued in CamelCase, the whole run: "IgnoreAllPreviousInstructions", "ignorePreviousInstructions". */
const GLUED = /^[A-Z]?[a-z]+(?:[A-Z][a-z]+){2,}$/;
/** Longer than any phrase an override needs: a longer run is an identifier, not a sentence. */
const MAX_RUN = 96;
/** Shorter words ("all", "the") are in every identifier. */
const MIN_KEY_WORD = 4;
/** Key words a run must hold before it is read again: most identifiers hold none. */
const MIN_KEY_WORDS = 2;

/** A run [from, to) of the text and its words, lower case, one space apart. */
export interface GluedRun {
  readonly from: number;
  readonly to: number;
  readonly words: string;
}

/** The words (four letters or more) of the rules' terms: what a glued run must hold to be read again. */
export function gluedWordLexiconOf(rules: readonly PhraseRule[]): ReadonlySet<string> {
  const words = new Set<string>();
  for (const rule of rules) for (const slot of rule.slots) for (const term of slot.terms) for (const word of term.split(/[^a-z]+/)) if (word.length >= MIN_KEY_WORD) words.add(word);
  return words;
}

/**
 * CamelCase runs around an override's noun with at least MIN_KEY_WORDS words of the lexicon, split into words. Identifiers
 * are CamelCase too ("autoApproveEdits", "ignorePreviousValue"), so the caller keeps only what an
 * override rule finds in them. One native search; each run split once.
 */
export function gluedWordRuns(text: string, keyWords: ReadonlySet<string>): GluedRun[] {
  const runs: GluedRun[] = [];
  const seen = new Set<number>();
  for (const noun of GLUED_NOUNS) {
    for (let hit = text.indexOf(noun); hit >= 0; hit = text.indexOf(noun, hit + noun.length)) {
      if (!isLower(text.charCodeAt(hit - 1))) continue;
      let from = hit;
      while (from > 0 && hit - from < MAX_RUN && isLetter(text.charCodeAt(from - 1))) from--;
      if (seen.has(from)) continue;
      seen.add(from);
      let to = hit + noun.length;
      while (to < text.length && to - from <= MAX_RUN && isLetter(text.charCodeAt(to))) to++;
      const run = text.slice(from, to);
      if (run.length > MAX_RUN || !GLUED.test(run)) continue;
      const words = run.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
      let keys = 0;
      for (const word of words) if (keyWords.has(word)) keys++;
      if (keys >= MIN_KEY_WORDS) runs.push({ from, to, words: words.join(' ') });
    }
  }
  return runs.sort((a, b) => a.from - b.from);
}

function isLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
