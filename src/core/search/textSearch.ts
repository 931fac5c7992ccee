/** One text search over a folder: what the model asked for, bounded. */
export interface TextSearchQuery {
  /** Absolute folder to search below (already decided by the file guard). */
  readonly root: string;
  readonly pattern: string;
  /** A regular expression (ripgrep's syntax, a linear-time engine) rather than literal text. */
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  /** Globs relative to the root that a file must match (any of them); empty: every file. */
  readonly globs: readonly string[];
  /** Stop after this many matching lines. */
  readonly maxHits: number;
  /** Files larger than this are skipped. */
  readonly maxFileBytes: number;
}

/** A matching line: the file's absolute path, its 1-based line number and the line's text. */
export interface TextSearchHit {
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

export interface TextSearchResult {
  readonly hits: readonly TextSearchHit[];
  /** True when maxHits stopped the search before it had looked everywhere. */
  readonly truncated: boolean;
  /** Which engine answered, for the tool card and the benchmark. */
  readonly engine: string;
}

/**
 * The port fs.search searches through: ripgrep where VS Code ships it, a pure Node walk where it
 * does not. Its hits are candidates: the tool filters them through the file guard before the
 * model sees a line.
 */
export interface TextSearchEngine {
  search(query: TextSearchQuery, signal: AbortSignal): Promise<TextSearchResult>;
}

/** Longest line text handed on; minified files would otherwise fill the model's context. */
export const MAX_HIT_TEXT = 300;

export function clipHitText(text: string): string {
  const line = text.replace(/\r?\n$/, '');
  return line.length > MAX_HIT_TEXT ? `${line.slice(0, MAX_HIT_TEXT)}…` : line;
}
