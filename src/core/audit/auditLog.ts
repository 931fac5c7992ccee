import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GENESIS_HASH, prepareEntry, sealEntry, type AuditEntry, type PreparedEntry } from './auditEntry';
import { auditFiles, type AuditFiles } from './auditFiles';
import { expectedHeadMac, readHead, sealHead, writeHead, type AuditHead } from './auditHead';
import { evolveAuditKey, newAuditKey, sameMac, type AuditKey } from './auditKey';
import { auditKeyStamp, readAuditKey, writeAuditKey } from './auditKeyFile';
import { withAuditLock, type AuditLockOptions } from './auditLock';
import type { AuditEvent, AuditSink } from './auditSink';
import { readFileTail, type TornTail } from './auditTail';

/**
 * When entries are forced to disk (fsync):
 * - `safe-points` (default): after every deny, every entry by the user, every approval, policy,
 *   firewall and audit event, at least every `syncEvery` entries, at rotation and at close;
 * - `every-entry`: after each entry;
 * - `none`: never (the OS writes them back; a machine crash may lose the last seconds).
 * The checkpoint (`audit.head.json`) is written, and the sealing key evolved, at the same moments.
 */
export type AuditDurability = 'safe-points' | 'every-entry' | 'none';

export interface AuditLogOptions {
  /** The active file, e.g. from resolveAuditPath(). Its folder is created if needed. */
  readonly file: string;
  /** The sealing key file, from auditKeyPath(); created (0600) when the log has none. */
  readonly keyFile: string;
  /** Called when an entry cannot be written; `record()` never throws. */
  readonly onError?: (error: unknown) => void;
  /** Called with each entry once it is in the file (to ship a copy elsewhere); must not block. */
  readonly onAppend?: (entry: AuditEntry) => void;
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
  /** The epoch the entry was sealed in; -1 for an unsealed (format 1) entry or one before the key. */
  readonly epoch: number;
}

/** Written into the chain when the writer finds something it cannot explain; `audit verify` reports it. */
type Anomaly = { readonly action: 'audit.rekeyed'; readonly reason: 'key-missing' } | { readonly action: 'audit.checkpoint-lost'; readonly reason: string };

/**
 * The tamper-evident audit log: append-only JSONL, each entry redacted, numbered and chained to
 * the previous one by SHA-256 (docs/audit.md). Several processes may append to the same log
 * (the extension host and the CLI): each append takes the inter-process lock, re-reads the end
 * of the file if another process wrote since, and writes its line with one O_APPEND write.
 * Synchronous on purpose: an entry is on disk before the action it records goes ahead.
 * Every entry is sealed (HMAC) under the key file's current key; every checkpoint evolves the
 * key and overwrites the old one (docs/audit.md, "Sealing").
 */
export class AuditLog implements AuditSink {
  readonly file: string;
  private readonly keyFile: string;
  private readonly files: AuditFiles;
  private readonly onError: (error: unknown) => void;
  private readonly onAppend: ((entry: AuditEntry) => void) | undefined;
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
  private key: AuditKey | undefined;
  private keyStamp = '';
  private anomaly: Anomaly | undefined;
  private torn: TornTail | undefined;
  private missingNewline = false;
  private known = false;
  private unsynced = 0;
  private closed = false;

  constructor(options: AuditLogOptions) {
    this.file = options.file;
    this.keyFile = options.keyFile;
    this.files = auditFiles(options.file);
    this.onError = options.onError ?? (() => undefined);
    this.onAppend = options.onAppend;
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

  /**
   * The current sealing key, created if the log has none yet. The extension keeps a copy of the
   * first one it sees, so it can later check seals from that epoch on (docs/audit.md).
   */
  currentKey(): AuditKey {
    return withAuditLock(this.files.lock, () => {
      this.refresh();
      return this.ensureKey(this.now());
    }, this.lockOptions);
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
      const time = this.now();
      this.ensureKey(time);
      if (this.torn !== undefined) this.recoverTornLine(this.torn);
      if (this.anomaly !== undefined) this.recordAnomaly(this.anomaly, time);
      // Those two close an epoch: seal with the key as it is now.
      const { entry, line } = sealEntry(prepared, (this.last?.seq ?? 0) + 1, this.last?.hash ?? GENESIS_HASH, time, this.ensureKey(time));
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
    if (!this.known || size !== this.size || auditKeyStamp(this.keyFile) !== this.keyStamp) this.loadState();
  }

  /** The chain's end: the active file's last valid entry, else the newest rotated file's, or the checkpoint if newer. */
  private loadState(): void {
    const tail = readFileTail(this.files.active);
    this.size = tail.size;
    this.torn = tail.torn;
    this.missingNewline = tail.missingNewline === true;
    let last: AuditEntry | undefined = tail.entry;
    for (const rotated of this.files.listRotated().reverse()) {
      if (last !== undefined) break;
      last = readFileTail(rotated.file).entry;
    }
    const head = readHead(this.files.head);
    const checkpoint = head.state === 'ok' ? { seq: head.head.seq, hash: head.head.hash, epoch: head.head.epoch - 1 } : head.state === 'legacy' ? { seq: head.seq, hash: head.hash, epoch: -1 } : undefined;
    // Entries cut off the end are not renumbered: the chain continues after the checkpoint.
    const end: ChainState | undefined = checkpoint !== undefined && (last === undefined || checkpoint.seq > last.seq) ? checkpoint : last === undefined ? undefined : { seq: last.seq, hash: last.hash, epoch: last.epoch ?? -1 };
    this.last = end;
    this.loadKey(head.state === 'ok' ? head.head : undefined, head.state, last?.mac !== undefined);
    this.known = true;
  }

  /**
   * Reads the key file and squares it with the checkpoint. The one state a crash can leave is a
   * checkpoint one epoch ahead of the key (written first, then the key): its seal proves it,
   * so the evolution is completed. Anything else unexplained is written into the chain.
   */
  private loadKey(head: AuditHead | undefined, headState: string, sealedEntries: boolean): void {
    this.keyStamp = auditKeyStamp(this.keyFile);
    const read = readAuditKey(this.keyFile);
    if (read.state === 'invalid') throw new Error(`the audit key ${this.keyFile} is unreadable (${read.message}); remove it to start a new key (the log before then can no longer be proven)`);
    this.anomaly = undefined;
    if (read.state === 'missing') {
      this.key = undefined;
      return;
    }
    let key = read.key;
    if (head !== undefined && head.keyId === key.keyId && head.epoch === key.epoch + 1) {
      const next = evolveAuditKey(key, head.hash);
      if (sameMac(head.mac, expectedHeadMac(head, next.key))) {
        writeAuditKey(this.keyFile, next);
        this.keyStamp = auditKeyStamp(this.keyFile);
        key = next;
      }
    }
    this.key = key;
    const genesisPending = key.epoch === 0 && headState !== 'ok' && (this.last?.seq ?? 0) + 1 === key.startSeq && !sealedEntries;
    if (genesisPending) {
      // Created, then a crash before its first checkpoint: nothing was sealed yet.
      this.writeCheckpoint(key, this.now());
      return;
    }
    if (head === undefined || head.keyId !== key.keyId || head.epoch !== key.epoch || !sameMac(head.mac, expectedHeadMac(head, key.key))) {
      this.anomaly = { action: 'audit.checkpoint-lost', reason: head === undefined ? `checkpoint-${headState}` : 'checkpoint-not-sealed-by-the-current-key' };
    }
  }

  /** The key to seal with; a log without one gets a new lineage, sealed from its next entry on. */
  private ensureKey(time: Date): AuditKey {
    if (this.key !== undefined) return this.key;
    const sealedBefore = this.last !== undefined && (this.last.epoch >= 0 || readHead(this.files.head).state === 'ok');
    const key = newAuditKey((this.last?.seq ?? 0) + 1);
    writeAuditKey(this.keyFile, key);
    this.keyStamp = auditKeyStamp(this.keyFile);
    this.key = key;
    this.writeCheckpoint(key, time);
    if (sealedBefore) this.anomaly = { action: 'audit.rekeyed', reason: 'key-missing' };
    return key;
  }

  /** Writes the checkpoint for the chain's end, sealed with `key` (the epoch that begins after it). */
  private writeCheckpoint(key: AuditKey, time: Date): void {
    writeHead(this.files.head, sealHead({ seq: this.last?.seq ?? 0, hash: this.last?.hash ?? GENESIS_HASH, time: time.toISOString() }, key));
  }

  private recordAnomaly(anomaly: Anomaly, time: Date): void {
    const prepared: PreparedEntry = { actor: 'system', action: anomaly.action, reason: anomaly.reason, detail: { keyFile: this.keyFile, head: this.files.head } };
    const { entry, line } = sealEntry(prepared, (this.last?.seq ?? 0) + 1, this.last?.hash ?? GENESIS_HASH, time, this.ensureKey(time));
    this.write(Buffer.from(this.missingNewline ? `\n${line}` : line, 'utf8'), entry);
    this.anomaly = undefined;
    this.sync();
  }

  /** Ends the torn line and says so in the chain, so `audit verify` can tell a crash from an edit. */
  private recoverTornLine(torn: TornTail): void {
    const prepared: PreparedEntry = { actor: 'system', action: 'audit.recovered', reason: 'torn-line', detail: { tornBytes: torn.bytes, tornSha256: torn.sha256 } };
    const time = this.now();
    const { entry, line } = sealEntry(prepared, (this.last?.seq ?? 0) + 1, this.last?.hash ?? GENESIS_HASH, time, this.ensureKey(time));
    this.write(Buffer.from(`\n${line}`, 'utf8'), entry);
    this.torn = undefined;
    this.sync();
  }

  private write(bytes: Buffer, entry: AuditEntry): void {
    if (this.fd === undefined) throw new Error('the audit log is not open');
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.missingNewline = false;
    this.size += bytes.length;
    this.last = { seq: entry.seq, hash: entry.hash, epoch: entry.epoch ?? -1 };
    this.unsynced++;
    try {
      this.onAppend?.(entry);
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * Makes the entries durable and closes the epoch: the key evolves from the last entry's hash,
   * the checkpoint is sealed with the new key and written, then the key file is overwritten, so
   * the old key is gone (a crash between the two leaves a checkpoint whose seal proves it, and
   * the next writer completes the step). An epoch another process already closed is not closed twice.
   */
  private sync(): void {
    if (this.fd === undefined || this.last === undefined) return;
    fsyncSync(this.fd);
    const key = this.key;
    if (key !== undefined && this.last.epoch === key.epoch) {
      const next = evolveAuditKey(key, this.last.hash);
      this.writeCheckpoint(next, this.now());
      writeAuditKey(this.keyFile, next);
      this.keyStamp = auditKeyStamp(this.keyFile);
      this.key = next;
    }
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
