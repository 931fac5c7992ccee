import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/**
 * The checkpoint: seq and hash of the newest entry known durable, written next to the log at
 * every safe point. A hash chain alone cannot show that entries were cut off its end; the
 * checkpoint can, back to the last safe point.
 */
export interface AuditHead {
  readonly v: 1;
  readonly seq: number;
  readonly hash: string;
  readonly time: string;
}

export type HeadRead = { readonly state: 'missing' } | { readonly state: 'invalid'; readonly message: string } | { readonly state: 'ok'; readonly head: AuditHead };

export function readHead(path: string): HeadRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  try {
    const value = JSON.parse(text) as Partial<AuditHead>;
    if (value.v === 1 && Number.isSafeInteger(value.seq) && typeof value.hash === 'string' && /^[0-9a-f]{64}$/.test(value.hash) && typeof value.time === 'string') {
      return { state: 'ok', head: { v: 1, seq: value.seq as number, hash: value.hash, time: value.time } };
    }
    return { state: 'invalid', message: 'not a checkpoint' };
  } catch (error) {
    return { state: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Replaces the checkpoint atomically (a temporary file, fsynced, renamed over it). */
export function writeHead(path: string, head: AuditHead): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(head)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
