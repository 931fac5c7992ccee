/**
 * A JSON Schema `pattern` from an MCP server, run only when its backtracking is bounded. JS
 * regular expressions backtrack: a server's `(a+)+$`, or a long enough string against a pattern
 * that is merely quadratic, keeps the extension's one thread busy for minutes (ReDoS).
 *
 * The pattern is parsed (a subset of JS syntax: characters, classes, escapes, groups,
 * alternation, anchors, quantifiers) and the number of ways it can split a string of n
 * characters is bounded from above: a sequence multiplies, an alternation adds, a repetition of
 * something that matches in one way counts its repeat counts, and a repetition without bound of
 * something that can match in more than one way (`(a+)+`, `(a|ab)*`, even `(a|b)*`: whether two
 * alternatives overlap is not worked out) is exponential and refused.
 * Backreferences and lookarounds are refused (no such bound holds for them). A pattern not
 * anchored with `^` is tried at every start. From the bound comes the longest string the pattern
 * may be tested against: linear work is allowed at any length, anything more up to MAX_STEPS.
 */

/** The most backtracking ways (about steps) one test may take beyond linear work: tens of milliseconds. */
export const MAX_STEPS = 10_000_000;
/** Work per input character that counts as linear. */
const LINEAR_STEPS = 1000;
/** A pattern that cannot be tested on strings this long is refused outright: every call would be. */
export const MIN_TESTED_LENGTH = 64;
const MAX_PATTERN_CHARS = 1000;
const LONGEST = 1_000_000_000;

type Node =
  | { readonly kind: 'char' }
  | { readonly kind: 'empty'; readonly start?: boolean }
  | { readonly kind: 'group'; readonly alternatives: readonly (readonly Node[])[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

export type PatternCheck = { readonly ok: true; readonly maxLength: number } | { readonly ok: false; readonly reason: string };

class Refusal extends Error {}

/** Whether Airlock runs this pattern, and on strings up to what length. */
export function checkPattern(pattern: string): PatternCheck {
  if (pattern.length > MAX_PATTERN_CHARS) return { ok: false, reason: `it is longer than ${MAX_PATTERN_CHARS} characters` };
  let root: Node;
  try {
    root = new Parser(pattern).parse();
    ways(root, LONGEST);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    throw error;
  }
  const anchored = root.kind === 'group' && root.alternatives.every((sequence) => sequence[0]?.kind === 'empty' && sequence[0].start === true);
  const cost = (n: number): number => (anchored ? 1 : n + 1) * ways(root, n);
  const fits = (n: number): boolean => cost(n) <= Math.max(MAX_STEPS, LINEAR_STEPS * (n + 1));
  if (fits(LONGEST)) return { ok: true, maxLength: Number.POSITIVE_INFINITY };
  let low = 0;
  let high = LONGEST;
  // The cost grows with n, so the longest length that fits is found by halving.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  if (low < MIN_TESTED_LENGTH) return { ok: false, reason: `its backtracking grows too fast: a string of ${MIN_TESTED_LENGTH} characters could take more than ${MAX_STEPS.toLocaleString('en-US')} steps` };
  return { ok: true, maxLength: low };
}

/** An upper bound on the ways `node` can match at one position, against a string of `n` characters. */
function ways(node: Node, n: number): number {
  switch (node.kind) {
    case 'char':
    case 'empty':
      return 1;
    case 'group':
      return node.alternatives.reduce((sum, sequence) => sum + sequence.reduce((product, term) => product * ways(term, n), 1), 0);
    case 'repeat': {
      const inner = ways(node.node, n);
      const most = Math.min(node.max, n + 1);
      if (most <= node.min) return inner ** node.min;
      if (inner <= 1) return most - node.min + 1;
      if (node.max === Number.POSITIVE_INFINITY) throw new Refusal('a repeated part can match the same text in more than one way (a nested quantifier or overlapping alternatives): its backtracking is exponential');
      let total = 0;
      for (let count = node.min; count <= most && Number.isFinite(total); count++) total += inner ** count;
      return total;
    }
  }
}

/** Reads the JS pattern syntax ajv compiles with the `u` flag; anything else is refused, never guessed. */
class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.alternatives();
    if (this.at < this.text.length) throw new Refusal(`it has an unmatched ")" at ${this.at}`);
    return node;
  }

  private alternatives(): Node {
    const alternatives: Node[][] = [[]];
    while (this.at < this.text.length && this.peek() !== ')') {
      if (this.peek() === '|') {
        this.at++;
        alternatives.push([]);
        continue;
      }
      alternatives[alternatives.length - 1]?.push(this.quantified(this.atom()));
    }
    return { kind: 'group', alternatives };
  }

  private atom(): Node {
    const char = this.text[this.at++] ?? '';
    switch (char) {
      case '^':
        return { kind: 'empty', start: true };
      case '$':
        return { kind: 'empty' };
      case '[':
        this.skipClass();
        return { kind: 'char' };
      case '\\':
        return this.escape();
      case '(':
        return this.group();
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
      case ')':
        throw new Refusal(`it has a "${char}" with nothing to apply to at ${this.at - 1}`);
      default:
        return { kind: 'char' };
    }
  }

  private group(): Node {
    if (this.peek() === '?') {
      const head = this.text.slice(this.at, this.at + 3);
      if (head.startsWith('?:')) this.at += 2;
      else if (head.startsWith('?<') && head !== '?<=' && head !== '?<!') {
        const close = this.text.indexOf('>', this.at);
        if (close < 0) throw new Refusal('it has an unterminated group name');
        this.at = close + 1;
      } else throw new Refusal('it uses a lookaround or group modifier, whose backtracking Airlock cannot bound');
    }
    const node = this.alternatives();
    if (this.text[this.at++] !== ')') throw new Refusal('it has an unterminated group');
    return node;
  }

  private escape(): Node {
    const char = this.text[this.at++];
    if (char === undefined) throw new Refusal('it ends with a lone backslash');
    if (/[1-9]/.test(char) || char === 'k') throw new Refusal('it uses a backreference, whose backtracking Airlock cannot bound');
    if (char === 'b' || char === 'B') return { kind: 'empty' };
    if ((char === 'p' || char === 'P' || char === 'u') && this.peek() === '{') {
      const close = this.text.indexOf('}', this.at);
      if (close < 0) throw new Refusal('it has an unterminated escape');
      this.at = close + 1;
    } else if (char === 'u') this.at += 4;
    else if (char === 'x') this.at += 2;
    else if (char === 'c') this.at += 1;
    return { kind: 'char' };
  }

  private skipClass(): void {
    while (this.at < this.text.length) {
      const char = this.text[this.at++];
      if (char === '\\') this.at++;
      else if (char === ']') return;
    }
    throw new Refusal('it has an unterminated character class');
  }

  private quantified(node: Node): Node {
    let result = node;
    const char = this.peek();
    const bounds = char === '*' ? [0, Number.POSITIVE_INFINITY] : char === '+' ? [1, Number.POSITIVE_INFINITY] : char === '?' ? [0, 1] : char === '{' ? this.braces() : undefined;
    if (bounds === undefined) return result;
    if (char !== '{') this.at++;
    result = { kind: 'repeat', node, min: bounds[0] ?? 0, max: bounds[1] ?? 0 };
    // A lazy quantifier tries the same splits in another order.
    if (this.peek() === '?') this.at++;
    if (/^[*+?{]/.test(this.peek())) throw new Refusal(`it has a quantifier on a quantifier at ${this.at}`);
    return result;
  }

  private braces(): [number, number] {
    const match = /^\{(\d{1,9})(,(\d{0,9}))?\}/.exec(this.text.slice(this.at));
    if (!match) throw new Refusal(`it has a "{" that is not a quantifier at ${this.at}`);
    this.at += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (max < min) throw new Refusal('it has a quantifier whose maximum is below its minimum');
    return [min, max];
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }
}
