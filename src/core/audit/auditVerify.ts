import { existsSync, readFileSync } from 'node:fs';
import { entryHash, GENESIS_HASH, parseEntry, sha256Hex, type AuditEntry } from './auditEntry';
import { auditFiles } from './auditFiles';
import { readHead, type AuditHead, type HeadRead } from './auditHead';
import type { AuditKey } from './auditKey';
import { readAuditKey, type AuditKeyRead } from './auditKeyFile';
import { SealCheck } from './auditSeals';

/**
 * What `audit verify` can find wrong, the first one only:
 * - `modified`: an entry's content does not match its own hash (or the checkpoint's);
 * - `rehashed`: an entry was changed and its hash recomputed, so the next one no longer links to it;
 * - `deleted`: sequence numbers are missing (entries, or whole rotated files, removed);
 * - `inserted`: an entry that is not part of the chain, or a copy of one that is;
 * - `reordered`: an entry appears after a later one;
 * - `malformed`: a line that is not an entry and is not a torn write recovered from;
 * - `truncated`: the log ends before the last entry the checkpoint says was written;
 * - `forged`: an entry or the checkpoint is not sealed by the audit key (written without it);
 * - `unprovable`: completeness cannot be shown (no key, no sealed checkpoint, a lost key): not
 *   proof of tampering, but not "intact" either.
 */
export type AuditProblemKind = 'modified' | 'rehashed' | 'deleted' | 'inserted' | 'reordered' | 'malformed' | 'truncated' | 'forged' | 'unprovable';

/** Not tampering, but worth knowing; `audit verify` still succeeds. */
export type AuditWarningKind = 'torn-tail' | 'recovered-torn-line' | 'no-final-newline' | 'unsealed-prefix';

/**
 * The keys to check seals with. `keyFile` holds the current key (the CLI and the extension
 * share it); `anchor` is an earlier key of the same lineage that the extension kept in
 * SecretStorage, which lets seals of earlier epochs be checked too (forward security).
 */
export interface AuditVerifyKeys {
  readonly keyFile?: string;
  readonly anchor?: AuditKey;
}

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
  /** How seals were checked: the lineage, and the epoch from which each entry's own seal was checked. */
  readonly sealed?: { readonly keyId: string; readonly from: 'anchor' | 'key-file'; readonly epoch: number; readonly startSeq: number };
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

/**
 * Checks the whole log whose active file is `activeFile`: rotated files first, then the active
 * one; the chain, the seals, and the checkpoint. Without a key, or without a sealed checkpoint,
 * the log cannot be proven complete: that is a problem (`unprovable`), never "intact".
 */
export function verifyAuditLog(activeFile: string, keys: AuditVerifyKeys): AuditVerification {
  const layout = auditFiles(activeFile);
  const { keyRead, headRead } = readKeyAndHead(keys.keyFile, layout.head);
  const files = layout.chain().filter((file) => existsSync(file));
  const records = readRecords(files);
  const warnings: AuditWarning[] = [];
  const head = headRead.state === 'ok' ? headRead.head : undefined;
  const current = keyRead.state === 'ok' ? keyRead.key : undefined;
  const base = keys.anchor ?? current;
  const seals = base === undefined ? undefined : new SealCheck(base, current, head?.seq);
  let prev: Linked | undefined;
  let entries = 0;
  const result = (problem?: AuditProblem): AuditVerification => ({
    ok: problem === undefined,
    files,
    entries,
    ...(prev === undefined ? {} : { last: { seq: prev.entry.seq, hash: prev.entry.hash, time: prev.entry.time } }),
    ...(problem === undefined ? {} : { problem }),
    warnings,
    ...(base === undefined ? {} : { sealed: { keyId: base.keyId, from: keys.anchor === undefined ? 'key-file' as const : 'anchor' as const, epoch: base.epoch, startSeq: base.startSeq } }),
  });
  const keyProblem = keyMismatch(keys, keyRead, layout.head);

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
    const finding = seals?.entry(entry);
    if (finding !== undefined) return result(at(finding.kind, record, entry.seq, `${finding.message} (${where(record)})`));
    prev = { entry, at: record };
    entries++;
  }
  const end = checkEnd(prev, head, files, layout.head);
  if (end !== undefined) return result(end);
  if (keyProblem !== undefined) return result(keyProblem);
  // Even with the extension's early key, the current key is what shows how far the log had gone.
  if (seals === undefined || current === undefined) return result(whole('unprovable', layout.head, `cannot prove completeness: there is no audit key for this log (${keys.keyFile ?? 'none given'})${seals === undefined ? ', so no seal can be checked' : ', so a newer checkpoint replaced by an older one cannot be ruled out'}`));
  const sealed = seals.finish(head, headRead.state === 'missing' ? `no checkpoint (${layout.head})` : headRead.state === 'legacy' ? `the checkpoint ${layout.head} is from before the log was keyed` : headRead.state === 'invalid' ? `the checkpoint ${layout.head} is unreadable (${headRead.message})` : undefined);
  if (sealed !== undefined) return result(whole(sealed.kind, layout.head, sealed.message));
  if (base !== undefined && base.startSeq > 1 && prev !== undefined) {
    warnings.push({ kind: 'unsealed-prefix', message: `seq 1 to ${base.startSeq - 1} were written before the log was keyed: they are proven unchanged only since seq ${base.startSeq} was sealed` });
  }
  return result();
}

/** Reads the key, then the checkpoint, then the key again: a writer replaces the checkpoint, then the key, and a pair read mid-step is read again. */
function readKeyAndHead(keyFile: string | undefined, headFile: string): { keyRead: AuditKeyRead; headRead: HeadRead } {
  for (let attempt = 0; ; attempt++) {
    const keyRead: AuditKeyRead = keyFile === undefined ? { state: 'missing' } : readAuditKey(keyFile);
    const headRead = readHead(headFile);
    const again: AuditKeyRead = keyFile === undefined ? { state: 'missing' } : readAuditKey(keyFile);
    const epoch = (read: AuditKeyRead): number => (read.state === 'ok' ? read.key.epoch : -1);
    if (epoch(keyRead) === epoch(again) || attempt >= 3) return { keyRead: again, headRead };
  }
}

function keyMismatch(keys: AuditVerifyKeys, keyRead: AuditKeyRead, headFile: string): AuditProblem | undefined {
  if (keyRead.state === 'invalid') return whole('unprovable', keys.keyFile ?? headFile, `cannot prove completeness: the audit key is unreadable (${keyRead.message})`);
  if (keys.anchor === undefined || keyRead.state !== 'ok') return undefined;
  if (keyRead.key.keyId !== keys.anchor.keyId) return whole('unprovable', keys.keyFile ?? headFile, `cannot prove completeness: the audit key file holds key ${keyRead.key.keyId}, not the key ${keys.anchor.keyId} the extension recorded for this log: the key was replaced`);
  if (keyRead.key.epoch < keys.anchor.epoch) return whole('unprovable', keys.keyFile ?? headFile, `cannot prove completeness: the audit key file is at epoch ${keyRead.key.epoch}, older than the copy the extension keeps (epoch ${keys.anchor.epoch}): it was restored or replaced`);
  return undefined;
}

/** A problem with the log as a whole (key, checkpoint) rather than with one line. */
function whole(kind: 'forged' | 'unprovable', file: string, message: string): AuditProblem {
  return { kind, file, line: 0, message };
}

function checkEnd(prev: Linked | undefined, head: AuditHead | undefined, files: readonly string[], headFile: string): AuditProblem | undefined {
  if (head === undefined || head.seq <= (prev?.entry.seq ?? 0)) return undefined;
  const endsAt = prev === undefined ? 'the log has no entries' : `the log ends at seq ${prev.entry.seq} (${where(prev.at)})`;
  const from = prev === undefined ? 1 : prev.entry.seq + 1;
  return { kind: 'truncated', seq: from, file: prev?.at.file ?? files[files.length - 1] ?? headFile, line: prev?.at.line ?? 0, message: `${endsAt}, but the checkpoint of ${head.time} records seq ${head.seq}: entries ${range(from, head.seq)} were removed` };
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
