import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';

/** The audit lock could not be taken in time; the entry was not written. */
export class AuditLockError extends Error {
  override readonly name = 'AuditLockError';
  readonly code = 'AUDIT_LOCK_TIMEOUT';
  constructor(readonly lockPath: string, cause: unknown) {
    super(`the audit log is locked by another Airlock process (${lockPath}): ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface AuditLockOptions {
  /** Give up after this long (default 15 s: past the stale time, so a dead holder's lock is taken over first). */
  readonly timeoutMs?: number;
  /** A lock file older than this belongs to a holder that died; it is taken over (default 10 s). */
  readonly staleMs?: number;
}

const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

/**
 * Holds the inter-process lock on an audit log while `action` runs, synchronously: the log's
 * `record()` is synchronous so an entry is on disk before the action it records goes ahead.
 *
 * The lock is a file created with O_CREAT|O_EXCL (`open(…, 'wx')`), which exactly one process
 * can create on a local file system, and removed when the action is done. Not proper-lockfile:
 * its synchronous path (mkdir, utimes, stat, rmdir, and a refresh timer that cannot run while
 * the thread is busy) costs several times more per append, and holds here last microseconds to
 * milliseconds (one write, sometimes an fsync), so no refresh is needed. Waiters poll with a
 * short jittered sleep. A lock file older than `staleMs` is a holder that died mid-append
 * (SIGKILL, power loss): it is renamed away (only one waiter wins the rename) and taken over.
 * Until then writers wait, which blocks the calling thread.
 */
export function withAuditLock<T>(lockPath: string, action: () => T, options: AuditLockOptions = {}): T {
  acquire(lockPath, options.timeoutMs ?? 15_000, options.staleMs ?? 10_000);
  try {
    return action();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // Taken over as stale while we held it: the write itself went through under it.
    }
  }
}

function acquire(lockPath: string, timeoutMs: number, staleMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new AuditLockError(lockPath, error);
      if (takeOverIfStale(lockPath, staleMs)) continue;
      if (Date.now() >= deadline) throw new AuditLockError(lockPath, new Error(`still held after ${timeoutMs} ms`));
      Atomics.wait(SLEEP_CELL, 0, 0, Math.min(1 + attempt / 4, 8) * (0.5 + Math.random()));
    }
  }
}

/** Removes a lock file left by a dead holder; true when the caller should try again at once. */
function takeOverIfStale(lockPath: string, staleMs: number): boolean {
  let modified: number;
  try {
    modified = statSync(lockPath).mtimeMs;
  } catch {
    return true; // released meanwhile
  }
  if (Date.now() - modified < staleMs) return false;
  const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return true; // another waiter took it over first
  }
  try {
    unlinkSync(aside);
  } catch {
    // Left behind: harmless, it is no longer the lock.
  }
  return true;
}
