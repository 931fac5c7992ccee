import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { canonicalJson } from './auditEntry';
import { readSmallFile } from './auditFiles';
import { headMac, type AuditKey } from './auditKey';

/**
 * The checkpoint, written at every safe point: the newest entry made durable (`seq`, `hash`),
 * and the epoch that began after it, sealed with that epoch's key. A hash chain alone cannot
 * show that entries were cut off its end; a sealed checkpoint can, back to the last safe point,
 * and nobody without the key can write one.
 */
export interface AuditHead {
  readonly v: 2;
  readonly seq: number;
  readonly hash: string;
  readonly time: string;
  readonly keyId: string;
  readonly startSeq: number;
  /** The epoch that began after entry `seq`; the seal is under its key. */
  readonly epoch: number;
  readonly mac: string;
}

export type HeadRead =
  | { readonly state: 'missing' }
  | { readonly state: 'invalid'; readonly message: string }
  /** A format-1 checkpoint, from before logs were keyed: it proves nothing. */
  | { readonly state: 'legacy'; readonly seq: number; readonly hash: string }
  | { readonly state: 'ok'; readonly head: AuditHead };

export function readHead(path: string): HeadRead {
  const read = readSmallFile(path);
  if (read.state !== 'text') return read;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(read.text) as Record<string, unknown>;
  } catch (error) {
    return { state: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  if (value === null || typeof value !== 'object' || !Number.isSafeInteger(value.seq) || (value.seq as number) < 0 || typeof value.hash !== 'string' || !/^[0-9a-f]{64}$/.test(value.hash) || typeof value.time !== 'string') {
    return { state: 'invalid', message: 'not a checkpoint' };
  }
  if (value.v === 1) return { state: 'legacy', seq: value.seq as number, hash: value.hash };
  const sealed = value.v === 2 && typeof value.keyId === 'string' && Number.isSafeInteger(value.startSeq) && Number.isSafeInteger(value.epoch) && (value.epoch as number) >= 0 && typeof value.mac === 'string' && /^[0-9a-f]{64}$/.test(value.mac);
  if (!sealed) return { state: 'invalid', message: 'not a checkpoint' };
  return { state: 'ok', head: { v: 2, seq: value.seq as number, hash: value.hash, time: value.time, keyId: value.keyId as string, startSeq: value.startSeq as number, epoch: value.epoch as number, mac: value.mac as string } };
}

/** A checkpoint for entry `seq`/`hash`, sealed with `key` (the epoch that begins after it). */
export function sealHead(point: { readonly seq: number; readonly hash: string; readonly time: string }, key: AuditKey): AuditHead {
  const content = { v: 2 as const, seq: point.seq, hash: point.hash, time: point.time, keyId: key.keyId, startSeq: key.startSeq, epoch: key.epoch };
  return { ...content, mac: headMac(key.key, canonicalJson(content)) };
}

/** The seal a checkpoint must carry under `key`. */
export function expectedHeadMac(head: AuditHead, key: Buffer): string {
  const content: Record<string, unknown> = { ...head };
  delete content.mac;
  return headMac(key, canonicalJson(content));
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
