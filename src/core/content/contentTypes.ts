/**
 * The content guard's vocabulary: what it finds in untrusted text (flags by category), how sure
 * it is (a score in [0, 1]) and what it decides (a verdict against thresholds from the policy).
 * Pure data; no Node APIs, so the guard also runs in a webview.
 */

/** The named families of prompt-injection tricks the guard looks for. */
export const CONTENT_CATEGORIES = [
  'instruction-override',
  'role-manipulation',
  'fake-delimiter',
  'encoding-obfuscation',
  'context-manipulation',
  'persistence',
  'tool-hijacking',
  'exfiltration',
  'hidden-text',
] as const;
export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];

/** `allow`: pass as data; `flag`: pass, marked and audited; `block`: withhold from the model. */
export type ContentVerdict = 'allow' | 'flag' | 'block';

/**
 * Score thresholds. They belong in the policy (`content.flagAt`, `content.blockAt`); until the
 * policy carries them, callers pass DEFAULT_THRESHOLDS.
 */
export interface ContentGuardThresholds {
  /** A score at or above this is flagged. */
  readonly flagAt: number;
  /** A score at or above this is blocked (must be ≥ flagAt). */
  readonly blockAt: number;
}

export const DEFAULT_THRESHOLDS: ContentGuardThresholds = { flagAt: 0.35, blockAt: 0.8 };

/** How a hidden payload was carried, for flags found in decoded text. */
export type EncodingKind =
  | 'base64'
  | 'base32'
  | 'binary'
  | 'morse'
  | 'hex'
  | 'percent'
  | 'html-entities'
  | 'unicode-escapes'
  | 'unicode-tags'
  | 'variation-selectors'
  | 'bidi-reversed'
  | 'spaced-letters';

/** One finding: which rule, which category, where in the original text, how much it weighs. */
export interface ContentFlag {
  readonly category: ContentCategory;
  /** Stable rule id, e.g. `override.en.verb-prior-noun`. */
  readonly rule: string;
  /** Contribution to the score, in (0, 1]. */
  readonly weight: number;
  /** UTF-16 offsets into the original text: `text.slice(start, end)` is the matched span. */
  readonly start: number;
  readonly end: number;
  /** The matched span, control and invisible characters escaped, at most 200 characters. */
  readonly match: string;
  /** Language of the rule, for multilingual families. */
  readonly lang?: string;
  /** For encoded or smuggled payloads: how it was hidden, what it decoded to, what was inside. */
  readonly decoded?: { readonly encoding: EncodingKind; readonly text: string; readonly inner: readonly ContentCategory[] };
}

/** Invisible or dangerous characters the sanitizer removes, by kind. */
export const REMOVAL_KINDS = ['control', 'bidi', 'zero-width', 'tag', 'variation-selector', 'special-run'] as const;
export type RemovalKind = (typeof REMOVAL_KINDS)[number];
export type RemovalCounts = Readonly<Partial<Record<RemovalKind, number>>>;

/** What scanContent returns: always a complete, valid value, whatever the input. */
export interface ScanResult {
  readonly verdict: ContentVerdict;
  /** 0 (nothing found) to 1; rounded to 3 decimals. */
  readonly score: number;
  /** Sorted by start offset; at most MAX_FLAGS. */
  readonly flags: readonly ContentFlag[];
  /** Characters the sanitizer would remove (invisible, bidi, control, tag, …), by kind. */
  readonly removed: RemovalCounts;
  /** UTF-16 code units scanned, and those beyond a caller's `maxChars` that were not (0 without one). */
  readonly scannedChars: number;
  readonly unscannedChars: number;
}

export interface ScanOptions {
  readonly thresholds?: ContentGuardThresholds;
  /** Scan only this many UTF-16 code units and report the rest as unscanned; by default every one is scanned. */
  readonly maxChars?: number;
}

export const MAX_FLAGS = 200;
