import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The sealing key of one audit log at one epoch (docs/audit.md, "Sealing"). Every entry carries
 * an HMAC-SHA256 of its hash under the key of its epoch; at each checkpoint the key evolves
 * one way and the old one is overwritten, as systemd's journal sealing does, so a key taken
 * today cannot seal anything into an epoch that is already closed.
 */
export interface AuditKey {
  /** Random, names this key's lineage; a lost key is replaced by one with another id. */
  readonly keyId: string;
  /** The first entry sealed under this lineage; entries before it were written before it existed. */
  readonly startSeq: number;
  readonly epoch: number;
  /** 32 bytes. */
  readonly key: Buffer;
}

const KEY_BYTES = 32;

/** A fresh lineage at epoch 0 whose first sealed entry will be `startSeq`. */
export function newAuditKey(startSeq: number): AuditKey {
  return { keyId: randomBytes(8).toString('hex'), startSeq, epoch: 0, key: randomBytes(KEY_BYTES) };
}

/**
 * The key of the next epoch: HMAC(k_n, "airlock-audit-evolve" ‖ n ‖ hash of the entry that
 * closed epoch n). One way (HMAC), and bound to where the epoch ended, so cutting entries off
 * the end of a closed epoch changes every later key: whoever holds only a later key cannot
 * make a shorter history that derives to it.
 */
export function evolveAuditKey(key: AuditKey, closingHash: string): AuditKey {
  return { ...key, epoch: key.epoch + 1, key: deriveNextKey(key.key, key.epoch, closingHash) };
}

export function deriveNextKey(key: Buffer, epoch: number, closingHash: string): Buffer {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(epoch));
  return createHmac('sha256', key).update('airlock-audit-evolve\0').update(counter).update(closingHash, 'utf8').digest();
}

/** An entry's seal: HMAC over its hash (which covers every other field, the epoch included). */
export function entryMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update('airlock-audit-entry\0').update(hash, 'utf8').digest('hex');
}

/** A checkpoint's seal, over its canonical JSON without the seal. */
export function headMac(key: Buffer, canonical: string): string {
  return createHmac('sha256', key).update('airlock-audit-head\0').update(canonical, 'utf8').digest('hex');
}

/** Compares two hex MACs in constant time. */
export function sameMac(actual: string, expected: string): boolean {
  const a = Buffer.from(actual, 'hex');
  const b = Buffer.from(expected, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** The stored form (key file, and the extension's copy in SecretStorage). */
export function serialiseAuditKey(key: AuditKey): string {
  return `${JSON.stringify({ v: 1, keyId: key.keyId, startSeq: key.startSeq, epoch: key.epoch, key: key.key.toString('base64') })}\n`;
}

/** Reads the stored form; undefined when it is not one. */
export function parseAuditKey(text: string): AuditKey | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || typeof record.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(record.keyId) || typeof record.key !== 'string') return undefined;
  if (!Number.isSafeInteger(record.startSeq) || (record.startSeq as number) < 1 || !Number.isSafeInteger(record.epoch) || (record.epoch as number) < 0) return undefined;
  const key = Buffer.from(record.key, 'base64');
  return key.length === KEY_BYTES ? { keyId: record.keyId, startSeq: record.startSeq as number, epoch: record.epoch as number, key } : undefined;
}
