import { findCommandCredentials } from './commandCredentials';
import type { Detection } from './detection';
import { findPrivateKeys } from './privateKeys';
import { assignedValueDetection, findSecretAssignments } from './secretAssignments';
import { kindPrecedence, redactionMarker, type SecretKind } from './secretKinds';
import { findShapedTokens } from './tokenRules';
import { findUrlPasswords } from './urlCredentials';

/** One replaced secret: its kind and where it was in the input (UTF-16 offsets, end exclusive). */
export interface Redaction {
  readonly kind: SecretKind;
  readonly start: number;
  readonly end: number;
}

export interface RedactionResult {
  /** The input with each secret replaced by `[REDACTED:<kind>]`. */
  readonly text: string;
  /** In input order; overlapping detections are merged into one. */
  readonly redactions: readonly Redaction[];
}

export interface RedactOptions {
  /** Longest input scanned; the rest is withheld as `[REDACTED:unscanned]`. */
  readonly maxChars?: number;
}

/** 32 Mi characters: a whole log file or model request, scanned in well under a second. */
export const DEFAULT_MAX_REDACT_CHARS = 32 * 1024 * 1024;
/** How far back from the limit the cut looks for a blank, so a token is not cut in half. */
const CUT_WINDOW = 4096;

const DETECTORS: readonly ((text: string, into: Detection[]) => void)[] = [findPrivateKeys, findShapedTokens, findUrlPasswords, findSecretAssignments, findCommandCredentials];

/**
 * Replaces every secret the detectors find with `[REDACTED:<kind>]`. Pure and linear in the
 * input: no Node APIs, and every detector is built so no input makes it backtrack beyond a
 * bounded distance. Input beyond `maxChars` is not scanned, so it is not passed through either:
 * it is replaced by one `unscanned` marker (fail closed).
 */
export function redact(text: string, options: RedactOptions = {}): RedactionResult {
  return redactWith(text, [], options);
}

/**
 * Redacts a value known to be assigned to `name` (a JSON field, a header): besides the secrets
 * inside it, the whole value is a secret when the name says so, as `name = "value"` would be in text.
 */
export function redactAssignedValue(name: string, value: string, options: RedactOptions = {}): RedactionResult {
  const assigned = assignedValueDetection(name, value);
  return redactWith(value, assigned === undefined ? [] : [assigned], options);
}

function redactWith(text: string, extra: readonly Detection[], options: RedactOptions): RedactionResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_REDACT_CHARS;
  const cut = text.length > maxChars ? cutPoint(text, maxChars) : text.length;
  const scanned = cut < text.length ? text.slice(0, cut) : text;
  const detections: Detection[] = extra.filter((detection) => detection.end <= cut);
  for (const detect of DETECTORS) detect(scanned, detections);
  const redactions = merge(detections);
  if (cut < text.length) redactions.push({ kind: 'unscanned', start: cut, end: text.length });
  if (redactions.length === 0) return { text, redactions };
  return { text: replaceSpans(text, redactions), redactions };
}

/** How many secrets of each kind a set of redactions holds, e.g. for an audit note. */
export function countKinds(redactions: readonly Pick<Redaction, 'kind'>[]): Partial<Record<SecretKind, number>> {
  const counts: Partial<Record<SecretKind, number>> = {};
  for (const { kind } of redactions) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function cutPoint(text: string, maxChars: number): number {
  for (let index = maxChars; index > maxChars - CUT_WINDOW && index > 0; index--) {
    if (/\s/.test(text.charAt(index - 1))) return index;
  }
  return maxChars;
}

/** Sorted, non-overlapping spans; a span several detectors found is named by the strongest kind. */
function merge(detections: Detection[]): Redaction[] {
  detections.sort((a, b) => a.start - b.start || kindPrecedence(a.kind) - kindPrecedence(b.kind) || b.end - a.end);
  const merged: Redaction[] = [];
  for (const detection of detections) {
    if (detection.end <= detection.start) continue;
    const last = merged[merged.length - 1];
    if (last !== undefined && detection.start < last.end) {
      const kind = kindPrecedence(detection.kind) < kindPrecedence(last.kind) ? detection.kind : last.kind;
      merged[merged.length - 1] = { kind, start: last.start, end: Math.max(last.end, detection.end) };
    } else {
      merged.push({ kind: detection.kind, start: detection.start, end: detection.end });
    }
  }
  return merged;
}

function replaceSpans(text: string, redactions: readonly Redaction[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const { kind, start, end } of redactions) {
    parts.push(text.slice(at, start), redactionMarker(kind));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
