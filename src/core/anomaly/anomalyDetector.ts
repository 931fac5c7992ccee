import type { AnomalyThresholds } from '../policy/policySchema';
import type { Anomaly, AnomalyKind, TurnActivity } from './anomaly';

const MB = 1024 * 1024;

interface Counter {
  readonly setting: keyof AnomalyThresholds;
  readonly unit: number;
  describe(count: number): string;
}

const COUNTERS: Readonly<Record<AnomalyKind, Counter>> = {
  'denied-reads': { setting: 'deniedFileReadsPerTurn', unit: 1, describe: (n) => `${n} file reads were refused in this turn.` },
  'blocked-requests': { setting: 'blockedRequestsPerTurn', unit: 1, describe: (n) => `${n} web requests were blocked or failed in this turn.` },
  'tool-calls': { setting: 'toolCallsPerTurn', unit: 1, describe: (n) => `The agent made ${n} tool calls in this turn.` },
  'sent-volume': { setting: 'sentMbPerTurn', unit: MB, describe: (n) => `${mb(n)} of new data was sent to the model in this turn.` },
  'read-volume': { setting: 'readMbPerTurn', unit: MB, describe: (n) => `The agent read ${mb(n)} from the workspace in this turn.` },
};

const KIND_OF: Readonly<Record<TurnActivity['type'], AnomalyKind>> = {
  toolCall: 'tool-calls',
  deniedRead: 'denied-reads',
  blockedRequest: 'blocked-requests',
  sent: 'sent-volume',
  read: 'read-volume',
};

/**
 * Counts one turn's activity against the policy's `anomalies` thresholds. Pure: fed events, it
 * says which threshold an event reached. A threshold the user chose to continue past is raised by
 * its own size for the rest of the turn, so the same burst is asked about again only if it goes on.
 */
export class AnomalyDetector {
  private readonly counts = new Map<AnomalyKind, number>();
  private readonly limits = new Map<AnomalyKind, number>();

  constructor(private readonly thresholds: AnomalyThresholds) {}

  observe(activity: TurnActivity): Anomaly | undefined {
    const kind = KIND_OF[activity.type];
    const count = (this.counts.get(kind) ?? 0) + ('bytes' in activity ? activity.bytes : 1);
    this.counts.set(kind, count);
    const limit = this.limit(kind);
    if (count < limit) return undefined;
    const counter = COUNTERS[kind];
    return { kind, setting: `anomalies.${counter.setting}`, count, threshold: limit, message: `${counter.describe(count)} The policy pauses a turn at ${counter.unit === MB ? mb(limit) : limit} (anomalies.${counter.setting}).` };
  }

  /** The user chose Continue: this kind may go one more threshold's worth past where it is. */
  raise(anomaly: Anomaly): void {
    this.limits.set(anomaly.kind, anomaly.count + this.base(anomaly.kind));
  }

  private limit(kind: AnomalyKind): number {
    return this.limits.get(kind) ?? this.base(kind);
  }

  private base(kind: AnomalyKind): number {
    const counter = COUNTERS[kind];
    return this.thresholds[counter.setting] * counter.unit;
  }
}

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
