import { findCommandFindings } from './commands';
import {
  DEFAULT_MAX_SCAN_CHARS,
  DEFAULT_THRESHOLDS,
  MAX_FLAGS,
  type ContentCategory,
  type ContentFlag,
  type ContentGuardThresholds,
  type ContentVerdict,
  type EncodingKind,
  type ScanOptions,
  type ScanResult,
} from './contentTypes';
import { findDelimiters } from './delimiters';
import { buildDetectionView, MARK_ASCII_LETTER, MARK_CONFUSABLE, type DetectionView } from './detectionView';
import { DEFAULT_DECODE_BUDGET, findEncodedPayloads, readsAsText, type DecodeBudget } from './encoded';
import { findHiddenRegions } from './hiddenHtml';
import { PhraseMatcher } from './phraseMatcher';
import { FILLERS, NEGATORS, PHRASE_RULES } from './rules';
import { sanitize } from './sanitize';
import { findSpacedLetters } from './spacedLetters';
import { TOKEN_WORD, tokenize, type Tokens } from './tokens';
import { findUrlFindings } from './urls';

/** A finding in the coordinates of the text it was found in. */
interface Finding {
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

const MAX_MATCH_CHARS = 200;
const MAX_DECODED_SHOWN = 200;
/** Findings below this weight only add up to WEAK_CAP together: a long benign file has many. */
const WEAK = 0.3;
const WEAK_CAP = 0.25;
/**
 * Findings combine only within this many characters of each other: an injection is one passage,
 * and a long benign document collects unrelated weak findings far apart. Findings strong enough
 * to flag on their own also combine across the whole text.
 */
const SCORE_WINDOW = 1000;
const STRONG = 0.35;
const MENTION_REACH = 100;
const MAX_MENTION_CHECKS = 256;
const MENTION_WORDS = /\b(?:tokens?|markers?|templates?|delimiters?|formats?|tokenizers?|escaped?|escaping|expects?|syntax)\b/;
const MIN_SMUGGLED_TEXT = 8;
/** Shorter hidden payloads are not scanned again (too short to say anything). */
const MIN_PAYLOAD_TEXT = 6;
/** Every payload costs at least this much decode budget, which bounds how many are scanned again. */
const PAYLOAD_OVERHEAD = 512;

let sharedMatcher: PhraseMatcher | undefined;

/** The phrase matcher over every rule, built once per process (a few milliseconds). */
function phraseMatcher(): PhraseMatcher {
  sharedMatcher ??= new PhraseMatcher(PHRASE_RULES, FILLERS, NEGATORS);
  return sharedMatcher;
}

/**
 * Scans untrusted text for prompt injection. Pure and total: any string gives a valid result,
 * in time linear in min(text.length, maxChars). The first `maxChars` UTF-16 units are scanned;
 * the rest is counted as unscanned. Offsets in flags are into `text` itself.
 *
 * Order: sanitizer counts; the folded detection view (invisibles dropped, homoglyphs and
 * leetspeak read as letters); phrase rules; chat-template delimiters; URLs; shell commands;
 * hidden payloads (tag characters, variation selectors, reversed bidi runs, spaced letters,
 * base64/hex/escape blobs) decoded one level and scanned again; hidden HTML regions that carry
 * another finding. The score combines the strongest finding of each rule (noisy-OR).
 */
export function scanContent(text: string, options: ScanOptions = {}): ScanResult {
  const thresholds = checkedThresholds(options.thresholds ?? DEFAULT_THRESHOLDS);
  const limit = cutPoint(text, Math.max(0, Math.floor(options.maxChars ?? DEFAULT_MAX_SCAN_CHARS)));
  const scanned = limit === text.length ? text : text.slice(0, limit);
  const { findings, needsSanitizing } = analyseTop(scanned);
  const flags = toFlags(scanned, findings);
  const score = scoreOf(findings);
  return {
    verdict: verdictOf(score, thresholds),
    score,
    flags,
    removed: needsSanitizing ? sanitize(scanned).removed : {},
    scannedChars: scanned.length,
    unscannedChars: text.length - scanned.length,
  };
}

/** The verdict a score earns under the thresholds. */
export function verdictOf(score: number, thresholds: ContentGuardThresholds = DEFAULT_THRESHOLDS): ContentVerdict {
  if (score >= thresholds.blockAt) return 'block';
  if (score >= thresholds.flagAt) return 'flag';
  return 'allow';
}

function analyseTop(text: string): { findings: Finding[]; needsSanitizing: boolean } {
  const view = buildDetectionView(text);
  return { findings: analyse(text, { remaining: DEFAULT_DECODE_BUDGET }, true, view), needsSanitizing: view.needsSanitizing };
}

function analyse(text: string, budget: DecodeBudget, deep: boolean, prebuilt?: DetectionView): Finding[] {
  const view = prebuilt ?? buildDetectionView(text);
  const tokens = tokenize(view);
  const findings: Finding[] = [];
  const toOriginal = (startUnit: number, endUnit: number): { start: number; end: number } => ({
    start: view.origStart[startUnit] ?? 0,
    end: endUnit > startUnit ? (view.origEnd[endUnit - 1] ?? 0) : (view.origStart[startUnit] ?? 0),
  });
  const matcher = phraseMatcher();
  matcher.match(view.codes, tokens, (ruleIndex, startUnit, endUnit) => {
    const rule = matcher.rules[ruleIndex];
    if (rule !== undefined) findings.push({ rule: rule.id, category: rule.category, weight: rule.weight, ...toOriginal(startUnit, endUnit), ...(rule.lang === undefined ? {} : { lang: rule.lang }) });
  });
  let mentions = 0;
  for (const found of findDelimiters(view)) {
    const span = toOriginal(found.startUnit, found.endUnit);
    const discussed = !found.rule.startsWith('delimiter.fake-turn') && mentions++ < MAX_MENTION_CHECKS && mentionedNotUsed(text, span.start, span.end);
    findings.push({ rule: found.rule, category: 'fake-delimiter', weight: discussed ? Math.round(found.weight * 50) / 100 : found.weight, ...span });
  }
  findings.push(...findUrlFindings(text), ...findCommandFindings(text));
  findings.push(...spoofing(view, tokens));
  if (deep) findings.push(...decodedFindings(text, view, tokens, budget));
  findings.push(...hiddenFindings(text, findings));
  return findings;
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

/** Homoglyphs mixed into Latin words, and zero-width characters splitting words. */
function spoofing(view: DetectionView, tokens: Tokens): Finding[] {
  const findings: Finding[] = [];
  let mixed = 0;
  let start = -1;
  let end = -1;
  for (let token = 0; token < tokens.count; token++) {
    if (tokens.kind[token] !== TOKEN_WORD) continue;
    let marks = 0;
    for (let unit = tokens.start[token] ?? 0; unit < (tokens.end[token] ?? 0); unit++) marks |= view.marks[unit] ?? 0;
    if ((marks & MARK_CONFUSABLE) === 0 || (marks & MARK_ASCII_LETTER) === 0) continue;
    mixed++;
    if (start < 0) start = view.origStart[tokens.start[token] ?? 0] ?? 0;
    end = view.origEnd[(tokens.end[token] ?? 1) - 1] ?? 0;
  }
  if (mixed > 0) findings.push({ rule: 'encoded.mixed-script', category: 'encoding-obfuscation', weight: mixed >= 2 ? 0.35 : 0.2, start, end });
  if (view.splitWords >= 3) findings.push({ rule: 'encoded.zero-width-split', category: 'encoding-obfuscation', weight: 0.3, start: view.splitStart, end: view.splitEnd });
  return findings;
}

/** Scans each hidden or encoded payload once more (not decoding inside it) and reports the blob. */
function decodedFindings(text: string, view: DetectionView, tokens: Tokens, budget: DecodeBudget): Finding[] {
  const payloads: { encoding: EncodingKind; text: string; start: number; end: number }[] = [];
  for (const payload of [...view.payloads, ...findSpacedLetters(view, tokens)]) {
    if (budget.remaining <= 0) break;
    if (payload.text.trim().length < MIN_PAYLOAD_TEXT) continue;
    const kept = payload.text.slice(0, budget.remaining);
    budget.remaining -= Math.max(kept.length, PAYLOAD_OVERHEAD);
    payloads.push({ ...payload, text: kept });
  }
  payloads.push(...findEncodedPayloads(text, budget));
  const findings: Finding[] = [];
  for (const payload of payloads) {
    const inner = analyse(payload.text, budget, false);
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

function toFlags(text: string, findings: readonly Finding[]): ContentFlag[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.rule}:${finding.start}:${finding.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(finding);
  }
  // Keep the strongest when there are too many, then report in text order.
  const kept = unique.length <= MAX_FLAGS ? unique : [...unique].sort((a, b) => b.weight - a.weight).slice(0, MAX_FLAGS);
  return kept.sort((a, b) => a.start - b.start || b.weight - a.weight).map((finding) => ({
    category: finding.category,
    rule: finding.rule,
    weight: finding.weight,
    start: finding.start,
    end: finding.end,
    match: sanitize(text.slice(finding.start, Math.min(finding.end, finding.start + MAX_MATCH_CHARS)), { mode: 'escape' }).text,
    ...(finding.lang === undefined ? {} : { lang: finding.lang }),
    ...(finding.decoded === undefined ? {} : { decoded: finding.decoded }),
  }));
}

/**
 * The score: noisy-OR over distinct rules, where weak findings together add at most WEAK_CAP,
 * taken over every stretch of SCORE_WINDOW characters (two-pointer sweep, linear after sorting),
 * and over the strong findings of the whole text; the higher of the two.
 */
function scoreOf(findings: readonly Finding[]): number {
  const sorted = [...findings].map((finding) => ({ rule: finding.rule, weight: finding.weight, at: finding.anchor ?? finding.start })).sort((a, b) => a.at - b.at);
  // Per rule in the window: how many findings of each weight, and the weight the rule counts with (its strongest).
  const inWindow = new Map<string, { counts: Map<number, number>; counted: number }>();
  let strongLog = 0;
  let weakLog = 0;
  let best = 0;
  let first = 0;
  const account = (weight: number, sign: 1 | -1): void => {
    if (weight <= 0) return;
    const miss = Math.log1p(-Math.min(weight, 0.999));
    if (weight >= WEAK) strongLog += sign * miss;
    else weakLog += sign * miss;
  };
  const change = (rule: string, weight: number, delta: 1 | -1): void => {
    let entry = inWindow.get(rule);
    if (entry === undefined) inWindow.set(rule, (entry = { counts: new Map(), counted: 0 }));
    entry.counts.set(weight, (entry.counts.get(weight) ?? 0) + delta);
    let strongest = 0;
    for (const [candidate, count] of entry.counts) if (count > 0 && candidate > strongest) strongest = candidate;
    if (strongest !== entry.counted) {
      account(entry.counted, -1);
      account(strongest, 1);
      entry.counted = strongest;
    }
  };
  for (const finding of sorted) {
    while (first < sorted.length && (sorted[first]?.at ?? 0) < finding.at - SCORE_WINDOW) {
      const leaving = sorted[first] as (typeof sorted)[number];
      change(leaving.rule, leaving.weight, -1);
      first++;
    }
    change(finding.rule, finding.weight, 1);
    const weak = Math.min(WEAK_CAP, 1 - Math.exp(weakLog));
    best = Math.max(best, 1 - Math.exp(strongLog) * (1 - weak));
  }
  const strongest = new Map<string, number>();
  for (const finding of findings) if (finding.weight >= STRONG) strongest.set(finding.rule, Math.max(strongest.get(finding.rule) ?? 0, finding.weight));
  let miss = 1;
  for (const weight of strongest.values()) miss *= 1 - weight;
  const score = Math.max(best, 1 - miss);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

function checkedThresholds(thresholds: ContentGuardThresholds): ContentGuardThresholds {
  const { flagAt, blockAt } = thresholds;
  if (!(flagAt >= 0 && flagAt <= 1 && blockAt >= 0 && blockAt <= 1 && flagAt <= blockAt)) {
    throw new RangeError(`content guard thresholds must satisfy 0 ≤ flagAt ≤ blockAt ≤ 1 (got flagAt ${flagAt}, blockAt ${blockAt})`);
  }
  return thresholds;
}

/** Cuts at `limit` without splitting a surrogate pair. */
function cutPoint(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
