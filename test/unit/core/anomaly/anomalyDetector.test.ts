import assert from 'node:assert/strict';
import type { AnomalyKind, TurnActivity } from '../../../../src/core/anomaly/anomaly';
import { AnomalyDetector } from '../../../../src/core/anomaly/anomalyDetector';
import { anomaliesSchema, type AnomalyThresholds } from '../../../../src/core/policy/policySchema';

const MB = 1024 * 1024;
const DEFAULTS: AnomalyThresholds = anomaliesSchema.parse({});

function times(n: number, activity: TurnActivity): TurnActivity[] {
  return Array.from({ length: n }, () => activity);
}

interface Row {
  readonly name: string;
  readonly events: readonly TurnActivity[];
  readonly thresholds?: Partial<AnomalyThresholds>;
  /** The first anomaly: its kind and the event (1-based) that reached it; undefined: none. */
  readonly trips?: { readonly kind: AnomalyKind; readonly at: number; readonly message: RegExp };
}

const rows: readonly Row[] = [
  { name: '10 denied reads in a turn', events: times(10, { type: 'deniedRead' }), trips: { kind: 'denied-reads', at: 10, message: /^10 file reads were refused in this turn\. The policy pauses a turn at 10 \(anomalies\.deniedFileReadsPerTurn\)\.$/ } },
  { name: '9 denied reads stay under the default threshold', events: times(9, { type: 'deniedRead' }) },
  { name: '30 blocked fetches: paused at the 10th', events: times(30, { type: 'blockedRequest' }), trips: { kind: 'blocked-requests', at: 10, message: /web requests were blocked/ } },
  { name: '30 blocked fetches under a policy that allows 50', events: times(30, { type: 'blockedRequest' }), thresholds: { blockedRequestsPerTurn: 50 } },
  { name: 'a request flood: 40 tool calls', events: times(40, { type: 'toolCall' }), trips: { kind: 'tool-calls', at: 40, message: /made 40 tool calls/ } },
  { name: 'a 5 MB read volume in one file', events: [{ type: 'read', bytes: 5 * MB }], trips: { kind: 'read-volume', at: 1, message: /read 5\.0 MB from the workspace .* at 4\.0 MB \(anomalies\.readMbPerTurn\)/ } },
  { name: 'a 5 MB read volume in 50 reads of 100 KiB', events: times(50, { type: 'read', bytes: 100 * 1024 }), trips: { kind: 'read-volume', at: 41, message: /read 4\.0 MB/ } },
  { name: '3 MB read: under the default 4 MB', events: times(3, { type: 'read', bytes: MB }) },
  { name: '2 MB of new data sent to the model', events: [{ type: 'sent', bytes: MB }, { type: 'sent', bytes: MB }], trips: { kind: 'sent-volume', at: 2, message: /2\.0 MB of new data was sent to the model/ } },
  { name: 'a mix of denied reads and blocked requests: each counted apart', events: [...times(9, { type: 'deniedRead' }), ...times(9, { type: 'blockedRequest' })] },
  { name: 'a stricter managed threshold: 3 denied reads', events: times(3, { type: 'deniedRead' }), thresholds: { deniedFileReadsPerTurn: 3 }, trips: { kind: 'denied-reads', at: 3, message: /pauses a turn at 3/ } },
];

describe('core/anomaly/anomalyDetector', () => {
  for (const row of rows) {
    it(row.name, () => {
      const detector = new AnomalyDetector({ ...DEFAULTS, ...row.thresholds });
      const found = row.events.map((event, index) => ({ at: index + 1, anomaly: detector.observe(event) })).find((step) => step.anomaly !== undefined);
      if (row.trips === undefined) return assert.equal(found, undefined);
      assert.equal(found?.anomaly?.kind, row.trips.kind);
      assert.equal(found?.at, row.trips.at);
      assert.match(found?.anomaly?.message ?? '', row.trips.message);
    });
  }

  it('Continue raises that threshold for the rest of the turn: asked again only after as many more', () => {
    const detector = new AnomalyDetector(DEFAULTS);
    const trips: number[] = [];
    for (let n = 1; n <= 30; n++) {
      const anomaly = detector.observe({ type: 'deniedRead' });
      if (anomaly) {
        trips.push(n);
        detector.raise(anomaly);
      }
    }
    assert.deepEqual(trips, [10, 20, 30]);
  });

  it('Continue on one kind leaves the others where they were', () => {
    const detector = new AnomalyDetector(DEFAULTS);
    for (let n = 1; n <= 10; n++) {
      const anomaly = detector.observe({ type: 'deniedRead' });
      if (anomaly) detector.raise(anomaly);
    }
    const blocked = times(10, { type: 'blockedRequest' }).map((event) => detector.observe(event));
    assert.equal(blocked.at(-1)?.kind, 'blocked-requests');
  });
});
