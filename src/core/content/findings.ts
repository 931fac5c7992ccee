import { CandidateLexicon, CandidateStorage, candidateRegions, type CandidateRegions } from './candidateRegions';
import { findCommandFindings } from './commands';
import type { ContentCategory, ContentFlag, EncodingKind } from './contentTypes';
import { findDelimiters } from './delimiters';
import { buildDetectionView, MARK_ASCII_LETTER, MARK_CONFUSABLE, MARK_OTHER_LETTER, ViewStorage, type DetectionView } from './detectionView';
import { DEFAULT_DECODE_BUDGET, findEncodedPayloads, readsAsText, type DecodeBudget } from './encoded';
import { findHiddenRegions } from './hiddenHtml';
import { cutWordLexiconOf, cutWordStretches, type CutWordLexicon } from './cutWords';
import { gluedWordLexiconOf, gluedWordRuns, type GluedWordLexicon } from './gluedWords';
import type { PhraseRule } from './lexicon';
import { PhraseMatcher } from './phraseMatcher';
import { FILLERS, NEGATORS, PHRASE_RULES } from './rules';
import { sanitize } from './sanitize';
import { findSpacedLetters } from './spacedLetters';
import { TOKEN_WORD, TokenStorage, tokenize, type Tokens } from './tokens';
import { findUrlFindings } from './urls';

/** A finding in the coordinates of the text it was found in. */
export interface Finding {
  readonly rule: string;
  readonly category: ContentCategory;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
  readonly lang?: string;
  readonly decoded?: ContentFlag['decoded'];
  /** Where the finding counts for scoring, when not at its start (a hidden region counts where its content was found). */
  readonly anchor?: number;
}

const MAX_DECODED_SHOWN = 200;
/** A decoded payload whose strongest inner finding reaches this is reported strongly. */
const WEAK = 0.3;
/** An HTML tag (bounded, no nesting: linear). */
const TAGS = /<\/?[a-z][a-z0-9-]{0,20}(?:\s[^<>]{0,200})?>/gi;
/** A tag that opens or closes a code block. */
const CODE_BLOCK_TAG = /^<\/?pre\b/i;
/** Far enough for a phrase rule's whole span and the words before it that can cancel it. */
const MARKUP_REACH = 512;
const MENTION_REACH = 100;
/** What a template token shown as code still weighs, relative to one in running text. */
const CODE_FACTOR = 0.3;
const MAX_MENTION_CHECKS = 256;
const MENTION_WORDS = /\b(?:tokens?|markers?|templates?|delimiters?|formats?|tokenizers?|escaped?|escaping|expects?|syntax)\b/;
const MIN_SMUGGLED_TEXT = 8;
/** Shorter hidden payloads are not scanned again (too short to say anything). */
const MIN_PAYLOAD_TEXT = 6;
/** Encodings that hide text from a reader: prose in one is odd (percent and entity escapes carry prose every day). */
const OPAQUE_ENCODINGS: ReadonlySet<string> = new Set(['base64', 'base32', 'hex', 'binary']);
/** What hidden prose weighs alone: below the flag line, but counted inside a hidden region (see hiddenFindings). */
const HIDDEN_PROSE = 0.2;
const MIN_PROSE_WORDS = 8;
/** A sentence: words of letters, perhaps with the punctuation that follows a word. */
const PROSE_WORD = /^[\p{L}][\p{L}'’-]*[.,:;!?]?$/u;
/** Every payload costs at least this much decode budget, which bounds how many are scanned again. */
const PAYLOAD_OVERHEAD = 512;

let sharedMatcher: PhraseMatcher | undefined;
let sharedLexicon: CandidateLexicon | undefined;
let sharedCutWordLexicon: CutWordLexicon | undefined;
let sharedGluedWordLexicon: GluedWordLexicon | undefined;

/** The phrase matcher over every rule, built once per process (a few milliseconds). */
function phraseMatcher(): PhraseMatcher {
  sharedMatcher ??= new PhraseMatcher(PHRASE_RULES, FILLERS, NEGATORS);
  return sharedMatcher;
}

/** Every word the rules name, for rejoining cut words (cutWords), built on first use and kept. */
function cutWordLexicon(): CutWordLexicon {
  sharedCutWordLexicon ??= cutWordLexiconOf(PHRASE_RULES);
  return sharedCutWordLexicon;
}

/** The English override rules' words, for reading glued runs again (gluedWords), built on first use and kept. */
function gluedWordLexicon(): GluedWordLexicon {
  sharedGluedWordLexicon ??= gluedWordLexiconOf(PHRASE_RULES.filter((rule) => rule.category === 'instruction-override' && rule.lang === 'en'));
  return sharedGluedWordLexicon;
}

/** The prefilter's key words, derived from the same rules, built once per process (with the matcher). */
function candidateLexicon(): CandidateLexicon {
  sharedLexicon ??= new CandidateLexicon(PHRASE_RULES, NEGATORS);
  return sharedLexicon;
}

/**
 * Every finding in one window of text, in its coordinates: the folded detection view (invisibles
 * dropped, homoglyphs and leetspeak read as letters); phrase rules; chat-template delimiters; URLs;
 * shell commands; hidden payloads decoded one level and scanned again; hidden HTML regions that
 * carry another finding. Linear in the window's length.
 */
export function findingsIn(text: string): { findings: Finding[]; needsSanitizing: boolean } {
  return analyse(text, { remaining: DEFAULT_DECODE_BUDGET }, true, text.length <= REUSED_CHARS);
}

/**
 * The view, tokens and candidate arrays of a text up to REUSED_CHARS reuse these from one scan to
 * the next (allocating them was a tenth of a scan): nothing outlives findingsIn, and the views
 * read inside it (decoded payloads, markup) have their own. Longer texts get fresh arrays, so at
 * most a few megabytes stay held.
 */
const REUSED_CHARS = 128 * 1024;
const windowView = new ViewStorage();
const windowTokens = new TokenStorage();
const windowCandidates = new CandidateStorage();
/** The same for the stretches read again with their tags blanked (the window's view is still in use then). */
const markupView = new ViewStorage();
const markupTokens = new TokenStorage();
const markupCandidates = new CandidateStorage();

/**
 * The view covers only the candidate stretches (candidateRegions) unless they are dense; the
 * scanners that read the text itself (URLs, commands, encodings, hidden HTML) read all of it.
 */
function analyse(text: string, budget: DecodeBudget, deep: boolean, reuse = false): { findings: Finding[]; needsSanitizing: boolean } {
  const regions = candidateRegions(text, candidateLexicon(), reuse ? windowCandidates : undefined);
  const view = buildDetectionView(text, reuse ? windowView : undefined, regions?.ranges);
  const tokens = tokenize(view, reuse ? windowTokens : undefined);
  const findings: Finding[] = [];
  const toOriginal = (startUnit: number, endUnit: number): { start: number; end: number } => ({
    start: view.origStart[startUnit] ?? 0,
    end: endUnit > startUnit ? (view.origEnd[endUnit - 1] ?? 0) : (view.origStart[startUnit] ?? 0),
  });
  append(findings, phraseFindings(text, view, tokens));
  if (deep) append(findings, markupSplitFindings(text, findings, regions));
  if (deep) append(findings, cutWordFindings(text, findings, regions));
  if (deep) append(findings, gluedWordFindings(text));
  let mentions = 0;
  let fences: number[] | undefined;
  for (const found of findDelimiters(view)) {
    const span = toOriginal(found.startUnit, found.endUnit);
    if (found.rule === 'delimiter.llama2' && !text.slice(span.start, span.end).includes('INST')) continue; // "return [inst]" is a list in code
    let weight = found.weight;
    if (!found.rule.startsWith('delimiter.fake-turn') && mentions++ < MAX_MENTION_CHECKS) {
      fences ??= fencePositions(text);
      if (inCode(text, span.start, span.end, fences)) weight = Math.round(found.weight * CODE_FACTOR * 100) / 100;
      else if (mentionedNotUsed(text, span.start, span.end)) weight = Math.round(found.weight * 50) / 100;
    }
    findings.push({ rule: found.rule, category: 'fake-delimiter', weight, ...span });
  }
  // Appended one by one: spreading a list of a million findings into push() overflows the stack.
  append(findings, findUrlFindings(text));
  append(findings, findCommandFindings(text));
  append(findings, spoofing(text, view, tokens));
  if (deep) append(findings, decodedFindings(text, view, tokens, budget));
  append(findings, hiddenFindings(text, findings));
  return { findings, needsSanitizing: regions === undefined ? view.needsSanitizing : regions.needsSanitizing };
}

/**
 * A phrase split by markup ("<td>Ignore all</td><td>previous instructions</td>") is read again
 * with the tags blanked out (same length, so offsets hold); findings already made are not
 * repeated. Only the stretches around tags are read again: blanking changes nothing further away,
 * and most text is not markup. Within a stretch, as in the window, only the prefilter's candidate
 * stretches of the blanked text are read.
 */
function markupSplitFindings(text: string, already: readonly Finding[], candidates: CandidateRegions | undefined): Finding[] {
  const { regions, tags } = markupRegions(text);
  if (regions.length === 0) return [];
  const seen = new Set(already.map((finding) => `${finding.rule}:${finding.start}`));
  const found: Finding[] = [];
  let tag = 0;
  for (const [from, to] of regions) {
    // The tags the scan over the whole text found, blanked: each lies inside its region.
    let blanked = '';
    let at = from;
    for (; tag < tags.length && (tags[tag]?.[0] ?? to) < to; tag++) {
      const [start, end] = tags[tag] ?? [at, at];
      blanked += text.slice(at, start) + blankTag(text, start, end);
      at = end;
    }
    blanked += text.slice(at, to);
    rereadPhrases(blanked, from, candidates, seen, found);
  }
  return found;
}

/**
 * A tag's stand-in, as long as the tag: spaces, so a phrase split by markup reads as one, except
 * at the edge of a code block, which ends a sentence (blank lines: a barrier). Node's docs put a
 * "copy" button at the end of every example, and the paragraph after it ("copy … set
 * the HOST variable to the server's host name") would otherwise read as an order.
 */
function blankTag(text: string, start: number, end: number): string {
  return CODE_BLOCK_TAG.test(text.slice(start, end)) ? `\n\n${' '.repeat(end - start - 2)}` : ' '.repeat(end - start);
}

/**
 * The phrase findings of a rewritten stretch of the text (same length, so offsets hold) that were
 * not already made, in the text's coordinates. Rewriting only removes words and joins phrases:
 * without a key word in the stretch, nothing new is found, so only the prefilter's candidate
 * stretches are read.
 */
function rereadPhrases(rewritten: string, from: number, candidates: CandidateRegions | undefined, seen: Set<string>, found: Finding[]): void {
  const reuse = rewritten.length <= REUSED_CHARS;
  const stretches = candidates === undefined ? undefined : candidateRegions(rewritten, candidateLexicon(), reuse ? markupCandidates : undefined);
  if (stretches?.count === 0) return;
  const view = buildDetectionView(rewritten, reuse ? markupView : undefined, stretches?.ranges);
  for (const finding of phraseFindings(rewritten, view, tokenize(view, reuse ? markupTokens : undefined))) {
    const start = finding.start + from;
    const key = `${finding.rule}:${start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ ...finding, start, end: finding.end + from });
  }
}

/**
 * A word cut by hyphens or spelt out ("ig-nore all pre-vious in-structions", "i g n o r e all
 * previous instructions") is read again with the cuts replaced by a zero-width joiner of the same
 * length, which the view reads through, so offsets hold; only around words that rejoin into one a
 * rule names. Findings already made are not repeated.
 */
function cutWordFindings(text: string, already: readonly Finding[], candidates: CandidateRegions | undefined): Finding[] {
  const stretches = cutWordStretches(text, cutWordLexicon());
  if (stretches.length === 0) return [];
  const seen = new Set(already.map((finding) => `${finding.rule}:${finding.start}`));
  const found: Finding[] = [];
  for (const { from, text: joined } of stretches) rereadPhrases(joined, from, candidates, seen, found);
  return found;
}

/**
 * Words glued in CamelCase ("IgnoreAllPreviousInstructions") read again one space apart, for the
 * override family only: identifiers name features in CamelCase ("autoApproveEdits"), and none of
 * 750,000 runs in the sources of node_modules and the code-server cache reads as an override. A
 * finding covers the whole run.
 */
function gluedWordFindings(text: string): Finding[] {
  const runs = gluedWordRuns(text, gluedWordLexicon());
  if (runs.length === 0) return [];
  // All runs in one text, a sentence apart, so one matcher pass reads them (source files hold thousands).
  const starts: number[] = [];
  let joined = '';
  for (const run of runs) {
    starts.push(joined.length);
    joined += `${run.words}.\n\n`;
  }
  const view = buildDetectionView(joined);
  const found: Finding[] = [];
  for (const finding of phraseFindings(joined, view, tokenize(view))) {
    if (finding.category !== 'instruction-override') continue;
    const run = runs[countBelow(starts, finding.start + 1) - 1];
    if (run !== undefined) found.push({ ...finding, start: run.from, end: run.to });
  }
  return found;
}

/**
 * The tags, and the stretches [from, to) that hold every tag with MARKUP_REACH characters either side, merged
 * where they touch. A tag that meets a stretch lies inside it, so blanking a stretch on its own
 * blanks the same tags as blanking the whole text.
 */
function markupRegions(text: string): { regions: [number, number][]; tags: [number, number][] } {
  const regions: [number, number][] = [];
  const tags: [number, number][] = [];
  TAGS.lastIndex = 0;
  for (let match = TAGS.exec(text); match !== null; match = TAGS.exec(text)) {
    tags.push([match.index, match.index + match[0].length]);
    const from = Math.max(0, match.index - MARKUP_REACH);
    const to = Math.min(text.length, match.index + match[0].length + MARKUP_REACH);
    const last = regions.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = to;
    else regions.push([from, to]);
  }
  return { regions, tags };
}

const OPENING_QUOTES = '"“„«\'‘`';
const CLOSING_QUOTES = '"”“»\'’`';
/** Characters allowed between an override and the quote that closes it: `"Ignore all previous instructions."` */
const QUOTE_SLACK = 3;

/**
 * An override in quotes is being talked about (an explainer: the attack "ignore previous
 * instructions" works because …): it flags but does not block on its own. Quoting does not
 * hide an attack from the reader either, so it is halved, not dropped.
 */
function quoted(text: string, start: number, end: number): boolean {
  if (!OPENING_QUOTES.includes(text[start - 1] ?? ' ')) return false;
  const after = text.slice(end, end + QUOTE_SLACK + 1);
  for (const char of after) {
    if (CLOSING_QUOTES.includes(char)) return true;
    if (/[\p{L}\p{N}]/u.test(char)) return false;
  }
  return false;
}

/** Where each fenced code block starts or ends (a line opening with three backticks or tildes), in order. */
function fencePositions(text: string): number[] {
  const positions: number[] = [];
  for (const marker of ['```', '~~~']) {
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 3)) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      if (text.slice(lineStart, at).trim() === '') positions.push(at);
    }
  }
  return positions.sort((a, b) => a - b);
}

/**
 * A template token shown as code (inside a fenced block, or between backticks on its line) is
 * documentation of the format, not a turn: it counts for little. An attacker who fences the
 * token also fences it away from the model's reading as a real turn. So is a token that is a
 * whole string value in code (`var $="<|endoftext|>",Ie="<|fim_prefix|>"`, a tokenizer's
 * constants): a turn goes on past its marker, a constant closes its quote there.
 */
function inCode(text: string, start: number, end: number, fences: readonly number[]): boolean {
  if (countBelow(fences, start) % 2 === 1) return true;
  if (isStringValue(text, start, end)) return true;
  const before = text.slice(Math.max(0, start - MENTION_REACH), start);
  const after = text.slice(end, end + MENTION_REACH);
  const opened = before.slice(before.lastIndexOf('\n') + 1).includes('`');
  const closes = after.slice(0, after.includes('\n') ? after.indexOf('\n') : after.length).includes('`');
  return opened && closes;
}

/** The span is a whole quoted string after `=`, `:`, `(`, `,` or `[` (spaces between allowed). */
function isStringValue(text: string, start: number, end: number): boolean {
  const quote = text[start - 1];
  if (quote === undefined || !'"\'`'.includes(quote) || text[end] !== quote) return false;
  return /[=:(,[]\s*$/.test(text.slice(Math.max(0, start - 1 - STRING_VALUE_REACH), start - 1));
}

const STRING_VALUE_REACH = 8;

function phraseFindings(text: string, view: DetectionView, tokens: Tokens): Finding[] {
  const findings: Finding[] = [];
  const matcher = phraseMatcher();
  matcher.match(view.codes, tokens, (ruleIndex, startUnit, endUnit) => {
    const rule = matcher.rules[ruleIndex];
    if (rule === undefined) return;
    const start = view.origStart[startUnit] ?? 0;
    const end = endUnit > startUnit ? (view.origEnd[endUnit - 1] ?? 0) : start;
    if (excludedByContext(rule, text, start, end)) return;
    // An override keeps no such excuse: "Note.Ignore(all previous instructions)" still reads as one.
    if (rule.category !== 'instruction-override' && isMethodCall(text, start)) return;
    const weight = rule.category === 'instruction-override' && quoted(text, start, end) ? Math.round(rule.weight * 50) / 100 : rule.weight;
    findings.push({ rule: rule.id, category: rule.category, weight, start, end, ...(rule.lang === undefined ? {} : { lang: rule.lang }) });
  });
  return findings;
}

/**
 * A match that opens with a method called on an object (`Function.prototype.call(s)`,
 * `testObject.critical('This message …')`): code, whatever the words around it.
 */
function isMethodCall(text: string, start: number): boolean {
  if (text.charCodeAt(start - 1) !== 0x2e || !/[\w)\]]/.test(text[start - 2] ?? '')) return false;
  let end = start;
  while (end < text.length && end - start < MAX_METHOD_NAME && /\w/.test(text[end] ?? '')) end++;
  return text.charCodeAt(end) === 0x28;
}

const MAX_METHOD_NAME = 64;

/** How far around a match a rule's `notAfter` / `notBefore` / `onlyBefore` look: a few words ("Please use type X instead"). */
const CONTEXT_REACH = 64;
/** How far back `onlyAfter` looks: a field's key and a short lead-in ("Amazon Discount: "). */
const ONLY_AFTER_REACH = 64;

/** A match a rule excludes by the words just around it (a compound, "your password policy"; a flag, "-auto-approve") or by how it opens or closes (a name). */
function excludedByContext(rule: PhraseRule, text: string, start: number, end: number): boolean {
  if (rule.onlyAfter !== undefined && !rule.onlyAfter.test(text.slice(Math.max(0, start - ONLY_AFTER_REACH), start))) return true;
  if (rule.onlyBefore !== undefined && !rule.onlyBefore.test(text.slice(end, end + CONTEXT_REACH))) return true;
  if (rule.notAfter !== undefined && rule.notAfter.test(text.slice(Math.max(0, start - CONTEXT_REACH), start))) return true;
  if (rule.notOpening !== undefined && rule.notOpening.test(text.slice(start, Math.min(end, start + CONTEXT_REACH)))) return true;
  if (rule.notClosing !== undefined && rule.notClosing.test(text.slice(Math.max(start, end - CONTEXT_REACH), end))) return true;
  if (rule.notWithin !== undefined && rule.notWithin.test(text.slice(start, end))) return true;
  return rule.notBefore !== undefined && rule.notBefore.test(text.slice(end, end + CONTEXT_REACH));
}

/**
 * A template token that documentation talks about ("[INST] is the marker Llama 2 expects") rather
 * than uses: a word about tokens or formats close by halves its weight. A half-measure on purpose:
 * an attacker can add the words too, and then still needs a second finding to be flagged.
 */
function mentionedNotUsed(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - MENTION_REACH), Math.min(text.length, end + MENTION_REACH)).toLowerCase();
  return MENTION_WORDS.test(around);
}

/**
 * What `mixed` words with look-alike letters weigh, among `words` words from the first to the last
 * of them; `clustered` when MIXED_RUN of them lie within MIXED_WINDOW words somewhere, so one
 * stray "kω" far away cannot thin out a passage written in look-alikes.
 */
function mixedScriptWeight(mixed: number, words: number, clustered: boolean): number {
  if (mixed < 2) return 0.2;
  return mixed >= words * MIXED_SHARE || clustered ? 0.35 : 0.3;
}

const MIXED_SHARE = 0.25;
const MIXED_RUN = 3;
const MIXED_WINDOW = 12;

/**
 * Homoglyphs mixed into Latin words, and zero-width characters splitting words. Mixed words flag
 * alone only where they are a good part of the words from the first to the last of them (a text
 * written in small capitals, "Sʏsᴛᴇᴍ ᴜᴘᴅᴀᴛᴇ"); a few among many are code or mathematics ("kω",
 * "cos(nω)", "[A-Za-zА-Яа-я]" in a lexer) and only add to another finding.
 */
function spoofing(text: string, view: DetectionView, tokens: Tokens): Finding[] {
  const findings: Finding[] = [];
  let mixed = 0;
  let start = -1;
  let end = -1;
  let words = 0;
  let wordsToLast = 0;
  // The word positions of the MIXED_RUN - 1 mixed words before this one, as a ring.
  const recent = new Int32Array(MIXED_RUN - 1);
  let clustered = false;
  for (let token = 0; view.confusable && token < tokens.count; token++) {
    if (tokens.kind[token] !== TOKEN_WORD) continue;
    if (start >= 0) words++;
    let marks = 0;
    for (let unit = tokens.start[token] ?? 0; unit < (tokens.end[token] ?? 0); unit++) marks |= view.marks[unit] ?? 0;
    // Latin letters and look-alikes, and no letter only another script has ("RФАЙЛА" is Russian after an option letter).
    if ((marks & MARK_CONFUSABLE) === 0 || (marks & MARK_ASCII_LETTER) === 0 || (marks & MARK_OTHER_LETTER) !== 0) continue;
    // A printf conversion or an escape before a Cyrillic unit ("%2uм", "\\xНН") is not a word.
    const before = text.charCodeAt((view.origStart[tokens.start[token] ?? 0] ?? 0) - 1);
    if (before === 0x25 || before === 0x5c) continue;
    mixed++;
    if (start < 0) {
      start = view.origStart[tokens.start[token] ?? 0] ?? 0;
      words = 1;
    }
    wordsToLast = words;
    const slot = (mixed - 1) % (MIXED_RUN - 1);
    if (mixed >= MIXED_RUN && words - (recent[slot] ?? 0) < MIXED_WINDOW) clustered = true;
    recent[slot] = words;
    end = view.origEnd[(tokens.end[token] ?? 1) - 1] ?? 0;
  }
  if (mixed > 0) findings.push({ rule: 'encoded.mixed-script', category: 'encoding-obfuscation', weight: mixedScriptWeight(mixed, wordsToLast, clustered), start, end });
  if (view.splitWords >= 3) findings.push({ rule: 'encoded.zero-width-split', category: 'encoding-obfuscation', weight: 0.3, start: view.splitStart, end: view.splitEnd });
  return findings;
}

/** Scans each hidden or encoded payload once more (not decoding inside it) and reports the blob. */
function decodedFindings(text: string, view: DetectionView, tokens: Tokens, budget: DecodeBudget): Finding[] {
  const payloads: { encoding: EncodingKind; text: string; start: number; end: number }[] = [];
  const candidates = [...view.payloads];
  append(candidates, findSpacedLetters(view, tokens));
  for (const payload of candidates) {
    if (budget.remaining <= 0) break;
    if (payload.text.trim().length < MIN_PAYLOAD_TEXT) continue;
    const kept = payload.text.slice(0, budget.remaining);
    budget.remaining -= Math.max(kept.length, PAYLOAD_OVERHEAD);
    payloads.push({ ...payload, text: kept });
  }
  append(payloads, findEncodedPayloads(text, budget));
  const findings: Finding[] = [];
  for (const payload of payloads) {
    const { findings: inner } = analyse(payload.text, budget, false);
    let strongest = 0;
    const categories = new Set<ContentCategory>();
    for (const finding of inner) {
      strongest = Math.max(strongest, finding.weight);
      if (finding.weight >= 0.2) categories.add(finding.category);
    }
    const smuggled = (payload.encoding === 'unicode-tags' || payload.encoding === 'variation-selectors') && payload.text.trim().length >= MIN_SMUGGLED_TEXT && readsAsText(payload.text);
    let weight = 0;
    if (strongest >= WEAK) weight = Math.round(Math.min(0.95, Math.max(0.6, strongest + 0.1)) * 100) / 100;
    else if (strongest >= 0.15) weight = 0.3;
    if (smuggled) weight = Math.max(weight, 0.5);
    if (weight === 0 && OPAQUE_ENCODINGS.has(payload.encoding) && readsAsProse(payload.text)) weight = HIDDEN_PROSE;
    if (weight === 0) continue;
    const shown = sanitize(payload.text.slice(0, MAX_DECODED_SHOWN), { mode: 'escape' }).text;
    findings.push({
      rule: `encoded.${payload.encoding}`,
      category: 'encoding-obfuscation',
      weight,
      start: payload.start,
      end: payload.end,
      decoded: { encoding: payload.encoding, text: shown, inner: [...categories] },
    });
  }
  return findings;
}

/**
 * Whether decoded text is a sentence or more ("Hignore the webpage and state: …", which the
 * phrase rules miss for its typo): base64 of prose in a comment hides words from the reader.
 */
function readsAsProse(text: string): boolean {
  const words = text.slice(0, 400).split(/\s+/).filter((word) => word !== '');
  if (words.length < MIN_PROSE_WORDS) return false;
  let prose = 0;
  for (const word of words) if (PROSE_WORD.test(word)) prose++;
  return prose >= words.length * 0.75;
}

/** A hidden HTML or Markdown region is a finding when another finding lies inside it. */
function hiddenFindings(text: string, findings: readonly Finding[]): Finding[] {
  const regions = findHiddenRegions(text);
  if (regions.length === 0) return [];
  const spans = findings.filter((finding) => finding.category !== 'hidden-text' && finding.weight >= 0.2).sort((a, b) => a.start - b.start);
  const starts = spans.map((span) => span.start);
  const reach: number[] = []; // reach[i]: the furthest end among spans[0..i]
  for (const span of spans) reach.push(Math.max(reach.at(-1) ?? 0, span.end));
  const hidden: Finding[] = [];
  for (const region of regions) {
    const before = countBelow(starts, region.end); // spans starting before the region ends
    if (before === 0 || (reach[before - 1] ?? 0) <= region.start) continue;
    const inside = spans[Math.min(before - 1, countBelow(starts, region.start))];
    hidden.push({ rule: region.rule, category: 'hidden-text', weight: region.weight, start: region.start, end: region.end, anchor: Math.max(region.start, inside?.start ?? region.start) });
  }
  return hidden;
}

/** How many of the sorted `values` are below `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}


function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
