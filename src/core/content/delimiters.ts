import type { DetectionView } from './detectionView';
import { foldCodePoint } from './fold';

/** A finding in view units; scan.ts maps it back to the original text. */
export interface UnitFinding {
  readonly rule: string;
  readonly weight: number;
  readonly startUnit: number;
  readonly endUnit: number;
}

/** Chat-template and tool-protocol tokens: in untrusted text they fake a turn boundary. */
const LITERALS: readonly (readonly [string, string, number])[] = [
  ['<|im_start|>', 'delimiter.chatml', 0.7], ['<|im_end|>', 'delimiter.chatml', 0.55], ['<|im_sep|>', 'delimiter.chatml', 0.55],
  ['<|endoftext|>', 'delimiter.endoftext', 0.6], ['<|eot_id|>', 'delimiter.llama3', 0.6], ['<|start_header_id|>', 'delimiter.llama3', 0.65],
  ['<|end_header_id|>', 'delimiter.llama3', 0.6], ['<|begin_of_text|>', 'delimiter.llama3', 0.6], ['<|end_of_text|>', 'delimiter.llama3', 0.6],
  ['<|eom_id|>', 'delimiter.llama3', 0.55], ['<|python_tag|>', 'delimiter.llama3', 0.5],
  ['<|system|>', 'delimiter.role-token', 0.65], ['<|user|>', 'delimiter.role-token', 0.55], ['<|assistant|>', 'delimiter.role-token', 0.55],
  ['<|end|>', 'delimiter.role-token', 0.5], ['<|channel|>', 'delimiter.harmony', 0.55], ['<|message|>', 'delimiter.harmony', 0.55],
  ['<|start|>', 'delimiter.harmony', 0.5], ['<|return|>', 'delimiter.harmony', 0.5], ['<|call|>', 'delimiter.harmony', 0.5], ['<|constrain|>', 'delimiter.harmony', 0.5],
  ['<|tool_call|>', 'delimiter.tool-call', 0.55], ['<start_of_turn>', 'delimiter.gemma', 0.6], ['<end_of_turn>', 'delimiter.gemma', 0.55],
  ['[inst]', 'delimiter.llama2', 0.55], ['[/inst]', 'delimiter.llama2', 0.55], ['<<sys>>', 'delimiter.llama2-sys', 0.65], ['<</sys>>', 'delimiter.llama2-sys', 0.6],
  ['[system]', 'delimiter.bracket-system', 0.45], ['[/system]', 'delimiter.bracket-system', 0.45],
  // A mode announced in a tag ("<SYSTEM MODE> As an AI developed by …"): no markup language has these elements.
  ['<system mode>', 'delimiter.bracket-system', 0.45], ['[system mode]', 'delimiter.bracket-system', 0.45], ['<developer mode>', 'delimiter.bracket-system', 0.45],
  ['[developer mode]', 'delimiter.bracket-system', 0.45], ['<admin mode>', 'delimiter.bracket-system', 0.45], ['<god mode>', 'delimiter.bracket-system', 0.45],
  ['<systemmodus>', 'delimiter.bracket-system', 0.45], ['<system-modus>', 'delimiter.bracket-system', 0.45], ['<系统模式>', 'delimiter.bracket-system', 0.45],
  ['<系統模式>', 'delimiter.bracket-system', 0.45], ['<システムモード>', 'delimiter.bracket-system', 0.45], ['<시스템 모드>', 'delimiter.bracket-system', 0.45],
  ['<mode système>', 'delimiter.bracket-system', 0.45], ['<modo sistema>', 'delimiter.bracket-system', 0.45], ['<modo de sistema>', 'delimiter.bracket-system', 0.45],
  ['<modo do sistema>', 'delimiter.bracket-system', 0.45], ['<modalità sistema>', 'delimiter.bracket-system', 0.45], ['<modalità di sistema>', 'delimiter.bracket-system', 0.45],
  ['<mode sistem>', 'delimiter.bracket-system', 0.45], ['<modus tuhan>', 'delimiter.bracket-system', 0.45], ['<sistem modu>', 'delimiter.bracket-system', 0.45],
  ['<системный режим>', 'delimiter.bracket-system', 0.45], ['<режим системы>', 'delimiter.bracket-system', 0.45], ['<सिस्टम मोड>', 'delimiter.bracket-system', 0.45],
  ['<भगवान मोड>', 'delimiter.bracket-system', 0.45], ['<chế độ hệ thống>', 'delimiter.bracket-system', 0.45], ['<وضع النظام>', 'delimiter.bracket-system', 0.45],
  ['</tool_result>', 'delimiter.tool-result', 0.55], ['<tool_result>', 'delimiter.tool-result', 0.45], ['</tool_output>', 'delimiter.tool-result', 0.55],
  ['<tool_output>', 'delimiter.tool-result', 0.45], ['</function_results>', 'delimiter.tool-result', 0.55], ['<function_results>', 'delimiter.tool-result', 0.45],
  ['<function_calls>', 'delimiter.tool-call', 0.55], ['</function_calls>', 'delimiter.tool-call', 0.5], ['<invoke name=', 'delimiter.tool-call', 0.5],
  ['<tool_call>', 'delimiter.tool-call', 0.5], ['</tool_call>', 'delimiter.tool-call', 0.5], ['<tool_use>', 'delimiter.tool-call', 0.45], ['</tool_use>', 'delimiter.tool-call', 0.45],
  ['<system>', 'delimiter.xml-role', 0.25], ['</system>', 'delimiter.xml-role', 0.25], ['<system_prompt>', 'delimiter.xml-system-prompt', 0.5], ['</system_prompt>', 'delimiter.xml-system-prompt', 0.5],
  ['<instructions>', 'delimiter.xml-instructions', 0.3], ['</instructions>', 'delimiter.xml-instructions', 0.3], ['<assistant>', 'delimiter.xml-role', 0.3],
  ['</assistant>', 'delimiter.xml-role', 0.3], ['</user>', 'delimiter.xml-role', 0.25], ['</document>', 'delimiter.xml-document', 0.25], ['</context>', 'delimiter.xml-document', 0.3],
  // The DAN template's reply markers, in every copy of it and of its transcripts: no other text puts a lock before "jailbreak".
  ['[🔓jailbreak', 'delimiter.dan-marker', 0.45], ['[🔒classic', 'delimiter.dan-marker', 0.35],
  ['</untrusted', 'delimiter.untrusted', 0.6], ['<untrusted', 'delimiter.untrusted', 0.4], ['<<<end untrusted', 'delimiter.untrusted', 0.6], ['<|prompt|>', 'delimiter.role-token', 0.5],
];

/** Line-start speaker labels of a transcript: "System: …", "Assistant: …", "Tool output: …". */
const SPEAKERS: readonly (readonly [string, string, number])[] = [
  ['system', 'delimiter.fake-turn.system', 0.45], ['developer', 'delimiter.fake-turn.system', 0.3],
  ['assistant', 'delimiter.fake-turn', 0.3], ['ai', 'delimiter.fake-turn', 0.3], ['model', 'delimiter.fake-turn', 0.3], ['chatgpt', 'delimiter.fake-turn', 0.3], ['claude', 'delimiter.fake-turn', 0.3],
  ['user', 'delimiter.fake-turn', 0.25], ['human', 'delimiter.fake-turn', 0.3],
  ['tool output', 'delimiter.fake-tool-output', 0.3], ['tool result', 'delimiter.fake-tool-output', 0.3], ['tool response', 'delimiter.fake-tool-output', 0.3],
  ['function result', 'delimiter.fake-tool-output', 0.3], ['function output', 'delimiter.fake-tool-output', 0.3], ['observation', 'delimiter.fake-tool-output', 0.25],
  ['thought', 'delimiter.fake-tool-output', 0.2], ['action', 'delimiter.fake-tool-output', 0.2],
  ['instruction', 'delimiter.alpaca', 0.4], ['response', 'delimiter.alpaca', 0.2],
];
/** Labels that only count after a markdown heading ("### Instruction:"), not as plain "Response:". */
const HEADING_ONLY = new Set(['instruction', 'response']);
/** Speakers by first letter, so a line start costs one lookup unless it could be a label. */
const SPEAKERS_BY_INITIAL = new Map<number, (readonly [string, string, number])[]>();
for (const speaker of SPEAKERS) {
  const initial = speaker[0].charCodeAt(0);
  SPEAKERS_BY_INITIAL.set(initial, [...(SPEAKERS_BY_INITIAL.get(initial) ?? []), speaker]);
}
/** 1 at the ASCII code of a label's first character (each label starts with one). */
const SPEAKER_INITIAL = new Uint8Array(0x80);
for (const initial of SPEAKERS_BY_INITIAL.keys()) if (initial < 0x80) SPEAKER_INITIAL[initial] = 1;

interface LiteralNode {
  readonly next: Map<number, LiteralNode>;
  found?: readonly [string, number];
}

const literalTrie: LiteralNode = buildLiteralTrie();
const MAX_LITERAL = Math.max(...LITERALS.map(([text]) => text.length));
const MAX_SPECIAL_TOKEN_NAME = 40;
const LINE_PREFIX_LIMIT = 12;
const MIN_PROSE_WORDS = 4;
const PROSE_LOOKAHEAD = 400;

/**
 * Finds fake delimiters in the folded view: chat-template tokens (a literal trie walked from each
 * `<` and `[`, at most MAX_LITERAL units deep), any other `<|name|>` special token, and speaker
 * labels at the start of a line followed by prose. Linear: every walk is bounded by a constant
 * or by the line it reads.
 */
export function findDelimiters(view: Pick<DetectionView, 'codes' | 'length'>): UnitFinding[] {
  const { codes, length } = view;
  const findings: UnitFinding[] = [];
  let lineStart = true;
  for (let index = 0; index < length; index++) {
    const code = codes[index] ?? 0;
    if (lineStart) {
      const speaker = speakerAt(codes, length, index);
      if (speaker !== undefined) findings.push(speaker);
    }
    lineStart = code === 0x0a;
    if (code !== 0x3c && code !== 0x5b) continue;
    const literal = literalAt(codes, length, index);
    if (literal !== undefined) {
      findings.push(literal);
      continue;
    }
    if (code === 0x3c && codes[index + 1] === 0x7c) {
      const special = specialTokenAt(codes, length, index);
      if (special !== undefined) findings.push(special);
    }
  }
  return findings;
}

/**
 * Whether a chat-template literal or a `<|` special token may start at `index` of the original
 * text, read as the view reads ASCII (lower case, tab and CR as spaces). For the prefilter
 * (candidateRegions): a superset of what findDelimiters finds there.
 */
export function delimiterLiteralAt(text: string, index: number): boolean {
  if (text.charCodeAt(index) === 0x3c && text.charCodeAt(index + 1) === 0x7c) return true;
  let node: LiteralNode | undefined = literalTrie;
  for (let at = index; at < text.length && at - index < MAX_LITERAL; at++) {
    node = node.next.get(viewCode(text.charCodeAt(at)));
    if (node === undefined) return false;
    if (node.found !== undefined) return true;
  }
  return false;
}

/**
 * Whether a speaker label ("System:", "**Assistant**:") may open the line starting at `lineStart`
 * of the original text, without the prose check: a superset of what speakerAt finds there.
 */
export function speakerLabelAt(text: string, lineStart: number): boolean {
  let index = lineStart;
  while (index < text.length && index - lineStart < LINE_PREFIX_LIMIT && isPrefixCode(viewCode(text.charCodeAt(index)))) index++;
  // Called for every line: most start with no label's initial, told by one table lookup.
  const initial = viewCode(text.charCodeAt(index));
  if (initial < 0x80 && SPEAKER_INITIAL[initial] !== 1) return false;
  for (const [label] of SPEAKERS_BY_INITIAL.get(initial) ?? []) {
    let at = 0;
    while (at < label.length && viewCode(text.charCodeAt(index + at)) === label.charCodeAt(at)) at++;
    if (at < label.length) continue;
    let after = index + label.length;
    while (after < text.length && (text.charCodeAt(after) === 0x2a || text.charCodeAt(after) === 0x5f)) after++;
    if (text.charCodeAt(after) === 0x3a) return true;
  }
  return false;
}

/** An ASCII code as the detection view has it. */
function viewCode(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  return code === 0x09 || code === 0x0d ? 0x20 : code;
}

function literalAt(codes: Uint16Array, length: number, start: number): UnitFinding | undefined {
  let node: LiteralNode | undefined = literalTrie;
  let best: UnitFinding | undefined;
  for (let index = start; index < length && index - start < MAX_LITERAL; index++) {
    node = node.next.get(codes[index] ?? 0);
    if (node === undefined) break;
    if (node.found !== undefined) best = { rule: node.found[0], weight: node.found[1], startUnit: start, endUnit: index + 1 };
  }
  return best;
}

/** `<|anything_like_this|>`: a special token of some template the list does not name. */
function specialTokenAt(codes: Uint16Array, length: number, start: number): UnitFinding | undefined {
  let index = start + 2;
  const limit = Math.min(length, index + MAX_SPECIAL_TOKEN_NAME);
  while (index < limit && isNameCode(codes[index] ?? 0)) index++;
  if (index - start - 2 < 2 || codes[index] !== 0x7c || codes[index + 1] !== 0x3e) return undefined;
  return { rule: 'delimiter.special-token', weight: 0.55, startUnit: start, endUnit: index + 2 };
}

function isNameCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d;
}

/** A speaker label at a line start (after markdown prefixes), followed by a colon and prose. */
function speakerAt(codes: Uint16Array, length: number, lineStart: number): UnitFinding | undefined {
  let index = lineStart;
  let heading = false;
  while (index < length && index - lineStart < LINE_PREFIX_LIMIT && isPrefixCode(codes[index] ?? 0)) {
    if (codes[index] === 0x23) heading = true;
    index++;
  }
  const labelStart = index;
  for (const [label, rule, weight] of SPEAKERS_BY_INITIAL.get(codes[labelStart] ?? 0) ?? []) {
    if (!startsWith(codes, length, labelStart, label)) continue;
    if (HEADING_ONLY.has(label) && !heading) continue;
    let after = labelStart + label.length;
    while (after < length && (codes[after] === 0x2a || codes[after] === 0x5f)) after++; // **System**:
    if (codes[after] !== 0x3a) continue;
    // "system:unauthenticated", "system:serviceaccount:…": a name in a namespace, not a label.
    if (isNameCode(codes[after + 1] ?? 0)) return undefined;
    if (countWords(codes, length, after + 1) < MIN_PROSE_WORDS) return undefined;
    const halved = amongKeys(codes, length, lineStart, labelStart) || endsWrappedSentence(codes, length, lineStart, after);
    return { rule, weight: halved ? Math.round(weight * 50) / 100 : weight, startUnit: lineStart, endUnit: after + 1 };
  }
  return undefined;
}

/**
 * A label in a bulleted list of keys, where a line before or after, bulleted alike, opens with
 * another key that is no speaker: API docs list options so (" * - cache: this is where you
 * configure …\n * - system: this is where you can configure the network client"). Halved, not
 * dropped: the words after it are read by the phrase rules all the same. Reads only the lines
 * next to a label, so each line is read at most three times.
 */
function amongKeys(codes: Uint16Array, length: number, lineStart: number, labelStart: number): boolean {
  let bulleted = false;
  for (let index = lineStart; index + 1 < labelStart && !bulleted; index++) bulleted = (codes[index] === 0x2d || codes[index] === 0x2a) && codes[index + 1] === 0x20;
  if (!bulleted) return false;
  let previous = lineStart - 1;
  while (previous > 0 && codes[previous - 1] !== 0x0a) previous--;
  if (previous >= 0 && previous < lineStart && opensWithKey(codes, length, previous, lineStart, labelStart - lineStart)) return true;
  let next = labelStart;
  while (next < length && codes[next] !== 0x0a) next++;
  return next + 1 < length && opensWithKey(codes, length, next + 1, lineStart, labelStart - lineStart);
}

/**
 * A label alone on its line that ends the sentence the line before began: "… the progress of a job
 * through the printing\nsystem:\n\nSubmitted …" (a README wrapped at 72 columns). Halved, as in a
 * list of keys.
 */
function endsWrappedSentence(codes: Uint16Array, length: number, lineStart: number, colon: number): boolean {
  let after = colon + 1;
  while (after < length && (codes[after] === 0x20 || codes[after] === 0x09)) after++;
  if (after < length && codes[after] !== 0x0a) return false;
  let before = lineStart - 2;
  while (before >= 0 && before > lineStart - 2 - MAX_TRAILING_SPACE && (codes[before] === 0x20 || codes[before] === 0x09)) before--;
  const last = codes[before] ?? 0;
  return before >= 0 && ((last >= 0x61 && last <= 0x7a) || (last >= 0x30 && last <= 0x39));
}

/** Line `start` has the prefix of the line at `model` and then a key (a name and a colon) that is no speaker label. */
function opensWithKey(codes: Uint16Array, length: number, start: number, model: number, prefix: number): boolean {
  for (let offset = 0; offset < prefix; offset++) if (codes[start + offset] !== codes[model + offset]) return false;
  const first = start + prefix;
  let at = first;
  while (at < length && at - first <= MAX_KEY && isKeyCode(codes[at] ?? 0)) at++;
  if (at === first || codes[at] !== 0x3a) return false;
  return !(SPEAKERS_BY_INITIAL.get(codes[first] ?? 0) ?? []).some(([label]) => label.length === at - first && startsWith(codes, length, first, label));
}

const MAX_KEY = 40;
/** How far back over the line before's trailing spaces endsWrappedSentence looks for its last character. */
const MAX_TRAILING_SPACE = 40;

/** A name's character, or a backtick around it (" * - `cache`: …"). */
function isKeyCode(code: number): boolean {
  return isNameCode(code) || code === 0x60;
}

function isPrefixCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x23 || code === 0x3e || code === 0x2a || code === 0x5f || code === 0x2d || code === 0x22 || code === 0x27 || code === 0x60;
}

function startsWith(codes: Uint16Array, length: number, start: number, word: string): boolean {
  if (start + word.length > length) return false;
  for (let offset = 0; offset < word.length; offset++) if (codes[start + offset] !== word.charCodeAt(offset)) return false;
  const following = codes[start + word.length] ?? 0;
  return !((following >= 0x61 && following <= 0x7a) || (following >= 0x30 && following <= 0x39));
}

/**
 * Words of two letters or more on the rest of the line, or on the next line when this one is
 * empty; none when the line reads as code: a property typed `system: Required<Pick<Options, "a" |
 * "b">>;` has five words but is a declaration, not a turn.
 */
function countWords(codes: Uint16Array, length: number, start: number): number {
  let words = 0;
  let letters = 0;
  let newlines = 0;
  let syntax = 0;
  const limit = Math.min(length, start + PROSE_LOOKAHEAD);
  for (let index = start; index < limit; index++) {
    const code = codes[index] ?? 0;
    if (code >= 0x61 && code <= 0x7a) {
      letters++;
      continue;
    }
    if (letters >= 2) words++;
    letters = 0;
    if (code < 0x80 && CODE_SYNTAX[code] === 1) syntax++;
    if (code === 0x0a) {
      newlines++;
      if (words > 0 || newlines > 2) break;
    }
  }
  if (syntax >= MIN_CODE_SYNTAX) return 0;
  return letters >= 2 ? words + 1 : words;
}

/** Characters of code, not of prose: `< > { } [ ] ; = |`. A line with this many of them is a declaration (`system: Final[Literal["Cygwin", …]]`). */
const CODE_SYNTAX = Uint8Array.from({ length: 0x80 }, (_, code) => ('<>{}[];=|'.includes(String.fromCharCode(code)) ? 1 : 0));
const MIN_CODE_SYNTAX = 4;

function buildLiteralTrie(): LiteralNode {
  const root: LiteralNode = { next: new Map() };
  for (const [text, rule, weight] of LITERALS) {
    let node = root;
    // Folded as the view is: "<СИСТЕМНЫЙ РЕЖИМ>" reaches the walk with its look-alike letters read as Latin.
    const folded = [...text].map((original) => (original.charCodeAt(0) < 0x80 ? original : foldCodePoint(original.codePointAt(0) ?? 0).text)).join('');
    // By UTF-16 unit, as the view is walked: an astral character ("🔓") is two steps.
    for (let unit = 0; unit < folded.length; unit++) {
      const code = folded.charCodeAt(unit);
      let child = node.next.get(code);
      if (child === undefined) {
        child = { next: new Map() };
        node.next.set(code, child);
      }
      node = child;
    }
    node.found = [rule, weight];
  }
  return root;
}
