import { isWhitespace, isWordCodePoint } from './charClass';
import type { RemovalCounts, RemovalKind } from './contentTypes';
import { invisibleKind, isEmojiBase, usesJoiners } from './invisible';

export interface SanitizeOptions {
  /** `strip` (default) drops what it removes; `escape` replaces it with a visible `\u{…}` marker. */
  readonly mode?: 'strip' | 'escape';
  /** Runs of one non-alphanumeric, non-space character longer than this are cut to this length (default 64). */
  readonly maxRun?: number;
  /** The same for runs of one whitespace character (default 256, so that deep indentation survives). */
  readonly maxWhitespaceRun?: number;
}

export interface SanitizeResult {
  /** The text to show or hand on: what is left after removal, otherwise unchanged. */
  readonly text: string;
  /** Characters removed (or escaped), by kind. */
  readonly removed: RemovalCounts;
  readonly changed: boolean;
}

export const DEFAULT_MAX_RUN = 64;
export const DEFAULT_MAX_WHITESPACE_RUN = 256;
const TAG_FLAG_BASE = 0x1f3f4; // 🏴, whose subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿) are spelt with tag characters
const TAG_CANCEL = 0xe007f;
const MAX_FLAG_TAGS = 8;

/**
 * Makes untrusted text safe to display and to hand to the model: removes control characters
 * (keeping tab, newline and CR before LF), bidi overrides and isolates, zero-width characters,
 * Unicode tag characters and runs of variation selectors, and cuts excessive runs of one special
 * character. Legitimate uses survive: ZWJ inside emoji and joiners in scripts that spell with them,
 * one variation selector after a character, tag characters of a subdivision flag. Linear time.
 */
export function sanitize(text: string, options: SanitizeOptions = {}): SanitizeResult {
  const escape = options.mode === 'escape';
  const maxRun = Math.max(1, options.maxRun ?? DEFAULT_MAX_RUN);
  const maxWhitespaceRun = Math.max(1, options.maxWhitespaceRun ?? DEFAULT_MAX_WHITESPACE_RUN);
  const removed: Partial<Record<RemovalKind, number>> = {};
  const parts: string[] = [];
  let copiedTo = 0;
  let previous = -1; // last code point kept
  let previousRaw = -1; // last code point read, kept or not
  let runChar = -1;
  let runLength = 0;
  let keepTagsUntil = -1;

  const drop = (index: number, width: number, kind: RemovalKind, cp: number): void => {
    if (index > copiedTo) parts.push(text.slice(copiedTo, index));
    if (escape) parts.push(`\\u{${cp.toString(16).toUpperCase()}}`);
    copiedTo = index + width;
    removed[kind] = (removed[kind] ?? 0) + 1;
  };

  for (let index = 0; index < text.length; ) {
    const cp = text.codePointAt(index) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    let kind: RemovalKind | undefined = invisibleKind(cp);
    if (cp === 0x0d && text.charCodeAt(index + 1) !== 0x0a) kind = 'control';
    if (kind !== undefined && keepInvisible(text, index, cp, previous, previousRaw, index < keepTagsUntil)) kind = undefined;
    previousRaw = cp;
    if (kind === 'tag' && index >= keepTagsUntil && previous === TAG_FLAG_BASE) keepTagsUntil = flagTagsEnd(text, index);
    if (kind !== undefined && !(kind === 'tag' && index < keepTagsUntil)) {
      drop(index, width, kind, cp);
      index += width;
      continue;
    }
    if (cp === runChar) {
      runLength++;
      if (runLength > (isWhitespace(cp) ? maxWhitespaceRun : maxRun)) {
        drop(index, width, 'special-run', cp);
        index += width;
        continue;
      }
    } else if (!isWordCodePoint(cp) && invisibleKind(cp) === undefined) {
      runChar = cp;
      runLength = 1;
    } else {
      runChar = -1;
      runLength = 0;
    }
    previous = cp;
    index += width;
  }
  if (copiedTo === 0) return { text, removed, changed: false };
  if (copiedTo < text.length) parts.push(text.slice(copiedTo));
  return { text: parts.join(''), removed, changed: true };
}

/** The legitimate invisibles: emoji ZWJ sequences, script joiners, a single variation selector. */
function keepInvisible(text: string, index: number, cp: number, previous: number, previousRaw: number, insideFlag: boolean): boolean {
  if (insideFlag) return cp >= 0xe0000 && cp <= 0xe007f;
  if (cp === 0x200d) return previous >= 0 && (isEmojiBase(previous) || usesJoiners(previous) || previous === 0xfe0f);
  if (cp === 0x200c) return previous >= 0 && usesJoiners(previous);
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) {
    if (previous < 0 || previousRaw !== previous || invisibleKind(previous) !== undefined) return false;
    const next = text.codePointAt(index + (cp > 0xffff ? 2 : 1)) ?? 0;
    return invisibleKind(next) !== 'variation-selector';
  }
  return false;
}

/** End (exclusive) of the tag characters of a subdivision flag starting at `index`, or `index` if they are not one. */
function flagTagsEnd(text: string, index: number): number {
  let position = index;
  for (let count = 0; count < MAX_FLAG_TAGS && position < text.length; count++) {
    const cp = text.codePointAt(position) ?? 0;
    if (cp === TAG_CANCEL) return position + 2;
    const letterOrDigit = (cp >= 0xe0061 && cp <= 0xe007a) || (cp >= 0xe0030 && cp <= 0xe0039);
    if (!letterOrDigit) return index; // subdivision tags are lowercase letters and digits, then CANCEL TAG
    position += 2;
  }
  return index;
}
