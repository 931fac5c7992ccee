import { isUnspacedScript, isViewWordCodePoint, isWhitespace } from './charClass';
import { delimiterLiteralAt, speakerLabelAt } from './delimiters';
import { LEET } from './detectionView';
import { foldCodePoint } from './fold';
import { invisibleKind } from './invisible';
import type { PhraseRule, TermSet } from './lexicon';
import { foldTerm, NEGATION_REACH } from './phraseMatcher';
import { DEFAULT_MAX_RUN, DEFAULT_MAX_WHITESPACE_RUN } from './sanitize';

/**
 * The stretches of a text the detection view, tokenizer, phrase walk and delimiter scan must
 * read, found in one cheap pass: outside them none of those can find anything, so they are
 * skipped. A stretch is opened around each candidate: a word where some phrase rule has a key
 * of every slot within the words its match can span (keys derived from the compiled rules, so
 * new rules are covered), any character outside printable ASCII (folding, homoglyphs, invisibles, other scripts), a
 * chat-template literal, a speaker label at a line start, a run of spelt-out letters, and a
 * right-to-left run. Each stretch reaches far enough either side (in words, which phrase rules
 * count, and in characters, which the delimiter scan counts) that a finding touching a candidate
 * lies inside it. The text-level scanners (URLs, commands, encodings, hidden HTML) still read
 * every character.
 */
export interface CandidateRegions {
  /** Disjoint [from, to) pairs in text order; each edge sits on an ASCII non-word character or the text's ends. */
  readonly ranges: Int32Array;
  readonly count: number;
  /** Whether the sanitizer could remove anything (a superset of what it removes). */
  readonly needsSanitizing: boolean;
}

/** Key length: the first few folded characters of a term, across word boundaries. */
const KEY_CHARS = 12;
const SPACE_COLUMN = 36;
/** isInert's classes of a character outside ASCII (0: not asked yet). */
const INERT = 1;
const CANDIDATE = 2;
const UNSPACED_WORD = 3;
const COLUMNS = 37;
/** Characters a stretch reaches around a candidate that is not a key word: the delimiter scan's look-ahead (a speaker label's prose check reads 400). */
const CHAR_REACH = 64;
const SPEAKER_REACH = 512;
/** Spelt-out letters ("i g n o r e") are a candidate from this many in a row (the decoder needs 6). */
const SPACED_RUN = 6;
const MAX_SPACED_GAP = 3;
/** When candidates are this dense, or the stretches cover this much, the whole text is read instead. */
const MAX_CANDIDATE_SHARE = 1 / 64;
const MAX_COVERED_SHARE = 0.5;

/**
 * Key words of a rule set, as a small trie over [a-z0-9 ]: every term's first few folded
 * characters, tagged with the rule slots it can fill. A rule is a candidate where a key of each of
 * its slots occurred within the words a match can span: one common word ("this", "the") alone
 * opens nothing. Slots whose terms need characters outside ASCII are left to the non-ASCII
 * candidates; slots with a term that starts with punctuation count as always filled.
 */
export class CandidateLexicon {
  /** Every rule that ASCII text can match has a slot with keys (else the whole text is read). */
  readonly complete: boolean;
  /** Words a phrase match can span, from its first word to its last (and the negation before it). */
  readonly reachWords: number;
  /** Words the longest term spans: how far past a key's first word the match it completes can end. */
  readonly termWords: number;
  /** Rule slots tracked, and for each its rule's first slot and slot count. */
  readonly slotCount: number;
  private readonly slotFirst: Int32Array;
  private readonly slotsInRule: Int32Array;
  /** Per slot, the words its rule's match can span. */
  private readonly slotReach: Int32Array;
  /**
   * Sequence rules are followed in order (as the phrase walk does, latest hit only): per slot, the
   * previous slot with keys (-1 for the first), how many words after that slot's key its own key
   * can start, and whether it is the rule's last slot with keys.
   */
  private readonly prevSlot: Int32Array;
  private readonly maxStep: Int32Array;
  private readonly lastSlot: Uint8Array;
  private readonly always: Uint8Array;
  private readonly next: Int32Array;
  /** Per trie node, its children by a character of a script written without spaces (keys of Chinese, Japanese, Thai terms). */
  private readonly other: readonly (ReadonlyMap<number, number> | undefined)[];
  private readonly leaf: Uint8Array;
  /** Per trie node, 1 when a key ends there (slotsFrom says the same, in two loads). */
  private readonly keyNode: Uint8Array;
  /** Per trie node, the slots its key fills (CSR: slotsAt[slotsFrom[node] .. slotsFrom[node + 1]]). */
  private readonly slotsFrom: Int32Array;
  private readonly slotsAt: Int32Array;
  /** Code units outside ASCII in a folded term of a slot that a key must fill, or of a negation (see isInert). */
  private readonly termUnits = new Set<number>();
  /** Per BMP code unit, isInert's answer once asked: 0 not yet, 1 inert, 2 a candidate, 3 inert and a word of an unspaced script. */
  private readonly inert = new Uint8Array(0x10000);

  constructor(rules: readonly PhraseRule[], negators: TermSet) {
    let next = new Int32Array(COLUMNS * 1024).fill(-1);
    const other: (Map<number, number> | undefined)[] = [undefined];
    let nodes = 1;
    const tags: number[][] = [[]];
    /** Per node, whether another key goes on from it (set as children are made: no pass over the whole table). */
    const inner: number[] = [0];
    const slotFirst: number[] = [];
    const slotsInRule: number[] = [];
    const slotReach: number[] = [];
    const always: number[] = [];
    const prevSlot: number[] = [];
    const maxStep: number[] = [];
    const lastSlot: number[] = [];
    let complete = true;
    let reach = 0;
    let termWords = KEY_CHARS;
    const negation = NEGATION_REACH + Math.max(...negators.terms.map(wordsIn));
    const unitsAdded = new Set<TermSet>();
    this.addTermUnits(negators.terms);
    const slotKeys = new Map<TermSet, ReturnType<typeof keysOf>>();
    const slotWords = new Map<TermSet, number>();
    for (const rule of rules) {
      const slots = rule.slots.map((set) => slotKeys.get(set) ?? slotKeys.set(set, keysOf(set)).get(set) ?? 'always');
      for (const [index, set] of rule.slots.entries()) {
        if (slots[index] === 'always' || unitsAdded.has(set)) continue;
        unitsAdded.add(set);
        // Terms with a key are reached through it; only a candidate around them reaches the others.
        this.addTermUnits(set.terms.filter((term) => keyOf(term) === 'outside-ascii'));
      }
      if (slots.some((keys) => keys === 'outside-ascii')) continue; // only text with non-ASCII characters can match it
      if (slots.every((keys) => keys === 'always')) complete = false;
      const words = rule.slots.map((set) => slotWords.get(set) ?? slotWords.set(set, Math.max(...set.terms.map(wordsIn))).get(set) ?? 0);
      termWords = Math.max(termWords, ...words);
      const span = rule.kind === 'window' ? rule.window + Math.max(...words) : words.reduce((sum, count) => sum + count, 0) + rule.gaps.reduce((sum, gap) => sum + gap, 0);
      const ruleReach = span + (rule.negatable ? negation : 0) + 1;
      reach = Math.max(reach, ruleReach);
      const first = slotFirst.length;
      let previous = -1;
      let step = 0;
      for (const [index, keys] of slots.entries()) {
        const slot = slotFirst.length;
        slotFirst.push(first);
        slotsInRule.push(slots.length);
        slotReach.push(ruleReach);
        always.push(keys === 'always' ? 1 : 0);
        // Slot k's term starts at most (words of slot k-1) + gaps[k] words after slot k-1's: in ASCII
        // text a token is a word or a ":" "," "@", so counting words never overshoots a gap.
        if (index > 0) step += (words[index - 1] ?? 0) + (rule.gaps[index] ?? 0);
        prevSlot.push(rule.kind === 'sequence' ? previous : -2);
        maxStep.push(step);
        lastSlot.push(0);
        if (keys !== 'always') {
          previous = slot;
          step = 0;
        }
        if (keys === 'always' || keys === 'outside-ascii') continue;
        for (const key of keys) {
          let node = 0;
          for (const code of key) {
            const column = columnOf(code);
            const at = node * COLUMNS + column;
            let child = column < 0 ? (other[node]?.get(code) ?? -1) : (next[at] ?? -1);
            if (child < 0) {
              child = nodes++;
              if (nodes * COLUMNS > next.length) {
                const grown = new Int32Array(next.length * 2).fill(-1);
                grown.set(next);
                next = grown;
              }
              tags.push([]);
              inner.push(0);
              other.push(undefined);
              inner[node] = 1;
              if (column < 0) (other[node] ??= new Map()).set(code, child);
              else next[at] = child;
            }
            node = child;
          }
          const list = tags[node] as number[];
          if (list.at(-1) !== slot) list.push(slot);
        }
      }
    }
    for (const [slot, first] of slotFirst.entries()) {
      if (prevSlot[slot] === -2) continue;
      let last = first + (slotsInRule[slot] ?? 0) - 1;
      while (last > first && always[last] === 1) last--;
      if (last === slot) lastSlot[slot] = 1;
    }
    this.complete = complete;
    this.reachWords = reach;
    this.termWords = termWords;
    this.prevSlot = Int32Array.from(prevSlot);
    this.maxStep = Int32Array.from(maxStep);
    this.lastSlot = Uint8Array.from(lastSlot);
    this.slotReach = Int32Array.from(slotReach);
    this.slotCount = slotFirst.length;
    this.slotFirst = Int32Array.from(slotFirst);
    this.slotsInRule = Int32Array.from(slotsInRule);
    this.always = Uint8Array.from(always);
    this.next = next.slice(0, nodes * COLUMNS);
    this.other = other;
    this.leaf = Uint8Array.from(inner, (goesOn) => 1 - goesOn);
    this.slotsFrom = new Int32Array(tags.length + 1);
    tags.forEach((list, node) => (this.slotsFrom[node + 1] = (this.slotsFrom[node] ?? 0) + list.length));
    this.slotsAt = Int32Array.from(tags.flat());
    this.keyNode = Uint8Array.from(tags, (list) => (list.length > 0 ? 1 : 0));
  }

  /**
   * A character outside printable ASCII that nothing read from the view can turn on: one that
   * folds to itself, is neither whitespace nor invisible, and is in no term (a slot that counts as
   * filled anywhere, such as ": — –" after an addressee, does not count). In the view it is
   * punctuation, or a letter of a word no term holds, so only the key words around it can make a
   * match, and their reach already covers it: a dash, a curly quote, an arrow, a box-drawing line
   * or a word in a script no rule is written in does not make the whole text read. Surrogates are
   * never inert.
   */
  isInert(code: number): boolean {
    return this.classOf(code) !== CANDIDATE;
  }

  /**
   * A character of a script written without spaces (Han, kana, Thai…) that is inert: each is a
   * token of its own, so the pass counts it as a word and walks the keys of such scripts through it.
   */
  isUnspacedWord(code: number): boolean {
    return this.classOf(code) === UNSPACED_WORD;
  }

  /** The node after an unspaced-script character from `node`, or -1. */
  stepUnspaced(node: number, code: number): number {
    return this.other[node]?.get(code) ?? -1;
  }

  private classOf(code: number): number {
    let known = this.inert[code] ?? CANDIDATE;
    if (known === 0) {
      const folded = code >= 0xd800 && code <= 0xdfff ? undefined : foldCodePoint(code);
      const inert = folded !== undefined && !folded.confusable && folded.text.length === 1 && folded.text.charCodeAt(0) === code
        && invisibleKind(code) === undefined && !isWhitespace(code) && !this.termUnits.has(code);
      known = !inert ? CANDIDATE : isUnspacedScript(code) ? UNSPACED_WORD : INERT;
      this.inert[code] = known;
    }
    return known;
  }

  /** The characters outside ASCII of these terms are candidates (see isInert). */
  private addTermUnits(terms: readonly string[]): void {
    for (const term of terms) for (const code of foldTerm(term.endsWith('*') ? term.slice(0, -1) : term)) if (code >= 0x80) this.termUnits.add(code);
  }

  /** The node after a column (see columnOf) from `node`, or -1. */
  step(node: number, column: number): number {
    return this.next[node * COLUMNS + column] ?? -1;
  }

  /** No longer key goes on from `node`. */
  isFinal(node: number): boolean {
    return this.leaf[node] === 1;
  }

  isKey(node: number): boolean {
    return this.keyNode[node] === 1;
  }

  /**
   * A key of `node` at word `word`: records the slots it fills in `lastHit`, and returns how many
   * words back a match may reach when some rule now has every slot filled within the words its
   * match can span (0 when none has).
   */
  hit(node: number, word: number, lastHit: Int32Array): number {
    let complete = 0;
    for (let index = this.slotsFrom[node] ?? 0; index < (this.slotsFrom[node + 1] ?? 0); index++) {
      const slot = this.slotsAt[index] ?? 0;
      const previous = this.prevSlot[slot] ?? -2;
      if (previous !== -2) {
        // In order: this slot is reached only after the previous one was, close enough before.
        if (previous >= 0 && (lastHit[previous] ?? -1) < word - (this.maxStep[slot] ?? 0)) continue;
        if ((lastHit[slot] ?? -1) < word) lastHit[slot] = word;
        const reach = this.slotReach[slot] ?? 0;
        if (this.lastSlot[slot] === 1 && reach > complete) complete = reach;
        continue;
      }
      if ((lastHit[slot] ?? -1) < word) lastHit[slot] = word;
      const reach = this.slotReach[slot] ?? 0;
      if (reach <= complete) continue;
      const first = this.slotFirst[slot] ?? 0;
      const last = first + (this.slotsInRule[slot] ?? 0);
      const floor = word - reach;
      let filled = true;
      for (let other = first; other < last && filled; other++) filled = this.always[other] === 1 || (lastHit[other] ?? -1) >= floor;
      if (filled) complete = reach;
    }
    return complete;
  }
}

/**
 * A term's key: its folded path up to the first character outside [a-z0-9 ], a word end when it
 * ends there, KEY_CHARS at most. A term written only in a script without spaces keys on its
 * characters (its match ends with its last character, whatever follows).
 */
function keyOf(term: string): number[] | 'outside-ascii' | undefined {
  const stem = term.endsWith('*');
  const path = foldTerm(stem ? term.slice(0, -1) : term);
  if (path.length > 0 && path.every((code) => code < 0xd800 && isUnspacedScript(code))) return path.slice(0, KEY_CHARS);
  // Only text with a character outside ASCII matches it, and such a character is always a candidate.
  if (path.some((code) => code >= 0x80)) return 'outside-ascii';
  const key: number[] = [];
  let cut = false;
  for (const code of path) {
    if (columnOf(code) < 0) {
      cut = true;
      break;
    }
    key.push(code);
  }
  if (!cut && !stem) key.push(0x20);
  if (key.length === 0 || key[0] === 0x20) return undefined;
  return key.slice(0, KEY_CHARS);
}

/**
 * The keys of a slot's ASCII terms; 'always' when a term starts with punctuation (no key: the
 * slot counts as filled anywhere); 'outside-ascii' when every term needs a character outside ASCII.
 */
function keysOf(set: TermSet): number[][] | 'always' | 'outside-ascii' {
  const keys = new Map<string, number[]>();
  for (const term of set.terms) {
    const key = keyOf(term);
    if (key === undefined) return 'always';
    if (key !== 'outside-ascii') keys.set(String.fromCharCode(...key), key);
  }
  return keys.size === 0 ? 'outside-ascii' : [...keys.values()];
}

/** Tokens a term spans at most (words, and ":" or "," which are tokens too), plus one. */
function wordsIn(term: string): number {
  let count = 1;
  let inWord = false;
  for (const char of term) {
    const code = char.codePointAt(0) ?? 0;
    const word = isViewWordCodePoint(code);
    const unspaced = word && isUnspacedScript(code); // each such character is a token of its own
    if (unspaced || (word && !inWord)) count++;
    else if (char === ':' || char === ',') count++;
    inWord = word && !unspaced;
  }
  return count;
}


function columnOf(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return code === 0x20 ? SPACE_COLUMN : -1;
}

/** Per ASCII letter (either case) or digit, its column; with leetspeak digits read as the letter they imitate. */
const COLUMN = Int8Array.from({ length: 0x80 }, (_, code) => columnOf(code >= 0x41 && code <= 0x5a ? code | 0x20 : code));
const LEET_COLUMN = Int8Array.from({ length: 0x80 }, (_, code) => (COLUMN[LEET[code] || code] ?? -1));

/** Word and candidate arrays, kept between scans of short texts (allocating them is a good part of a prefilter pass). */
export class CandidateStorage {
  wordStart: Int32Array = new Int32Array(0);
  wordEnd: Int32Array = new Int32Array(0);
  anchors = new Int32Array(0);
  lastHit = new Int32Array(0);
  readonly walks = new Int32Array(KEY_CHARS * 3);
  readonly nextWalks = new Int32Array(KEY_CHARS * 3);
  readonly unspacedWalks = new Int32Array(KEY_CHARS * 3);
  readonly nextUnspacedWalks = new Int32Array(KEY_CHARS * 3);
}


/**
 * Finds the candidate stretches of `text`, or undefined when the whole text must be read (the
 * candidates are dense, or the lexicon has a rule without a usable key). One pass, linear.
 */
export function candidateRegions(text: string, lexicon: CandidateLexicon, storage: CandidateStorage = new CandidateStorage()): CandidateRegions | undefined {
  const length = text.length;
  if (!lexicon.complete) return undefined;
  const words = new WordReader(text, lexicon, storage, length);
  const maxCandidates = Math.max(16, Math.floor(length * MAX_CANDIDATE_SHARE));
  let needsSanitizing = false;
  let runCode = -1;
  let runLength = 0;
  let reversal = -1;
  for (let index = 0; index < length; index++) {
    let code = text.charCodeAt(index);
    if (code < 0x80 && ASCII_WORD[code] === 1) {
      // A word read in a tight loop; a run of one letter or digit never needs the sanitizer.
      const start = index;
      let digits = 0;
      do {
        if (code <= 0x39) digits++;
        code = text.charCodeAt(++index);
      } while (code < 0x80 && ASCII_WORD[code] === 1);
      words.end(start, index, digits);
      runCode = -1;
      if (index >= length) break;
      // Dense text is read whole: stop early rather than finish a pass whose stretches would cover it.
      if ((words.count & 0xff) === 0 && words.anchorCount + words.spots.length / 4 > 16 + index * MAX_CANDIDATE_SHARE) return undefined;
    }
    if (code === runCode) {
      // The sanitizer cuts only runs past its limits: shorter ones (indentation, rules of dashes) need no pass.
      if (++runLength > (isWhitespace(code) ? DEFAULT_MAX_WHITESPACE_RUN : DEFAULT_MAX_RUN)) needsSanitizing = true;
    } else {
      runCode = code;
      runLength = 1;
    }
    if (code >= 0x20 && code < 0x7f) {
      if ((code === 0x3c || code === 0x5b) && delimiterLiteralAt(text, index)) words.spot(index, CHAR_REACH, CHAR_REACH);
      continue;
    }
    if (code === 0x0a) {
      words.newline = index;
      if (reversal >= 0) {
        words.spot(reversal, CHAR_REACH, index - reversal + CHAR_REACH);
        reversal = -1;
      }
      if (speakerLabelAt(text, index + 1)) words.spot(index, 0, SPEAKER_REACH);
      continue;
    }
    if (code === 0x09 || (code === 0x0d && text.charCodeAt(index + 1) === 0x0a)) continue;
    // Outside printable ASCII: folding, homoglyphs, invisibles, controls, other scripts. The
    // sanitizer removes only invisibles, controls, a lone CR and long runs (astral ones counted
    // per code point, so any astral character counts): an accent or a dash alone does not need it.
    if (code === 0x0d || (code >= 0xd800 && code <= 0xdbff) || invisibleKind(code) !== undefined) needsSanitizing = true;
    if (lexicon.isInert(code)) {
      if (lexicon.isUnspacedWord(code)) words.unspaced(index, code);
      continue;
    }
    words.spot(index, CHAR_REACH, CHAR_REACH);
    if (code === 0x202e || code === 0x2067) {
      if (reversal >= 0) words.spot(reversal, CHAR_REACH, index - reversal + CHAR_REACH);
      reversal = index;
    } else if (reversal >= 0 && (code === 0x202c || code === 0x2069)) {
      words.spot(reversal, CHAR_REACH, index - reversal + CHAR_REACH);
      reversal = -1;
    }
    if (words.spots.length > maxCandidates * 4) return undefined;
  }
  if (reversal >= 0) words.spot(reversal, CHAR_REACH, length - reversal + CHAR_REACH);
  if (length > 0 && speakerLabelAt(text, 0)) words.spots.push(0, 0, 0, SPEAKER_REACH);
  if (words.overflow || words.anchorCount + words.spots.length / 4 > maxCandidates) return undefined;

  const spans = new Spans(text, storage.wordStart, storage.wordEnd, words.count, lexicon.reachWords, lexicon.termWords);
  const { anchors, spots } = words;
  for (let index = 0; index < words.anchorCount; index++) spans.addAnchor(anchors[index * 2] ?? 0, anchors[index * 2 + 1] ?? 0);
  for (let index = 0; index < spots.length; index += 4) spans.addAt(spots[index + 1] ?? 0, spots[index] ?? 0, spots[index + 2] ?? 0, spots[index + 3] ?? 0);
  const ranges = spans.merged();
  let covered = 0;
  for (let index = 0; index < ranges.length; index += 2) covered += (ranges[index + 1] ?? 0) - (ranges[index] ?? 0);
  if (covered > length * MAX_COVERED_SHARE) return undefined;
  return { ranges, count: ranges.length / 2, needsSanitizing };
}

/** ASCII letters and digits: what a word of the pass is made of. */
const ASCII_WORD = new Uint8Array(0x80);
for (let code = 0; code < 0x80; code++) ASCII_WORD[code] = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 1 : 0;

/** A digit that reads as a letter in leetspeak, somewhere in [start, end). */
function hasLeet(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code <= 0x39 && LEET[code] !== 0) return true;
  }
  return false;
}

/** Per word of the pass: its place, the key walks through it, spelt-out letter runs. */
class WordReader {
  /** The current word's start, and the columns its characters walk the trie by (leetspeak read as letters or not). */
  private start = 0;
  private columns = COLUMN;
  readonly anchors: Int32Array;
  /** Candidates other than key words: position, word index there, characters reached back and forward. */
  readonly spots: number[] = [];
  count = 0;
  anchorCount = 0;
  overflow = false;
  /** Where the latest newline was. */
  newline = -1;
  private wordStart: Int32Array;
  private wordEnd: Int32Array;
  private readonly lastHit: Int32Array;
  /** Key walks through characters of unspaced scripts, open after the one that ends at `unspacedEnd`. */
  private unspacedWalks: Int32Array;
  private nextUnspacedWalks: Int32Array;
  private unspacedOpen = 0;
  private unspacedEnd = -1;
  /** Key walks still open from earlier words (a key may span words): trie node, origin word, depth. */
  private walks: Int32Array;
  private nextWalks: Int32Array;
  private open = 0;
  private nextOpen = 0;
  private spacedRun = 0;
  private lastSingleEnd = -10;

  constructor(private readonly text: string, private readonly lexicon: CandidateLexicon, private readonly storage: CandidateStorage, length: number) {
    const capacity = (length >> 1) + 2;
    if (storage.wordStart.length < capacity) {
      storage.wordStart = new Int32Array(capacity);
      storage.wordEnd = new Int32Array(capacity);
      storage.anchors = new Int32Array(capacity * 2);
    }
    this.wordStart = storage.wordStart;
    this.wordEnd = storage.wordEnd;
    this.anchors = storage.anchors;
    if (storage.lastHit.length !== lexicon.slotCount) storage.lastHit = new Int32Array(lexicon.slotCount);
    this.lastHit = storage.lastHit.fill(-1_000_000);
    this.walks = storage.walks;
    this.nextWalks = storage.nextWalks;
    this.unspacedWalks = storage.unspacedWalks;
    this.nextUnspacedWalks = storage.nextUnspacedWalks;
  }

  /**
   * A character of a script written without spaces, at `index`: a word of its own (as it is a token
   * of its own), walked through the keys of such scripts, which go on only into the next character
   * when it follows at once. An ASCII key does not go on through it.
   */
  unspaced(index: number, code: number): void {
    if (this.count >= this.wordStart.length) this.makeRoom();
    this.wordStart[this.count] = index;
    this.wordEnd[this.count] = index + 1;
    let open = 0;
    if (this.unspacedEnd === index) {
      for (let walk = 0; walk < this.unspacedOpen; walk++) {
        open = this.stepUnspaced(this.unspacedWalks[walk * 3] ?? 0, this.unspacedWalks[walk * 3 + 1] ?? 0, this.unspacedWalks[walk * 3 + 2] ?? 0, code, open);
      }
    }
    open = this.stepUnspaced(0, this.count, 0, code, open);
    const walks = this.unspacedWalks;
    this.unspacedWalks = this.nextUnspacedWalks;
    this.nextUnspacedWalks = walks;
    this.unspacedOpen = open;
    this.unspacedEnd = index + 1;
    this.open = 0;
    this.count++;
  }

  /** One step of an unspaced-script key walk; the walk stays open (into the next walks, `open` of them so far) unless it ended. */
  private stepUnspaced(from: number, origin: number, depth: number, code: number, open: number): number {
    const { lexicon } = this;
    const node = lexicon.stepUnspaced(from, code);
    if (node < 0) return open;
    if (lexicon.isKey(node)) this.anchor(origin, lexicon.hit(node, origin, this.lastHit));
    if (lexicon.isFinal(node) || depth + 1 >= KEY_CHARS || open >= KEY_CHARS) return open;
    this.nextUnspacedWalks[open * 3] = node;
    this.nextUnspacedWalks[open * 3 + 1] = origin;
    this.nextUnspacedWalks[open * 3 + 2] = depth + 1;
    return open + 1;
  }

  /** Words are at most half the characters in ASCII, but each character of an unspaced script is one. */
  private makeRoom(): void {
    const grow = (from: Int32Array): Int32Array => {
      const grown = new Int32Array(from.length * 2);
      grown.set(from);
      return grown;
    };
    this.wordStart = this.storage.wordStart = grow(this.wordStart);
    this.wordEnd = this.storage.wordEnd = grow(this.wordEnd);
  }

  spot(at: number, back: number, forward: number): void {
    this.spots.push(at, this.count, back, forward);
  }

  /** The word [start, end) ends (`digits` of its characters are digits): walks its key codes and checks for spelt-out letters. */
  end(start: number, end: number, digits: number): void {
    const { text } = this;
    const length = end - start;
    const count = length < KEY_CHARS ? length : KEY_CHARS;
    const letters = length - digits;
    this.columns = digits > 0 && letters >= 2 && length <= 40 && hasLeet(text, start, end) ? LEET_COLUMN : COLUMN;
    this.start = start;
    this.unspacedOpen = 0;
    if (this.count >= this.wordStart.length) this.makeRoom();
    this.wordStart[this.count] = start;
    this.wordEnd[this.count] = end;
    const whole = length <= KEY_CHARS;
    this.nextOpen = 0;
    for (let walk = 0; walk < this.open; walk++) this.walkOn(this.walks[walk * 3] ?? 0, this.walks[walk * 3 + 2] ?? 0, this.walks[walk * 3 + 1] ?? 0, count, whole);
    this.walkOn(0, 0, this.count, count, whole);
    const walks = this.walks;
    this.walks = this.nextWalks;
    this.nextWalks = walks;
    this.open = this.nextOpen;
    const single = length === 1 && letters === 1;
    const gap = start - this.lastSingleEnd;
    if (single && gap >= 1 && gap <= MAX_SPACED_GAP && this.newline < this.lastSingleEnd) this.spacedRun++;
    else this.spacedRun = single ? 1 : 0;
    if (single) this.lastSingleEnd = end;
    if (this.spacedRun >= SPACED_RUN) this.spot(start, CHAR_REACH, CHAR_REACH);
    this.count++;
  }

  /**
   * Walks on through the current word's first codes. A walk that reaches the word's end short of a
   * full key takes the word boundary at once: a key that ends there is hit now, and the walk stays
   * open for the next word only when some key goes on past the boundary.
   */
  private walkOn(from: number, depth: number, origin: number, count: number, whole: boolean): void {
    const { columns, lexicon, start, text } = this;
    let node = from;
    let reached = depth;
    for (let index = 0; index < count && reached < KEY_CHARS; index++) {
      node = lexicon.step(node, columns[text.charCodeAt(start + index)] ?? -1);
      if (node < 0) return;
      reached++;
      if (lexicon.isKey(node)) {
        this.anchor(origin, lexicon.hit(node, origin, this.lastHit));
        if (lexicon.isFinal(node)) return;
      }
    }
    if (!whole || reached >= KEY_CHARS || this.nextOpen >= KEY_CHARS) return;
    node = lexicon.step(node, SPACE_COLUMN);
    if (node < 0) return;
    if (lexicon.isKey(node)) this.anchor(origin, lexicon.hit(node, origin, this.lastHit));
    if (lexicon.isFinal(node)) return;
    const at = this.nextOpen * 3;
    this.nextWalks[at] = node;
    this.nextWalks[at + 1] = origin;
    this.nextWalks[at + 2] = reached + 1;
    this.nextOpen++;
  }

  /** A rule's slots all filled, the last at `word`: its match lies within `reach` words before (and the few a key spans after). */
  private anchor(word: number, reach: number): void {
    if (reach === 0) return;
    if (this.anchorCount * 2 + 2 > this.anchors.length) {
      this.overflow = true;
      return;
    }
    this.anchors[this.anchorCount * 2] = word;
    this.anchors[this.anchorCount * 2 + 1] = reach;
    this.anchorCount++;
  }
}

/** The candidate stretches, collected, then sorted and merged. */
class Spans {
  private from: number[] = [];
  private to: number[] = [];

  constructor(
    private readonly text: string,
    private readonly wordStart: Int32Array,
    private readonly wordEnd: Int32Array,
    private readonly words: number,
    private readonly reach: number,
    private readonly termWords: number,
  ) {}

  /** Key words completing a rule at word `word`, whose match starts at most `reach` words before and ends within its term. */
  addAnchor(word: number, reach: number): void {
    this.addWords(word - reach, word + this.termWords);
  }

  /** A candidate at character `at` (before word `word`): any match touching it lies within `reach` words either side. */
  addAt(word: number, at: number, back: number, forward: number): void {
    this.addWords(word - this.reach, word + this.reach);
    const last = this.from.length - 1;
    this.from[last] = Math.min(this.from[last] ?? 0, this.snapBack(at - back));
    this.to[last] = Math.max(this.to[last] ?? 0, this.snapForward(at + forward));
  }

  private addWords(firstWord: number, lastWord: number): void {
    const first = Math.max(0, firstWord);
    const last = Math.min(this.words - 1, lastWord);
    this.from.push(this.words === 0 ? 0 : Math.max(0, (this.wordStart[first] ?? 0) - 1));
    this.to.push(this.words === 0 ? this.text.length : Math.min(this.text.length, (this.wordEnd[last] ?? 0) + 1));
  }

  merged(): Int32Array {
    const order = this.from.map((_, index) => index).sort((a, b) => (this.from[a] ?? 0) - (this.from[b] ?? 0));
    const out: number[] = [];
    for (const index of order) {
      const from = this.from[index] ?? 0;
      const to = this.to[index] ?? 0;
      const last = out.length - 1;
      if (last > 0 && from <= (out[last] ?? 0)) out[last] = Math.max(out[last] ?? 0, to);
      else out.push(from, to);
    }
    return Int32Array.from(out);
  }

  /** A stretch edge at or before `at` that does not cut a word. */
  private snapBack(at: number): number {
    if (at <= 0) return 0;
    const word = this.wordAt(at);
    return word < 0 ? at : (this.wordStart[word] ?? 0) - 1;
  }

  private snapForward(at: number): number {
    if (at >= this.text.length) return this.text.length;
    const word = this.wordAt(at);
    return word < 0 ? at + 1 : (this.wordEnd[word] ?? 0) + 1;
  }

  /** The word holding character `at`, or -1. */
  private wordAt(at: number): number {
    let low = 0;
    let high = this.words;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.wordEnd[middle] ?? 0) <= at) low = middle + 1;
      else high = middle;
    }
    return low < this.words && (this.wordStart[low] ?? 0) <= at ? low : -1;
  }
}
