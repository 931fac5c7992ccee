import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GENESIS_HASH, prepareEntry, sealEntry, type AuditEntry, type PreparedEntry } from './auditEntry';
import { auditFiles, type AuditFiles } from './auditFiles';
import { readHead, writeHead } from './auditHead';
import { withAuditLock, type AuditLockOptions } from './auditLock';
import type { AuditEvent, AuditSink } from './auditSink';
import { readFileTail, type TornTail } from './auditTail';

/**
 * When entries are forced to disk (fsync):
 * - `safe-points` (default): after every deny, every entry by the user, every approval, policy,
 *   firewall and audit event, at least every `syncEvery` entries, at rotation and at close;
 * - `every-entry`: after each entry;
 * - `none`: never (the OS writes them back; a machine crash may lose the last seconds).
 * The checkpoint (`audit.head.json`) is written at the same moments.
 */
export type AuditDurability = 'safe-points' | 'every-entry' | 'none';

export interface AuditLogOptions {
  /** The active file, e.g. from resolveAuditPath(). Its folder is created if needed. */
  readonly file: string;
  /** Called when an entry cannot be written; `record()` never throws. */
  readonly onError?: (error: unknown) => void;
  /** Rotate before the active file would grow past this (default 8 MiB). */
  readonly maxFileBytes?: number;
  /** With `safe-points`: fsync at least every this many entries (default 32). */
  readonly syncEvery?: number;
  readonly durability?: AuditDurability;
  readonly lock?: AuditLockOptions;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_SYNC_EVERY = 32;
const NEWLINE = Buffer.from('\n');

interface ChainState {
  readonly seq: number;
  readonly hash: string;
}

/**
 * The tamper-evident audit log: append-only JSONL, each entry redacted, numbered and chained to
 * the previous one by SHA-256 (docs/audit.md). Several processes may append to the same log
 * (the extension host and the CLI): each append takes the inter-process lock, re-reads the end
 * of the file if another process wrote since, and writes its line with one O_APPEND write.
 * Synchronous on purpose: an entry is on disk before the action it records goes ahead.
 */
export class AuditLog implements AuditSink {
  readonly file: string;
  private readonly files: AuditFiles;
  private readonly onError: (error: unknown) => void;
  private readonly maxFileBytes: number;
  private readonly syncEvery: number;
  private readonly durability: AuditDurability;
  private readonly lockOptions: AuditLockOptions;
  private readonly now: () => Date;
  private fd: number | undefined;
  private identity: { dev: number; ino: number } | undefined;
  /** Size of the active file after our last write or read; another writer changes it. */
  private size = 0;
  private last: ChainState | undefined;
  private torn: TornTail | undefined;
  private missingNewline = false;
  private known = false;
  private unsynced = 0;
  private closed = false;

  constructor(options: AuditLogOptions) {
    this.file = options.file;
    this.files = auditFiles(options.file);
    this.onError = options.onError ?? (() => undefined);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.syncEvery = Math.max(1, options.syncEvery ?? DEFAULT_SYNC_EVERY);
    this.durability = options.durability ?? 'safe-points';
    this.lockOptions = options.lock ?? {};
    this.now = options.now ?? (() => new Date());
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  }

  /** Appends an entry; a failure goes to `onError` and yields undefined. */
  record(event: AuditEvent): AuditEntry | undefined {
    try {
      return this.append(event);
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  /** Appends an entry and returns it as written (redacted, sealed); throws when it cannot. */
  append(event: AuditEvent): AuditEntry {
    if (this.closed) throw new Error(`the audit log ${this.file} is closed`);
    const prepared = prepareEntry(event);
    return withAuditLock(this.files.lock, () => this.appendLocked(prepared), this.lockOptions);
  }

  /** Makes everything written durable, records the checkpoint and closes the file. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd === undefined) return;
    try {
      if (this.durability !== 'none' && this.unsynced > 0) {
        withAuditLock(this.files.lock, () => {
          this.refresh();
          this.sync();
        }, this.lockOptions);
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.closeFile();
    }
  }

  /** For a VS Code disposable store. */
  dispose(): void {
    this.close();
  }

  private appendLocked(prepared: PreparedEntry): AuditEntry {
    try {
      this.refresh();
      if (this.torn !== undefined) this.recoverTornLine(this.torn);
      const { entry, line } = sealEntry(prepared, (this.last?.seq ?? 0) + 1, this.last?.hash ?? GENESIS_HASH, this.now());
      const bytes = Buffer.from(line, 'utf8');
      if (this.size > 0 && this.size + bytes.length > this.maxFileBytes) this.rotate();
      // A whole last entry whose newline was lost gets it back with this write.
      this.write(this.missingNewline ? Buffer.concat([NEWLINE, bytes]) : bytes, entry);
      if (this.durability === 'every-entry' || (this.durability === 'safe-points' && (isSafePoint(entry) || this.unsynced >= this.syncEvery))) this.sync();
      return entry;
    } catch (error) {
      this.known = false;
      throw error;
    }
  }

  /**
   * Brings our view of the log up to date: reopens the active file if another process rotated
   * it, and re-reads its end if another process appended (its size is not what we left).
   */
  private refresh(): void {
    const current = statSync(this.files.active, { throwIfNoEntry: false });
    if (this.fd !== undefined && (current === undefined || current.ino !== this.identity?.ino || current.dev !== this.identity.dev)) this.closeFile();
    let size = current?.size ?? 0;
    if (this.fd === undefined) {
      mkdirSync(dirname(this.files.active), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.files.active, 'a', 0o600);
      const opened = fstatSync(this.fd);
      this.identity = { dev: opened.dev, ino: opened.ino };
      size = opened.size;
      this.known = false;
    }
    if (!this.known || size !== this.size) this.loadState();
  }

  /** The chain's end: the active file's last valid entry, else the newest rotated file's, or the checkpoint if newer. */
  private loadState(): void {
    const tail = readFileTail(this.files.active);
    this.size = tail.size;
    this.torn = tail.torn;
    this.missingNewline = tail.missingNewline === true;
    let last: ChainState | undefined = tail.entry;
    for (const rotated of this.files.listRotated().reverse()) {
      if (last !== undefined) break;
      last = readFileTail(rotated.file).entry;
    }
    const head = readHead(this.files.head);
    // Entries cut off the end are not renumbered: the chain continues after the checkpoint.
    if (head.state === 'ok' && (last === undefined || head.head.seq > last.seq)) last = head.head;
    this.last = last === undefined ? undefined : { seq: last.seq, hash: last.hash };
    this.known = true;
  }

  /** Ends the torn line and says so in the chain, so `audit verify` can tell a crash from an edit. */
  private recoverTornLine(torn: TornTail): void {
    const prepared: PreparedEntry = { actor: 'system', action: 'audit.recovered', reason: 'torn-line', detail: { tornBytes: torn.bytes, tornSha256: torn.sha256 } };
    const { entry, line } = sealEntry(prepared, (this.last?.seq ?? 0) + 1, this.last?.hash ?? GENESIS_HASH, this.now());
    this.write(Buffer.from(`\n${line}`, 'utf8'), entry);
    this.torn = undefined;
    this.sync();
  }

  private write(bytes: Buffer, entry: AuditEntry): void {
    if (this.fd === undefined) throw new Error('the audit log is not open');
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.missingNewline = false;
    this.size += bytes.length;
    this.last = { seq: entry.seq, hash: entry.hash };
    this.unsynced++;
  }

  private sync(): void {
    if (this.fd === undefined || this.last === undefined) return;
    fsyncSync(this.fd);
    writeHead(this.files.head, { v: 1, seq: this.last.seq, hash: this.last.hash, time: this.now().toISOString() });
    this.unsynced = 0;
  }

  /** Moves the active file to the next number and starts a new one; the chain continues into it. */
  private rotate(): void {
    if (this.fd !== undefined && this.missingNewline) {
      writeSync(this.fd, NEWLINE);
      this.missingNewline = false;
    }
    if (this.fd !== undefined && this.durability !== 'none') fsyncSync(this.fd);
    this.closeFile();
    const next = (this.files.listRotated().at(-1)?.index ?? 0) + 1;
    renameSync(this.files.active, this.files.rotated(next));
    syncFolder(dirname(this.files.active));
    this.fd = openSync(this.files.active, 'a', 0o600);
    const opened = fstatSync(this.fd);
    this.identity = { dev: opened.dev, ino: opened.ino };
    this.size = opened.size;
    this.known = true;
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    this.identity = undefined;
    this.known = false;
    closeSync(fd);
  }
}

/** Entries that are made durable at once: decisions that refuse, the user's choices, changes to the guard. */
export function isSafePoint(entry: Pick<AuditEntry, 'decision' | 'actor' | 'action'>): boolean {
  return entry.decision === 'deny' || entry.actor === 'user' || /^(?:approval|policy|firewall|audit)(?:\.|$)/.test(entry.action);
}

/** Makes a rename durable where the platform allows it (not on Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
