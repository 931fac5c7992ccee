import {
  DEFAULT_THRESHOLDS,
  MAX_FLAGS,
  type ContentFlag,
  type ContentGuardThresholds,
  type ContentVerdict,
  type RemovalCounts,
  type RemovalKind,
  type ScanOptions,
  type ScanResult,
} from './contentTypes';
import { findingsIn, type Finding } from './findings';
import { sanitize } from './sanitize';
import { passageScore, STRONG_WINDOW } from './score';

const MAX_MATCH_CHARS = 200;
/** Text is analysed in windows of this many UTF-16 units, so memory stays bounded however long the input. */
export const SCAN_WINDOW_CHARS = 1024 * 1024;
/**
 * Each window reads this far into the next one: a phrase, a URL (look-ahead 4 KiB) or a score
 * window that straddles the seam is seen whole by the earlier window. Findings are kept from the
 * window they start in.
 */
const WINDOW_OVERLAP = STRONG_WINDOW;

/**
 * Scans untrusted text for prompt injection. Pure and total: any string gives a valid result, in
 * time linear in its length. Every character is scanned, in windows of SCAN_WINDOW_CHARS that
 * overlap; `maxChars`, when given, scans only that many and reports the rest as unscanned.
 * Offsets in flags are into `text` itself.
 */
export function scanContent(text: string, options: ScanOptions = {}): ScanResult {
  const limit = options.maxChars === undefined ? text.length : cutPoint(text, Math.max(0, Math.floor(options.maxChars)));
  const scanner = new ContentScanner(options);
  for (let at = 0; at < limit; at += SCAN_WINDOW_CHARS) scanner.write(text.slice(at, Math.min(limit, at + SCAN_WINDOW_CHARS)));
  const result = scanner.end();
  return { ...result, unscannedChars: text.length - limit };
}

/**
 * Scans a text that arrives in pieces (a stream, a pipe), holding at most two windows of it: the
 * result is the one scanContent gives for the concatenated pieces.
 */
export class ContentScanner {
  private readonly thresholds: ContentGuardThresholds;
  private pending = '';
  /** Offset in the whole text of pending[0]. */
  private base = 0;
  private score = 0;
  private flags: ContentFlag[] = [];
  private readonly removed = new Map<RemovalKind, number>();
  private ended = false;

  constructor(options: Pick<ScanOptions, 'thresholds'> = {}) {
    this.thresholds = checkedThresholds(options.thresholds ?? DEFAULT_THRESHOLDS);
  }

  write(piece: string): void {
    if (this.ended) throw new Error('ContentScanner.write after end');
    this.pending += piece;
    while (this.pending.length >= SCAN_WINDOW_CHARS + WINDOW_OVERLAP) this.scanWindow(false);
  }

  end(): ScanResult {
    if (!this.ended) {
      this.ended = true;
      this.scanWindow(true);
    }
    const removed: Partial<Record<RemovalKind, number>> = {};
    for (const [kind, count] of this.removed) removed[kind] = count;
    return {
      verdict: verdictOf(this.score, this.thresholds),
      score: this.score,
      flags: [...this.flags].sort((a, b) => a.start - b.start || b.weight - a.weight),
      removed,
      scannedChars: this.base,
      unscannedChars: 0,
    };
  }

  /** Analyses the head of `pending` (with its overlap) and keeps the findings that start before the cut. */
  private scanWindow(last: boolean): void {
    const cut = last ? this.pending.length : cutPoint(this.pending, SCAN_WINDOW_CHARS);
    const windowText = last ? this.pending : this.pending.slice(0, cutPoint(this.pending, SCAN_WINDOW_CHARS + WINDOW_OVERLAP));
    if (last && this.base > 0 && windowText.length === 0) return;
    const { findings, needsSanitizing } = findingsIn(windowText);
    this.score = Math.max(this.score, passageScore(findings));
    const kept = last ? findings : findings.filter((finding) => finding.start < cut);
    for (const flag of toFlags(windowText, kept)) this.flags.push(this.base === 0 ? flag : { ...flag, start: flag.start + this.base, end: flag.end + this.base });
    if (this.flags.length > MAX_FLAGS) this.flags = strongestFlags(this.flags);
    if (needsSanitizing) addCounts(this.removed, sanitize(last ? windowText : windowText.slice(0, cut)).removed);
    this.pending = this.pending.slice(cut);
    this.base += cut;
  }
}

/** The verdict a score earns under the thresholds. */
export function verdictOf(score: number, thresholds: ContentGuardThresholds = DEFAULT_THRESHOLDS): ContentVerdict {
  if (score >= thresholds.blockAt) return 'block';
  if (score >= thresholds.flagAt) return 'flag';
  return 'allow';
}

/** The MAX_FLAGS strongest, earliest first among equals. */
function strongestFlags(flags: readonly ContentFlag[]): ContentFlag[] {
  return [...flags].sort((a, b) => b.weight - a.weight || a.start - b.start).slice(0, MAX_FLAGS);
}

function addCounts(into: Map<RemovalKind, number>, counts: RemovalCounts): void {
  for (const [kind, count] of Object.entries(counts) as [RemovalKind, number][]) into.set(kind, (into.get(kind) ?? 0) + count);
}

function toFlags(text: string, findings: readonly Finding[]): ContentFlag[] {
  const unique = distinctFindings(findings);
  // Keep the strongest when there are too many, then report in text order.
  const kept = unique.length <= MAX_FLAGS ? unique : heaviest(unique, MAX_FLAGS);
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
 * The first finding of each rule and span. Spans are numbers, not string keys: a window full of
 * template tokens holds a hundred thousand findings, and a string each was most of its scan.
 */
function distinctFindings(findings: readonly Finding[]): Finding[] {
  let span = 1;
  for (const finding of findings) span = Math.max(span, finding.end + 1);
  const seen = new Map<string, Set<number>>();
  return findings.filter((finding) => {
    let spans = seen.get(finding.rule);
    if (spans === undefined) seen.set(finding.rule, (spans = new Set()));
    const key = finding.start * span + finding.end;
    if (spans.has(key)) return false;
    spans.add(key);
    return true;
  });
}

/**
 * The `limit` heaviest findings, earlier ones first among equal weights, in their original order:
 * what a stable sort by weight would keep, found by counting the few distinct weights instead.
 */
function heaviest(findings: readonly Finding[], limit: number): Finding[] {
  const counts = new Map<number, number>();
  for (const { weight } of findings) counts.set(weight, (counts.get(weight) ?? 0) + 1);
  let room = limit;
  let cutoff = -Infinity;
  for (const weight of [...counts.keys()].sort((a, b) => b - a)) {
    const count = counts.get(weight) ?? 0;
    if (count >= room) {
      cutoff = weight;
      break;
    }
    room -= count;
  }
  return findings.filter((finding) => finding.weight > cutoff || (finding.weight === cutoff && room-- > 0));
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
