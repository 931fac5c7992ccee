import { isWordCodePoint } from './charClass';
import { buildDetectionView } from './detectionView';
import type { PhraseRule, TermSet } from './lexicon';
import { tokenize, TOKEN_BARRIER, TOKEN_UNSPACED, type Tokens } from './tokens';

const FLAG_FILLER = 1;
const FLAG_NEGATOR = 2;
const SPACE = 0x20;
const SLOT_BITS = 4;
const MAX_SLOTS = 1 << SLOT_BITS;
/**
 * A negation this many tokens before a negatable rule's first slot cancels it ("do not ignore"),
 * and, for a rule negated after, one after at most this many filler words past its last slot.
 */
export const NEGATION_REACH = 2;
/** Matches reported per rule and text: enough to show where, bounded whatever the input. */
const MAX_MATCHES_PER_RULE = 8;

/** Called for each match with the rule's index and the span in view units [start, end). */
export type MatchSink = (rule: number, startUnit: number, endUnit: number) => void;

/**
 * The phrase detector: every term of every rule in one trie over folded text, walked from each
 * token start (a walk never goes deeper than the longest term, so a scan is linear in the text),
 * and a tiny automaton per rule that keeps, for each slot, only the latest place it was reached.
 * Cost per scan: O(text × longest term + hits × slots per term), with no backtracking anywhere.
 */
export class PhraseMatcher {
  readonly rules: readonly PhraseRule[];
  /** ASCII transitions: one row per node, one column per ASCII character that occurs in a term. */
  private readonly asciiNext: Int32Array;
  private readonly asciiColumn: Int8Array;
  private readonly columns: number;
  private readonly otherNext: readonly (ReadonlyMap<number, number> | undefined)[];
  private readonly exactActions: readonly (Int32Array | undefined)[];
  private readonly stemActions: readonly (Int32Array | undefined)[];
  private readonly nodeFlags: Uint8Array;
  private readonly slotBase: Int32Array;
  private readonly slotCount: number;

  constructor(rules: readonly PhraseRule[], fillers: TermSet, negators: TermSet) {
    this.rules = rules;
    const trie = new TrieBuilder();
    rules.forEach((rule, ruleIndex) => {
      if (rule.slots.length > MAX_SLOTS) throw new Error(`rule ${rule.id}: at most ${MAX_SLOTS} slots`);
      rule.slots.forEach((set, slot) => {
        for (const term of set.terms) trie.add(term, ruleIndex * MAX_SLOTS + slot);
      });
    });
    for (const term of fillers.terms) trie.flag(term, FLAG_FILLER);
    for (const term of negators.terms) trie.flag(term, FLAG_NEGATOR);
    const built = trie.build();
    this.asciiNext = built.asciiNext;
    this.asciiColumn = built.asciiColumn;
    this.columns = built.columns;
    this.otherNext = built.otherNext;
    this.exactActions = built.exact;
    this.stemActions = built.stem;
    this.nodeFlags = built.flags;
    this.slotBase = new Int32Array(rules.length);
    let base = 0;
    rules.forEach((rule, index) => {
      this.slotBase[index] = base;
      base += rule.slots.length;
    });
    this.slotCount = base;
  }

  /** Reports each rule match over the tokens of a view (see MatchSink). */
  match(codes: Uint16Array, tokens: Tokens, sink: MatchSink): void {
    if (tokens.count === 0) return; // the prefilter left nothing to read: skip the per-run state
    const run = new MatchRun(this, codes, tokens, sink);
    const hits = new WalkHits();
    const { count, start, end, kind } = tokens;
    for (let token = 0; token < count; token++) {
      if (kind[token] === TOKEN_BARRIER) {
        run.barrier(token);
        continue;
      }
      let node = 0;
      let current = token;
      let position = start[token] ?? 0;
      let filler = false;
      let negatorEnd = -1;
      hits.clear();
      walk: for (;;) {
        const tokenEnd = end[current] ?? 0;
        while (position < tokenEnd) {
          node = this.next(node, codes[position] ?? 0);
          if (node < 0) break walk;
          position++;
          const stem = this.stemActions[node];
          if (stem !== undefined) hits.add(stem, current, tokenEnd); // a stem's match runs to the end of its word
        }
        const exact = this.exactActions[node];
        if (exact !== undefined) hits.add(exact, current, position);
        const flags = this.nodeFlags[node] ?? 0;
        if ((flags & FLAG_FILLER) !== 0 && current === token) filler = true;
        if ((flags & FLAG_NEGATOR) !== 0) negatorEnd = current;
        const following = current + 1;
        if (following >= count || kind[following] === TOKEN_BARRIER) break;
        const joined = kind[current] === TOKEN_UNSPACED && kind[following] === TOKEN_UNSPACED && start[following] === tokenEnd;
        if (!joined) {
          node = this.next(node, SPACE);
          if (node < 0) break;
        }
        current = following;
        position = start[current] ?? 0;
      }
      // Every hit of this walk starts at `token`; later slots go first, so a rule's slot k uses
      // the state left by earlier tokens, not by another term starting here ("earlier" +
      // "system message" must not be undone by "system" alone being a "previous"-word too).
      hits.fireInSlotOrder(run, token);
      run.tokenDone(token, filler, negatorEnd);
    }
    run.flush();
  }

  /** Internal: the rule tables the per-scan state needs. */
  get layout(): { readonly slotBase: Int32Array; readonly slotCount: number } {
    return { slotBase: this.slotBase, slotCount: this.slotCount };
  }

  private next(node: number, code: number): number {
    if (code < 0x80) {
      const column = this.asciiColumn[code] ?? -1;
      return column < 0 ? -1 : (this.asciiNext[node * this.columns + column] ?? -1);
    }
    return this.otherNext[node]?.get(code) ?? -1;
  }
}

/** The hits of one trie walk, fired together once the walk is over. */
class WalkHits {
  private actions = new Int32Array(64);
  private endTokens = new Int32Array(64);
  private endUnits = new Int32Array(64);
  private order: number[] = [];
  private count = 0;
  /** How many trie nodes contributed: one node's actions are already in slot order. */
  private groups = 0;

  clear(): void {
    this.count = 0;
    this.groups = 0;
  }

  add(actions: Int32Array, endToken: number, endUnit: number): void {
    this.groups++;
    if (this.count + actions.length > this.actions.length) this.grow(this.count + actions.length);
    for (const action of actions) {
      this.actions[this.count] = action;
      this.endTokens[this.count] = endToken;
      this.endUnits[this.count] = endUnit;
      this.count++;
    }
  }

  fireInSlotOrder(run: MatchRun, startToken: number): void {
    const count = this.count;
    if (count === 0) return;
    if (this.groups === 1) {
      for (let index = 0; index < count; index++) run.fire(this.actions[index] ?? 0, startToken, this.endTokens[index] ?? startToken, this.endUnits[index] ?? 0);
      return;
    }
    this.order.length = 0;
    for (let index = 0; index < count; index++) this.order.push(index);
    this.order.sort((a, b) => ((this.actions[b] ?? 0) & (MAX_SLOTS - 1)) - ((this.actions[a] ?? 0) & (MAX_SLOTS - 1)) || a - b);
    for (const index of this.order) run.fire(this.actions[index] ?? 0, startToken, this.endTokens[index] ?? startToken, this.endUnits[index] ?? 0);
  }

  private grow(needed: number): void {
    const size = Math.max(needed, this.actions.length * 2);
    const grown = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.actions = grown(this.actions);
    this.endTokens = grown(this.endTokens);
    this.endUnits = grown(this.endUnits);
  }
}

/** The per-scan state of every rule automaton. */
class MatchRun {
  private readonly rules: readonly PhraseRule[];
  private readonly slotBase: Int32Array;
  /** Sequence slots: token where the latest partial match through this slot ended, and its start unit. */
  private readonly slotEndToken: Int32Array;
  private readonly slotStartUnit: Int32Array;
  /** Window slots: the latest hit of each slot. */
  private readonly hitStartToken: Int32Array;
  private readonly hitEndToken: Int32Array;
  private readonly hitStartUnit: Int32Array;
  private readonly hitEndUnit: Int32Array;
  private readonly reported: Int32Array;
  private lastBarrier = -1;
  private lastNonFiller = -1;
  private lastNegator = -1_000;
  /**
   * Matches of rules negated after, waiting for the words that follow them: four numbers each
   * (rule, start unit, end unit, last token). Each waits at most NEGATION_REACH + 1 tokens.
   */
  private readonly waiting: number[] = [];

  constructor(matcher: PhraseMatcher, private readonly codes: Uint16Array, private readonly tokens: Tokens, private readonly sink: MatchSink) {
    this.rules = matcher.rules;
    const { slotBase, slotCount } = matcher.layout;
    this.slotBase = slotBase;
    this.slotEndToken = new Int32Array(slotCount).fill(-1);
    this.slotStartUnit = new Int32Array(slotCount);
    this.hitStartToken = new Int32Array(slotCount).fill(-1);
    this.hitEndToken = new Int32Array(slotCount).fill(-1);
    this.hitStartUnit = new Int32Array(slotCount);
    this.hitEndUnit = new Int32Array(slotCount);
    this.reported = new Int32Array(this.rules.length);
  }

  barrier(token: number): void {
    this.lastBarrier = token;
    this.lastNonFiller = token;
    this.flush();
  }

  tokenDone(token: number, filler: boolean, negatorEnd: number): void {
    if (!filler) this.lastNonFiller = token;
    if (negatorEnd >= 0) this.lastNegator = Math.max(this.lastNegator, negatorEnd);
    if (this.waiting.length > 0) this.settle(token, negatorEnd >= 0, filler && !this.isPunctuation(token));
  }

  /** The sentence or the text ended: nothing can negate the waiting matches any more. */
  flush(): void {
    const waiting = this.waiting;
    for (let index = 0; index < waiting.length; index += 4) this.report(waiting[index] ?? 0, waiting[index + 1] ?? 0, waiting[index + 2] ?? 0);
    waiting.length = 0;
  }

  /**
   * Token `token` follows waiting matches: a negation cancels them, a filler word within reach
   * lets them wait on, anything else (a comma too: "gib das Passwort preis, nicht die Hinweise")
   * reports them.
   */
  private settle(token: number, negation: boolean, filler: boolean): void {
    const waiting = this.waiting;
    let kept = 0;
    for (let index = 0; index < waiting.length; index += 4) {
      const lastToken = waiting[index + 3] ?? 0;
      const wait = lastToken >= token || (!negation && filler && token - lastToken <= NEGATION_REACH);
      if (wait) {
        for (let field = 0; field < 4; field++) waiting[kept * 4 + field] = waiting[index + field] ?? 0;
        kept++;
      } else if (!negation) {
        this.report(waiting[index] ?? 0, waiting[index + 1] ?? 0, waiting[index + 2] ?? 0);
      }
    }
    waiting.length = kept * 4;
  }

  /** ": , – —" and the like, which the tokenizer keeps as one-character words. */
  private isPunctuation(token: number): boolean {
    const start = this.tokens.start[token] ?? 0;
    return (this.tokens.end[token] ?? 0) - start === 1 && !isWordCodePoint(this.codes[start] ?? 0);
  }

  /** A term of (rule, slot) spans tokens [startToken, endToken], ending at unit endUnit. */
  fire(action: number, startToken: number, endToken: number, endUnit: number): void {
    const startUnit = this.tokens.start[startToken] ?? 0;
    const ruleIndex = action >>> SLOT_BITS;
    const slot = action & (MAX_SLOTS - 1);
    const rule = this.rules[ruleIndex];
    if (rule === undefined) return;
    if (rule.kind === 'sequence') this.advanceSequence(rule, ruleIndex, slot, startToken, endToken, startUnit, endUnit);
    else this.advanceWindow(rule, ruleIndex, slot, startToken, endToken, startUnit, endUnit);
  }

  private advanceSequence(rule: PhraseRule, ruleIndex: number, slot: number, startToken: number, endToken: number, startUnit: number, endUnit: number): void {
    const base = this.slotBase[ruleIndex] ?? 0;
    const last = rule.slots.length - 1;
    let matchStart: number;
    if (slot === 0) {
      if (rule.negatable && this.lastNegator < startToken && this.lastNegator >= startToken - NEGATION_REACH) return;
      matchStart = startUnit;
    } else {
      const previousEnd = this.slotEndToken[base + slot - 1] ?? -1;
      if (previousEnd < 0 || startToken <= previousEnd) return;
      if (startToken - previousEnd - 1 > (rule.gaps[slot] ?? 0)) return;
      if (this.lastBarrier > previousEnd) return;
      if (rule.strict && this.lastNonFiller > previousEnd) return;
      if (rule.negatedAfter && this.lastNegator > previousEnd) return;
      matchStart = this.slotStartUnit[base + slot - 1] ?? 0;
    }
    if (slot === last) {
      if (rule.negatedAfter) this.waiting.push(ruleIndex, matchStart, endUnit, endToken);
      else this.report(ruleIndex, matchStart, endUnit);
      return;
    }
    this.slotEndToken[base + slot] = endToken;
    this.slotStartUnit[base + slot] = matchStart;
  }

  private advanceWindow(rule: PhraseRule, ruleIndex: number, slot: number, startToken: number, endToken: number, startUnit: number, endUnit: number): void {
    const base = this.slotBase[ruleIndex] ?? 0;
    this.hitStartToken[base + slot] = startToken;
    this.hitEndToken[base + slot] = endToken;
    this.hitStartUnit[base + slot] = startUnit;
    this.hitEndUnit[base + slot] = endUnit;
    let firstToken = startToken;
    let lastToken = endToken;
    let firstUnit = startUnit;
    let lastUnit = endUnit;
    const slots = rule.slots.length;
    for (let other = 0; other < slots; other++) {
      if (other === slot) continue;
      const otherStart = this.hitStartToken[base + other] ?? -1;
      const otherEnd = this.hitEndToken[base + other] ?? -1;
      if (otherStart < 0) return;
      // Two slots may not share a token ("instrucciones" is not also the verb).
      if (otherEnd >= startToken && otherStart <= endToken) return;
      for (let third = other + 1; third < slots; third++) {
        if (third === slot) continue;
        const thirdStart = this.hitStartToken[base + third] ?? -1;
        const thirdEnd = this.hitEndToken[base + third] ?? -1;
        if (thirdStart >= 0 && thirdEnd >= otherStart && thirdStart <= otherEnd) return;
      }
      if (otherStart < firstToken) {
        firstToken = otherStart;
        firstUnit = this.hitStartUnit[base + other] ?? 0;
      }
      if (otherEnd > lastToken) {
        lastToken = otherEnd;
        lastUnit = this.hitEndUnit[base + other] ?? 0;
      }
    }
    if (lastToken - firstToken + 1 > rule.window) return;
    if (this.lastBarrier >= firstToken) return;
    this.report(ruleIndex, firstUnit, lastUnit);
  }

  private report(ruleIndex: number, startUnit: number, endUnit: number): void {
    const reported = this.reported[ruleIndex] ?? 0;
    if (reported >= MAX_MATCHES_PER_RULE) return;
    this.reported[ruleIndex] = reported + 1;
    this.sink(ruleIndex, startUnit, endUnit);
  }
}

/** Builds the trie, then freezes it into an ASCII transition table plus maps for other characters. */
/** Children and actions are created when first needed: most of the tens of thousands of nodes are leaves or carry no action. */
class TrieBuilder {
  private readonly children: (Map<number, number> | undefined)[] = [undefined];
  private readonly exact: (Set<number> | undefined)[] = [undefined];
  private readonly stem: (Set<number> | undefined)[] = [undefined];
  private readonly flags: number[] = [0];

  add(term: string, action: number): void {
    const isStem = term.endsWith('*');
    const node = this.insert(foldTerm(isStem ? term.slice(0, -1) : term), term);
    const actions = isStem ? this.stem : this.exact;
    (actions[node] ??= new Set()).add(action);
  }

  flag(term: string, flag: number): void {
    const node = this.insert(foldTerm(term), term);
    this.flags[node] = (this.flags[node] ?? 0) | flag;
  }

  build(): { asciiNext: Int32Array; asciiColumn: Int8Array; columns: number; otherNext: (Map<number, number> | undefined)[]; exact: (Int32Array | undefined)[]; stem: (Int32Array | undefined)[]; flags: Uint8Array } {
    const count = this.children.length;
    // Terms use a few dozen ASCII characters: a row of 128 would make the table several times larger.
    const asciiColumn = new Int8Array(0x80).fill(-1);
    let columns = 0;
    for (const children of this.children) for (const code of children?.keys() ?? []) if (code < 0x80 && asciiColumn[code] === -1) asciiColumn[code] = columns++;
    const asciiNext = new Int32Array(count * columns).fill(-1);
    const otherNext: (Map<number, number> | undefined)[] = [];
    for (let node = 0; node < count; node++) {
      let other: Map<number, number> | undefined;
      for (const [code, child] of this.children[node] ?? []) {
        if (code < 0x80) asciiNext[node * columns + (asciiColumn[code] ?? 0)] = child;
        else (other ??= new Map()).set(code, child);
      }
      otherNext.push(other);
    }
    // Later slots first, so one hit never advances a rule through two of its slots.
    const freeze = (sets: (Set<number> | undefined)[]): (Int32Array | undefined)[] => sets.map((set) => (set === undefined ? undefined : Int32Array.from([...set].sort((a, b) => (b & (MAX_SLOTS - 1)) - (a & (MAX_SLOTS - 1))))));
    return { asciiNext, asciiColumn, columns, otherNext, exact: freeze(this.exact), stem: freeze(this.stem), flags: Uint8Array.from(this.flags) };
  }

  private insert(path: readonly number[], term: string): number {
    if (path.length === 0) throw new Error(`term "${term}" folds to nothing`);
    let node = 0;
    for (const code of path) {
      const children = (this.children[node] ??= new Map<number, number>());
      let child = children.get(code);
      if (child === undefined) {
        child = this.children.length;
        children.set(code, child);
        this.children.push(undefined);
        this.exact.push(undefined);
        this.stem.push(undefined);
        this.flags.push(0);
      }
      node = child;
    }
    return node;
  }
}

const PLAIN_TERM = /^ *[a-z]+(?: +[a-z]+)* *$/;
/** Terms are folded twice per process (the matcher and the prefilter's lexicon), and many recur across rules. */
const foldedTerms = new Map<string, readonly number[]>();

/** A term as the walk sees it: folded tokens joined by one space (none between unspaced characters). */
export function foldTerm(term: string): readonly number[] {
  let folded = foldedTerms.get(term);
  if (folded === undefined) {
    folded = computeFoldedTerm(term);
    if (foldedTerms.size < 65_536) foldedTerms.set(term, folded);
  }
  return folded;
}

function computeFoldedTerm(term: string): number[] {
  // Most terms are lower-case ASCII words, which fold to themselves: no view needed (thousands of
  // terms are folded when the matcher is built).
  if (PLAIN_TERM.test(term)) return Array.from(term.trim().split(/ +/).join(' '), (char) => char.charCodeAt(0));
  const view = buildDetectionView(term);
  const tokens = tokenize(view);
  const path: number[] = [];
  for (let token = 0; token < tokens.count; token++) {
    if (tokens.kind[token] === TOKEN_BARRIER) continue;
    if (path.length > 0) {
      const joined = tokens.kind[token - 1] === TOKEN_UNSPACED && tokens.kind[token] === TOKEN_UNSPACED;
      if (!joined) path.push(SPACE);
    }
    for (let unit = tokens.start[token] ?? 0; unit < (tokens.end[token] ?? 0); unit++) path.push(view.codes[unit] ?? 0);
  }
  // "@" is a token only between words (user@host); as a term it stands alone.
  if (path.length === 0 && term.trim().length === 1) path.push(term.trim().charCodeAt(0));
  return path;
}
