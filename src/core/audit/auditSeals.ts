import type { AuditEntry } from './auditEntry';
import { expectedHeadMac, type AuditHead } from './auditHead';
import { deriveNextKey, entryMac, sameMac, type AuditKey } from './auditKey';

/** What a seal check found: `forged` is tampering; `unprovable` means completeness cannot be shown. */
export interface SealFinding {
  readonly kind: 'forged' | 'unprovable';
  readonly message: string;
}

/** Entries the writer adds when it finds something it cannot explain (auditLog.ts). */
const ANOMALIES: ReadonlyMap<string, string> = new Map([
  ['audit.rekeyed', 'the writer found the audit key missing and started a new one'],
  ['audit.checkpoint-lost', 'the writer found the checkpoint missing or not sealed by the current key'],
]);

/**
 * Checks the seals of a log as `verifyAuditLog` walks its chain. Keys are known from the epoch
 * of `base` on: the extension's copy of an early key (its anchor) or the key file's current key;
 * each later epoch's key is derived from the previous one and the hash of the entry that closed
 * it, exactly as the writer evolved it. Entries of earlier epochs are proven by the chain that
 * leads from them to a sealed checkpoint, not by their own seals.
 */
export class SealCheck {
  private readonly keys = new Map<number, Buffer>();
  private readonly startSeq: number;
  private prev: { readonly seq: number; readonly epoch: number; readonly hash: string } | undefined;
  /** Epochs of the entries around the checkpoint, read as they pass. */
  private readonly epochAt = new Map<number, number>();

  constructor(private readonly base: AuditKey, private readonly current: AuditKey | undefined, private readonly headSeq: number | undefined) {
    this.startSeq = base.startSeq;
    this.keys.set(base.epoch, base.key);
  }

  /** Checks one entry that already links to the previous one; a finding stops the walk. */
  entry(entry: AuditEntry): SealFinding | undefined {
    if (this.headSeq !== undefined && (entry.seq === this.headSeq || entry.seq === this.headSeq + 1)) this.epochAt.set(entry.seq, entry.epoch ?? -1);
    if (entry.seq < this.startSeq) {
      if (entry.mac !== undefined) return { kind: 'unprovable', message: `seq ${entry.seq} was sealed under an earlier audit key (before seq ${this.startSeq}) that is no longer available: the log before seq ${this.startSeq} cannot be proven` };
      this.prev = { seq: entry.seq, epoch: -1, hash: entry.hash };
      return undefined;
    }
    if (entry.mac === undefined || entry.epoch === undefined) return { kind: 'forged', message: `seq ${entry.seq} carries no seal, but every entry from seq ${this.startSeq} on is sealed: it was written without the audit key` };
    const expectedEpoch = this.prev === undefined || this.prev.epoch < 0 ? [0] : [this.prev.epoch, this.prev.epoch + 1];
    const anomaly = ANOMALIES.get(entry.action);
    if (!expectedEpoch.includes(entry.epoch) && anomaly === undefined) {
      return { kind: 'forged', message: `seq ${entry.seq} is sealed in epoch ${entry.epoch}, but the entry before it is in epoch ${this.prev?.epoch ?? 'none'}: epochs advance one checkpoint at a time` };
    }
    const key = this.keyFor(entry.epoch, this.prev);
    if (key !== undefined && !sameMac(entry.mac, entryMac(key, entry.hash))) {
      return { kind: 'forged', message: `seq ${entry.seq}'s seal does not verify under the key of epoch ${entry.epoch}: it was written or rewritten without the audit key${this.derivedNote(entry.epoch)}` };
    }
    if (anomaly !== undefined) return { kind: 'unprovable', message: `at seq ${entry.seq} ${anomaly} (${entry.reason ?? 'no reason'}): entries removed before it cannot be ruled out` };
    this.prev = { seq: entry.seq, epoch: entry.epoch, hash: entry.hash };
    return undefined;
  }

  /**
   * After the walk: the checkpoint must exist, name an entry that closed the epoch before its
   * own, be sealed with that epoch's key, and not be older than the key file; and the key file
   * must be the key the log derives to.
   */
  finish(head: AuditHead | undefined, headProblem: string | undefined): SealFinding | undefined {
    if (head === undefined) return { kind: 'unprovable', message: `cannot prove completeness: ${headProblem ?? 'no checkpoint'}; entries cut off the end, or a rewritten log, cannot be ruled out` };
    if (head.keyId !== this.base.keyId || head.startSeq !== this.startSeq) return { kind: 'forged', message: `the checkpoint names audit key ${head.keyId} (sealed from seq ${head.startSeq}), not this log's key ${this.base.keyId} (from seq ${this.startSeq})` };
    const closing = head.seq < this.startSeq ? -1 : this.epochAt.get(head.seq);
    if (closing !== head.epoch - 1) return { kind: 'forged', message: `the checkpoint begins epoch ${head.epoch} after seq ${head.seq}, but seq ${head.seq} is ${closing === undefined ? 'not in the log' : `in epoch ${closing}`}` };
    const after = this.epochAt.get(head.seq + 1);
    if (after !== undefined && after < head.epoch) return { kind: 'forged', message: `seq ${head.seq + 1} is sealed in epoch ${after}, after the checkpoint that began epoch ${head.epoch}: it was appended without the current key` };
    if (this.current !== undefined && this.current.epoch > head.epoch) return { kind: 'unprovable', message: `cannot prove completeness: the audit key is at epoch ${this.current.epoch} but the checkpoint only at epoch ${head.epoch}: a newer checkpoint was replaced by an older one (entries after seq ${head.seq} may have been cut off)` };
    const key = this.keys.get(head.epoch) ?? (this.keys.has(head.epoch - 1) ? deriveNextKey(this.keys.get(head.epoch - 1) as Buffer, head.epoch - 1, head.hash) : undefined);
    if (key === undefined) return { kind: 'unprovable', message: `cannot prove completeness: the checkpoint is sealed in epoch ${head.epoch}, older than the audit key (epoch ${this.base.epoch})` };
    if (!sameMac(head.mac, expectedHeadMac(head, key))) return { kind: 'forged', message: `the checkpoint (seq ${head.seq}, epoch ${head.epoch}) is not sealed by the audit key: it was written without it${this.derivedNote(head.epoch)}` };
    this.keys.set(head.epoch, key);
    const derived = this.current === undefined ? undefined : this.keys.get(this.current.epoch);
    if (this.current !== undefined && derived !== undefined && !derived.equals(this.current.key)) {
      return { kind: 'forged', message: `the key file's key (epoch ${this.current.epoch}) is not the one this log derives to from the key kept at epoch ${this.base.epoch}: entries at the end of an epoch were cut off or rewritten, or the key file was replaced` };
    }
    return undefined;
  }

  /** The epoch from which seals were checked. */
  get checkedFrom(): number {
    return this.base.epoch;
  }

  private keyFor(epoch: number, prev: { readonly epoch: number; readonly hash: string } | undefined): Buffer | undefined {
    const known = this.keys.get(epoch);
    if (known !== undefined) return known;
    if (prev === undefined || prev.epoch !== epoch - 1) return undefined;
    const previous = this.keys.get(prev.epoch);
    if (previous === undefined) return undefined;
    const next = deriveNextKey(previous, prev.epoch, prev.hash);
    this.keys.set(epoch, next);
    return next;
  }

  private derivedNote(epoch: number): string {
    return epoch > this.base.epoch ? ` (or entries of epoch ${epoch - 1} were cut off, which changes the key derived for epoch ${epoch})` : '';
  }
}
