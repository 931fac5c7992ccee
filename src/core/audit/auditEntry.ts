import { createHash } from 'node:crypto';
import { entryMac, type AuditKey } from './auditKey';
import { countKinds, redact, redactJson, type JsonValue, type SecretKind } from '../redaction';
import type { AuditEvent } from './auditSink';

/**
 * The entry format; part of every hash, so one format cannot be passed off as another. 2 is
 * sealed (`epoch`, `mac`); 1 was the unkeyed chain, still read so an old log gets a clear verdict.
 */
export const AUDIT_FORMAT_VERSION = 2;
/** `prevHash` of the first entry of a log. */
export const GENESIS_HASH = '0'.repeat(64);
/** Longest line written; an entry that would be longer loses its `detail` (and then long strings). */
export const MAX_LINE_BYTES = 64 * 1024;
const MAX_FIELD_CHARS = 2048;
const MAX_DEPTH = 8;

/** One line of the log. Field order here is the order on disk; the hash does not depend on it. */
export interface AuditEntry {
  readonly v: number;
  readonly seq: number;
  readonly time: string;
  readonly actor: AuditEvent['actor'];
  readonly action: string;
  readonly target?: string;
  readonly decision?: NonNullable<AuditEvent['decision']>;
  readonly reason?: string;
  readonly rule?: string;
  readonly flags?: readonly string[];
  readonly detail?: JsonValue;
  /** What redaction removed from this entry before it was written: secrets per kind. */
  readonly redacted?: Partial<Record<SecretKind, number>>;
  /** The sealing key's epoch this entry was sealed in (format 2). */
  readonly epoch?: number;
  /** Hash of the previous entry (GENESIS_HASH for the first); links the chain across files. */
  readonly prevHash: string;
  /** SHA-256 of the canonical JSON of every other field but `mac`. */
  readonly hash: string;
  /** HMAC-SHA256 of `hash` under the key of `epoch` (format 2; see auditKey.ts). */
  readonly mac?: string;
}

/** An entry's content before it is placed in the chain (seq, time and hashes come under the lock). */
export type PreparedEntry = Omit<AuditEntry, 'v' | 'seq' | 'time' | 'epoch' | 'prevHash' | 'hash' | 'mac'>;

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785) and no whitespace: the same
 * bytes for the same content however the line was formatted or its fields ordered.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${fields.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** The hash an entry must carry: over all its fields but `hash` and the seal over it. */
export function entryHash(entry: Readonly<Record<string, unknown>>): string {
  const rest: Record<string, unknown> = { ...entry };
  delete rest.hash;
  delete rest.mac;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Turns an event into what may be written: every string redacted (target, reason, rule, flags,
 * and the detail's keys and values, with field names as context), the detail made plain JSON,
 * and what was removed counted in `redacted`. Runs outside the lock: redaction is the costly part.
 */
export function prepareEntry(event: AuditEvent): PreparedEntry {
  const kinds: SecretKind[] = [];
  const text = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const result = redact(value);
    for (const redaction of result.redactions) kinds.push(redaction.kind);
    return clip(result.text);
  };
  const detail = event.detail === undefined ? undefined : redactJson(toJsonValue(event.detail, 0, new Set()));
  if (detail !== undefined) kinds.push(...detail.kinds);
  const flags = event.flags?.map((flag) => text(flag) ?? '');
  const prepared: PreparedEntry = {
    actor: ACTORS.has(event.actor) ? event.actor : 'system',
    action: text(String(event.action)) ?? '',
    target: text(event.target),
    decision: event.decision !== undefined && DECISIONS.has(event.decision) ? event.decision : undefined,
    reason: text(event.reason),
    rule: text(event.rule),
    flags,
    detail: detail?.value,
  };
  return kinds.length === 0 ? prepared : { ...prepared, redacted: countKinds(kinds.map((kind) => ({ kind }))) };
}

/** Places a prepared entry in the chain, seals it under `key` and serialises it as one line (with its newline). */
export function sealEntry(prepared: PreparedEntry, seq: number, prevHash: string, time: Date, key: AuditKey): { entry: AuditEntry; line: string } {
  const ordered = (content: PreparedEntry): Omit<AuditEntry, 'hash'> => ({ v: AUDIT_FORMAT_VERSION, seq, time: time.toISOString(), ...content, epoch: key.epoch, prevHash });
  let content: Omit<AuditEntry, 'hash'> = ordered(prepared);
  let line = serialise(content);
  if (Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES) {
    content = ordered({ ...prepared, detail: { truncated: true, bytes: Buffer.byteLength(line, 'utf8') } });
    line = serialise(content);
  }
  if (Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES) {
    const short = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.slice(0, 256));
    content = ordered({ ...prepared, target: short(prepared.target), reason: short(prepared.reason), rule: short(prepared.rule), action: prepared.action.slice(0, 256), flags: prepared.flags?.slice(0, 16).map((flag) => flag.slice(0, 64)), detail: { truncated: true } });
    line = serialise(content);
  }
  // Hashed as it will be read back, so verification sees exactly the bytes that were hashed.
  const hash = entryHash(JSON.parse(line) as Record<string, unknown>);
  const entry = { ...content, hash, mac: entryMac(key.key, hash) } as AuditEntry;
  return { entry, line: `${JSON.stringify(entry)}\n` };
}

/**
 * Reads a line as an entry if it has the fields every entry has, with the right types. Says
 * nothing about its hash: see `entryHash`.
 */
export function parseEntry(line: string): AuditEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entry = value as Record<string, unknown>;
  // Format 1 has no seal; format 2 always has one, so a seal cannot be dropped by relabelling.
  const sealed = entry.v === 2 && Number.isSafeInteger(entry.epoch) && (entry.epoch as number) >= 0 && isHash(entry.mac);
  const unsealed = entry.v === 1 && entry.epoch === undefined && entry.mac === undefined;
  const ok = (sealed || unsealed) && Number.isSafeInteger(entry.seq) && (entry.seq as number) >= 1
    && typeof entry.time === 'string' && typeof entry.actor === 'string' && typeof entry.action === 'string'
    && isHash(entry.prevHash) && isHash(entry.hash);
  return ok ? (entry as unknown as AuditEntry) : undefined;
}

function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

const ACTORS: ReadonlySet<string> = new Set(['user', 'agent', 'cli', 'system']);
const DECISIONS: ReadonlySet<string> = new Set(['allow', 'deny', 'ask']);

function serialise(content: Omit<AuditEntry, 'hash'>): string {
  return `${JSON.stringify({ ...content, hash: GENESIS_HASH, mac: GENESIS_HASH })}\n`;
}

function clip(value: string): string {
  return value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…[${value.length - MAX_FIELD_CHARS} more characters]` : value;
}

/**
 * Plain JSON from whatever a caller put in `detail`: undefined and functions dropped, bigints and
 * dates as strings, errors as { name, message }, cycles and deep nesting cut, long strings clipped.
 */
function toJsonValue(value: unknown, depth: number, seen: Set<object>): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof Error) return { name: value.name, message: clip(value.message) };
    if (Array.isArray(value)) return value.slice(0, 1000).map((item: unknown) => toJsonValue(item, depth + 1, seen));
    if (value instanceof Map) return toJsonValue(Object.fromEntries(value), depth, seen);
    if (value instanceof Set) return toJsonValue([...value], depth, seen);
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out[key] = toJsonValue(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
