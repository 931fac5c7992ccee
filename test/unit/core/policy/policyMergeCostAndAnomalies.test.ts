import assert from 'node:assert/strict';
import { applyManaged, mergeOverlay } from '../../../../src/core/policy/policyMerge';
import { policyOverlaySchema, policyPackSchema, type PolicyOverlay, type PolicyPack } from '../../../../src/core/policy/policySchema';
import { builtinPack } from './policyFixtures';

const REMOTE = { provider: 'Example AI', url: 'https://api.example.com/v1', purpose: 'code review', maxMonthlyCostUsd: 20, priceUsdPerMillionTokens: { input: 3, output: 15 } };

interface Case {
  readonly name: string;
  readonly overlay?: Omit<PolicyOverlay, 'version'>;
  readonly managed?: Omit<PolicyOverlay, 'version'>;
  readonly check: (policy: PolicyPack) => void;
}

function effective(c: Case): PolicyPack {
  const pack = builtinPack('default');
  const merged = c.overlay === undefined ? pack : mergeOverlay(pack, { version: 1, ...c.overlay });
  return c.managed === undefined ? merged : applyManaged(merged, { version: 1, ...c.managed });
}

const cases: readonly Case[] = [
  {
    name: 'the pack\'s anomaly thresholds are the schema defaults',
    check: (p) => assert.deepEqual(p.anomalies, { deniedFileReadsPerTurn: 10, blockedRequestsPerTurn: 10, toolCallsPerTurn: 40, sentMbPerTurn: 2, readMbPerTurn: 4 }),
  },
  {
    name: 'overlay raises one anomaly threshold; the others stay',
    overlay: { anomalies: { deniedFileReadsPerTurn: 50 } },
    check: (p) => {
      assert.equal(p.anomalies.deniedFileReadsPerTurn, 50);
      assert.equal(p.anomalies.blockedRequestsPerTurn, 10);
    },
  },
  {
    name: 'overlay raises a threshold above the managed one: the managed one holds',
    overlay: { anomalies: { toolCallsPerTurn: 500 } },
    managed: { anomalies: { toolCallsPerTurn: 20 } },
    check: (p) => assert.equal(p.anomalies.toolCallsPerTurn, 20),
  },
  {
    name: 'managed threshold above the overlay\'s does not loosen it',
    overlay: { anomalies: { readMbPerTurn: 1 } },
    managed: { anomalies: { readMbPerTurn: 100 } },
    check: (p) => assert.equal(p.anomalies.readMbPerTurn, 1),
  },
  {
    name: 'overlay raises the monthly cap the managed policy set: the lower cap wins',
    overlay: { model: { remote: [{ ...REMOTE, maxMonthlyCostUsd: 500 }] } },
    managed: { model: { remote: [REMOTE] } },
    check: (p) => assert.equal(p.model.remote[0]?.maxMonthlyCostUsd, 20),
  },
  {
    name: 'overlay states lower prices than the managed policy, to count less: the higher prices hold',
    overlay: { model: { remote: [{ ...REMOTE, priceUsdPerMillionTokens: { input: 0, output: 0 } }] } },
    managed: { model: { remote: [{ ...REMOTE, priceUsdPerMillionTokens: { input: 5, output: 10 } }] } },
    check: (p) => assert.deepEqual(p.model.remote[0]?.priceUsdPerMillionTokens, { input: 5, output: 10 }),
  },
  {
    name: 'managed entry without prices keeps the overlay\'s',
    overlay: { model: { remote: [REMOTE] } },
    managed: { model: { remote: [{ provider: REMOTE.provider, url: REMOTE.url, purpose: REMOTE.purpose, maxMonthlyCostUsd: 10 }] } },
    check: (p) => {
      assert.deepEqual(p.model.remote[0]?.priceUsdPerMillionTokens, { input: 3, output: 15 });
      assert.equal(p.model.remote[0]?.maxMonthlyCostUsd, 10);
    },
  },
];

describe('policy merge: cost caps, token prices and anomaly thresholds', () => {
  for (const c of cases) it(c.name, () => c.check(effective(c)));

  const invalid: readonly [string, unknown][] = [
    ['a negative input price', { ...REMOTE, priceUsdPerMillionTokens: { input: -1, output: 1 } }],
    ['a price without the output side', { ...REMOTE, priceUsdPerMillionTokens: { input: 1 } }],
    ['a misspelt price key', { ...REMOTE, priceUsdPerMillionTokens: { input: 1, output: 1, cached: 1 } }],
  ];
  for (const [name, remote] of invalid) {
    it(`refuses ${name}`, () => assert.equal(policyPackSchema.safeParse({ version: 1, name: 'p', model: { remote: [remote] } }).success, false));
  }

  it('refuses an anomaly threshold of 0 in an overlay (it would pause every turn)', () => {
    assert.equal(policyOverlaySchema.safeParse({ version: 1, anomalies: { toolCallsPerTurn: 0 } }).success, false);
  });
});
