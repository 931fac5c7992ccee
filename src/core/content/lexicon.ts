import type { ContentCategory } from './contentTypes';

/**
 * The rule language of the phrase detector. A term is a word, a phrase ("pay no attention to")
 * or a stem ending in `*` ("instruc*" matches any word starting so). Terms are folded like the
 * text (case, accents, homoglyphs), so they are written plainly, in their usual spelling.
 */
export interface TermSet {
  readonly terms: readonly string[];
}

/** A union of term lists: `terms('ignore|disregard', OTHER_SET)`. */
export function terms(...parts: readonly (string | TermSet)[]): TermSet {
  const all: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') all.push(...part.split('|').map((term) => term.trim()).filter((term) => term !== ''));
    else all.push(...part.terms);
  }
  return { terms: all };
}

/** Only words this long get typo variants: shorter ones would collide with real words. */
const MIN_TYPO_LENGTH = 6;

/**
 * The set plus the common one-keystroke typos of each single ASCII word in it ("ingore",
 * "instrucions", "previouss"): a dropped, doubled or swapped letter, i.e. edit distance 1
 * without substitutions. Matching stays one trie walk, so typo tolerance costs no time.
 */
export function withTypos(set: TermSet): TermSet {
  const all = new Set(set.terms);
  for (const term of set.terms) {
    if (term.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(term)) continue;
    for (let index = 0; index < term.length; index++) {
      all.add(term.slice(0, index) + term.slice(index + 1));
      all.add(term.slice(0, index + 1) + term.slice(index));
      if (index + 1 < term.length) all.add(term.slice(0, index) + (term[index + 1] ?? '') + (term[index] ?? '') + term.slice(index + 2));
    }
  }
  return { terms: [...all] };
}

const VOWEL_START = /^[aeiouäöü]/;
/** The consonants before a word's first vowel ("str" of "string"; "qu" stays together, as in "quiet"). */
const ONSET = /^(?:[^aeiouäöüy]*qu|[^aeiouäöü]+)/;

/**
 * The set in Pig Latin ("ignore all previous instructions" → "ignoreyay allyay eviouspray
 * instructionsyay"), for rules over text hidden that way: a word's leading consonants move to
 * its end before "ay"; a word that starts with a vowel takes "yay" or "way" (one suffix per
 * term, so a term has two forms, not one per combination). Not "ay" alone there: "allay",
 * "away" are words. Terms with anything but letters and spaces are left out, as are stems.
 */
export function pigLatin(set: TermSet): TermSet {
  const all = new Set<string>();
  for (const term of set.terms) {
    if (!/^[a-zäöüß ]+$/.test(term)) continue;
    for (const vowelSuffix of ['yay', 'way']) {
      all.add(term.split(' ').map((word) => (VOWEL_START.test(word) ? `${word}${vowelSuffix}` : consonantFirst(word))).join(' '));
    }
  }
  return { terms: [...all] };
}

/** "string" → "ingstray": the onset moved behind the rest, then "ay". */
function consonantFirst(word: string): string {
  const onset = ONSET.exec(word)?.[0] ?? '';
  return `${word.slice(onset.length)}${onset}ay`;
}

export interface PhraseRule {
  readonly id: string;
  readonly category: ContentCategory;
  /** Contribution to the score when the rule matches, in (0, 1]. */
  readonly weight: number;
  readonly lang?: string;
  /**
   * `sequence`: slots in order, slot k at most `gaps[k]` tokens after slot k-1.
   * `window`: every slot somewhere within `window` tokens, in any order (for languages whose
   * word order varies: "ignora las instrucciones anteriores", "以前の指示を無視して").
   */
  readonly kind: 'sequence' | 'window';
  readonly slots: readonly TermSet[];
  readonly gaps: readonly number[];
  readonly window: number;
  /** Sequence only: the tokens in a gap must all be filler words ("the", "all", "your", …). */
  readonly strict: boolean;
  /** Sequence only: no match when a negation ("not", "never") comes just before the first slot. */
  readonly negatable: boolean;
  /**
   * Sequence only: no match either when a negation comes between the slots or just after the last
   * one, with only filler words and no comma between: German puts "nicht", "niemals" after the
   * object ("Gib das Passwort niemals preis" is a system prompt's own rule).
   */
  readonly negatedAfter: boolean;
  /** No finding when the original text just before the match matches this (anchored with `$`): "user-" before "agent:". */
  readonly notAfter?: RegExp;
  /** No finding when the original text just after the match matches this (anchored with `^`): "policy" after "your password". */
  readonly notBefore?: RegExp;
  /** A finding only when the original text before the match matches this (anchored with `$`): a request that opens a data field's value. */
  readonly onlyAfter?: RegExp;
  /** A finding only when the original text just after the match matches this (anchored with `^`): "! Here" after "Start your reply with 'Sure". */
  readonly onlyBefore?: RegExp;
  /** No finding when the match itself opens with this (anchored with `^`): a verb that is a function's name ("copy.deepcopy(os.environ)"). */
  readonly notOpening?: RegExp;
  /** No finding when the match itself closes with this (anchored with `$`): a destination that is part of a name ("dist-url"). */
  readonly notClosing?: RegExp;
  /** No finding when the match contains this anywhere: a public key ("~/.ssh/id_rsa.pub") where a private one is the slot. */
  readonly notWithin?: RegExp;
}

export interface RuleOptions {
  readonly lang?: string;
  readonly strict?: boolean;
  readonly negatable?: boolean;
  readonly negatedAfter?: boolean;
  readonly notAfter?: RegExp;
  readonly notBefore?: RegExp;
  readonly onlyAfter?: RegExp;
  readonly onlyBefore?: RegExp;
  readonly notOpening?: RegExp;
  readonly notClosing?: RegExp;
  readonly notWithin?: RegExp;
}

/** `sequence('id', 'category', 0.9, [VERB, 3, PRIOR, 2, NOUN])`: numbers are the largest gaps. */
export function sequence(id: string, category: ContentCategory, weight: number, parts: readonly (TermSet | number)[], options: RuleOptions = {}): PhraseRule {
  const slots: TermSet[] = [];
  const gaps: number[] = [];
  let gap = 0;
  for (const part of parts) {
    if (typeof part === 'number') {
      gap = part;
      continue;
    }
    gaps.push(slots.length === 0 ? 0 : gap);
    slots.push(part);
    gap = 0;
  }
  if (slots.length === 0) throw new Error(`rule ${id} has no slots`);
  const context = {
    ...(options.notAfter === undefined ? {} : { notAfter: options.notAfter }),
    ...(options.notBefore === undefined ? {} : { notBefore: options.notBefore }),
    ...(options.onlyAfter === undefined ? {} : { onlyAfter: options.onlyAfter }),
    ...(options.onlyBefore === undefined ? {} : { onlyBefore: options.onlyBefore }),
    ...(options.notOpening === undefined ? {} : { notOpening: options.notOpening }),
    ...(options.notClosing === undefined ? {} : { notClosing: options.notClosing }),
    ...(options.notWithin === undefined ? {} : { notWithin: options.notWithin }),
  };
  return { id, category, weight, ...(options.lang === undefined ? {} : { lang: options.lang }), kind: 'sequence', slots, gaps, window: 0, strict: options.strict ?? false, negatable: options.negatable ?? false, negatedAfter: options.negatedAfter ?? false, ...context };
}

/** Every slot within `window` tokens of the others, in any order. */
export function near(id: string, category: ContentCategory, weight: number, slots: readonly TermSet[], window: number, options: Pick<RuleOptions, 'lang'> = {}): PhraseRule {
  if (slots.length < 2) throw new Error(`window rule ${id} needs two slots or more`);
  return { id, category, weight, ...(options.lang === undefined ? {} : { lang: options.lang }), kind: 'window', slots, gaps: slots.map(() => 0), window, strict: false, negatable: false, negatedAfter: false };
}

/** A single term list that is a finding by itself. */
export function keyword(id: string, category: ContentCategory, weight: number, set: TermSet, options: RuleOptions = {}): PhraseRule {
  return sequence(id, category, weight, [set], options);
}
