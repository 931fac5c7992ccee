import { existsSync, readFileSync } from 'node:fs';
import { entryHash, GENESIS_HASH, parseEntry, sha256Hex, type AuditEntry } from './auditEntry';
import { auditFiles } from './auditFiles';
import { readHead, type AuditHead } from './auditHead';

/**
 * What `audit verify` can find wrong, the first one only:
 * - `modified`: an entry's content does not match its own hash (or the checkpoint's);
 * - `rehashed`: an entry was changed and its hash recomputed, so the next one no longer links to it;
 * - `deleted`: sequence numbers are missing (entries, or whole rotated files, removed);
 * - `inserted`: an entry that is not part of the chain, or a copy of one that is;
 * - `reordered`: an entry appears after a later one;
 * - `malformed`: a line that is not an entry and is not a torn write recovered from;
 * - `truncated`: the log ends before the last entry the checkpoint says was written.
 */
export type AuditProblemKind = 'modified' | 'rehashed' | 'deleted' | 'inserted' | 'reordered' | 'malformed' | 'truncated';

/** Not tampering, but worth knowing; `audit verify` still succeeds. */
export type AuditWarningKind = 'torn-tail' | 'recovered-torn-line' | 'no-final-newline' | 'no-checkpoint' | 'invalid-checkpoint';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** The sequence number of the entry concerned, when there is one. */
  readonly seq?: number;
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  readonly message: string;
}

export interface AuditWarning {
  readonly kind: AuditWarningKind;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

export interface AuditVerification {
  /** No problem found: the chain is whole from its first entry to the checkpoint and beyond. */
  readonly ok: boolean;
  readonly files: readonly string[];
  /** Entries checked (up to the problem, if any). */
  readonly entries: number;
  readonly last?: { readonly seq: number; readonly hash: string; readonly time: string };
  readonly problem?: AuditProblem;
  readonly warnings: readonly AuditWarning[];
}

interface LineRecord {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly bytes: Buffer;
  /** Ended by a newline; only the last line of a file may not be. */
  readonly complete: boolean;
  readonly lastFile: boolean;
}

interface Linked {
  readonly entry: AuditEntry;
  readonly at: LineRecord;
}

/** Checks the whole log whose active file is `activeFile`: rotated files first, then the active one. */
export function verifyAuditLog(activeFile: string): AuditVerification {
  const layout = auditFiles(activeFile);
  const files = layout.chain().filter((file) => existsSync(file));
  const records = readRecords(files);
  const warnings: AuditWarning[] = [];
  const headRead = readHead(layout.head);
  const head = headRead.state === 'ok' ? headRead.head : undefined;
  if (headRead.state === 'invalid') warnings.push({ kind: 'invalid-checkpoint', file: layout.head, message: `the checkpoint ${layout.head} is unreadable (${headRead.message}): entries cut off the end cannot be detected` });
  let prev: Linked | undefined;
  let entries = 0;
  const result = (problem?: AuditProblem): AuditVerification => ({
    ok: problem === undefined,
    files,
    entries,
    ...(prev === undefined ? {} : { last: { seq: prev.entry.seq, hash: prev.entry.hash, time: prev.entry.time } }),
    ...(problem === undefined ? {} : { problem }),
    warnings,
  });

  for (let index = 0; index < records.length; index++) {
    const record = records[index] as LineRecord;
    if (!record.complete) {
      const entry = record.lastFile ? validEntry(record.text) : undefined;
      if (entry !== undefined && links(entry, prev)) {
        warnings.push({ kind: 'no-final-newline', file: record.file, line: record.line, message: `the last line of ${record.file} has no newline (entry seq ${entry.seq} is complete)` });
        prev = { entry, at: record };
        entries++;
        continue;
      }
      if (record.lastFile) {
        warnings.push({ kind: 'torn-tail', file: record.file, line: record.line, message: `the last line of ${record.file} (line ${record.line}, ${record.bytes.length} bytes) is incomplete: a write was cut off by a crash; the next append records the recovery` });
        continue;
      }
      return result(at('malformed', record, undefined, `line ${record.line} of ${record.file} is cut off, but only the active file's last line can be a torn write`));
    }
    const entry = parseEntry(record.text);
    if (entry === undefined) {
      const next = records[index + 1];
      const recovery = next !== undefined && next.complete ? parseEntry(next.text) : undefined;
      if (recovery !== undefined && recoversFrom(recovery, record)) {
        warnings.push({ kind: 'recovered-torn-line', file: record.file, line: record.line, message: `line ${record.line} of ${record.file} is a write torn by a crash; seq ${recovery.seq} records the recovery` });
        continue;
      }
      return result(at('malformed', record, undefined, `line ${record.line} of ${record.file} is not an audit entry`));
    }
    if (entryHash(entry as unknown as Record<string, unknown>) !== entry.hash) {
      return result(at('modified', record, entry.seq, `seq ${entry.seq} (${where(record)}) was modified: its content does not match its hash`));
    }
    if (!links(entry, prev)) return result(classifyBreak(records, index, entry, prev));
    if (head !== undefined && entry.seq === head.seq && entry.hash !== head.hash) {
      return result(at('modified', record, entry.seq, `seq ${entry.seq} (${where(record)}) differs from the checkpoint of ${head.time}: the chain was rewritten from this entry or an earlier one`));
    }
    prev = { entry, at: record };
    entries++;
  }
  return result(checkEnd(prev, head, headRead.state, layout.head, warnings, files));
}

function checkEnd(prev: Linked | undefined, head: AuditHead | undefined, headState: string, headFile: string, warnings: AuditWarning[], files: readonly string[]): AuditProblem | undefined {
  if (head === undefined) {
    if (prev !== undefined && headState === 'missing') warnings.push({ kind: 'no-checkpoint', file: headFile, message: `no checkpoint (${headFile}): entries cut off the end of the log cannot be detected` });
    return undefined;
  }
  if (prev === undefined || prev.entry.seq < head.seq) {
    const endsAt = prev === undefined ? 'the log has no entries' : `the log ends at seq ${prev.entry.seq} (${where(prev.at)})`;
    const from = prev === undefined ? 1 : prev.entry.seq + 1;
    return { kind: 'truncated', seq: from, file: prev?.at.file ?? files[files.length - 1] ?? headFile, line: prev?.at.line ?? 0, message: `${endsAt}, but the checkpoint of ${head.time} records seq ${head.seq}: entries ${range(from, head.seq)} were removed` };
  }
  return undefined;
}

/** Names what broke the chain at `records[index]`, which is a valid entry that does not follow `prev`. */
function classifyBreak(records: readonly LineRecord[], index: number, entry: AuditEntry, prev: Linked | undefined): AuditProblem {
  const record = records[index] as LineRecord;
  const expected = prev === undefined ? 1 : prev.entry.seq + 1;
  const expectedPrev = prev === undefined ? GENESIS_HASH : prev.entry.hash;
  if (entry.seq === expected) {
    const next = nextEntry(records, index);
    if (next !== undefined && next.entry.seq === expected && next.entry.prevHash === expectedPrev) {
      return at('inserted', record, entry.seq, `an entry that is not part of the chain was inserted at ${where(record)}, before the real seq ${expected} (${where(next.at)})`);
    }
    if (prev === undefined) return at('modified', record, entry.seq, `the first entry (${where(record)}) does not start the chain: its prevHash is not the genesis hash`);
    return at('rehashed', prev.at, prev.entry.seq, `seq ${prev.entry.seq} (${where(prev.at)}) was changed and its hash recomputed: seq ${entry.seq} (${where(record)}) no longer links to it`);
  }
  if (entry.seq > expected) {
    const later = findEntry(records, index + 1, records.length, expected);
    if (later !== undefined) return at('reordered', record, entry.seq, `entries were reordered: seq ${entry.seq} (${where(record)}) comes before seq ${expected} (${where(later.at)})`);
    const after = prev === undefined ? 'at the start of the log' : `after seq ${prev.entry.seq} (${where(prev.at)})`;
    const fileNote = record.line === 1 && prev !== undefined && prev.at.file !== record.file ? ` (across the rotation from ${prev.at.file} to ${record.file}; a rotated file may be missing)` : '';
    return at('deleted', record, expected, `entries ${range(expected, entry.seq - 1)} were deleted ${after}; the chain resumes at seq ${entry.seq} (${where(record)})${fileNote}`);
  }
  const earlier = findEntry(records, 0, index, entry.seq);
  const next = nextEntry(records, index);
  if (earlier !== undefined && earlier.entry.hash !== entry.hash && next?.entry.seq === entry.seq + 1 && next.entry.prevHash === entry.hash) {
    // Two entries claim this seq and the chain goes on from this one: the earlier one is the intruder.
    return at('inserted', earlier.at, entry.seq, `an entry numbered seq ${entry.seq} was inserted at ${where(earlier.at)}: the chain continues from the real seq ${entry.seq} at ${where(record)}`);
  }
  const copy = earlier !== undefined && earlier.entry.hash === entry.hash ? `a copy of seq ${entry.seq} (${where(earlier.at)})` : `an entry numbered seq ${entry.seq}`;
  return at('inserted', record, entry.seq, `${copy} was inserted at ${where(record)}, after seq ${expected - 1}`);
}

function links(entry: AuditEntry, prev: Linked | undefined): boolean {
  return prev === undefined ? entry.seq === 1 && entry.prevHash === GENESIS_HASH : entry.seq === prev.entry.seq + 1 && entry.prevHash === prev.entry.hash;
}

/** A recovery entry written right after `torn` names that line's exact bytes. */
function recoversFrom(recovery: AuditEntry, torn: LineRecord): boolean {
  if (recovery.action !== 'audit.recovered' || entryHash(recovery as unknown as Record<string, unknown>) !== recovery.hash) return false;
  const detail = recovery.detail as { tornBytes?: unknown; tornSha256?: unknown } | undefined;
  return detail?.tornBytes === torn.bytes.length && detail.tornSha256 === sha256Hex(torn.bytes);
}

function validEntry(text: string): AuditEntry | undefined {
  const entry = parseEntry(text);
  return entry !== undefined && entryHash(entry as unknown as Record<string, unknown>) === entry.hash ? entry : undefined;
}

function nextEntry(records: readonly LineRecord[], index: number): Linked | undefined {
  for (let next = index + 1; next < records.length; next++) {
    const record = records[next] as LineRecord;
    const entry = validEntry(record.text);
    if (entry !== undefined) return { entry, at: record };
  }
  return undefined;
}

function findEntry(records: readonly LineRecord[], from: number, to: number, seq: number): Linked | undefined {
  for (let index = from; index < to; index++) {
    const record = records[index] as LineRecord;
    const entry = validEntry(record.text);
    if (entry?.seq === seq) return { entry, at: record };
  }
  return undefined;
}

/** Every line of every file, in chain order, with its exact bytes (a torn line is compared by hash). */
function readRecords(files: readonly string[]): LineRecord[] {
  const records: LineRecord[] = [];
  files.forEach((file, fileIndex) => {
    const data = readFileSync(file);
    const lastFile = fileIndex === files.length - 1;
    let start = 0;
    let line = 1;
    while (start < data.length) {
      const newline = data.indexOf(0x0a, start);
      const end = newline < 0 ? data.length : newline;
      const bytes = data.subarray(start, end);
      records.push({ file, line, text: bytes.toString('utf8'), bytes, complete: newline >= 0, lastFile });
      start = end + 1;
      line++;
    }
  });
  return records;
}

function at(kind: AuditProblemKind, record: LineRecord, seq: number | undefined, message: string): AuditProblem {
  return { kind, ...(seq === undefined ? {} : { seq }), file: record.file, line: record.line, message };
}

function where(record: LineRecord): string {
  return `${record.file}:${record.line}`;
}

function range(from: number, to: number): string {
  return from === to ? `seq ${from}` : `seq ${from} to ${to}`;
}
