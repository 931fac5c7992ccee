import assert from 'node:assert/strict';
import { describeSpend } from '../../../../src/core/cost/costMeter';
import { utcMonth } from '../../../../src/core/cost/spendStore';
import { API, meterFor, type MeterHarness } from './costFixtures';

const REPORTED = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, estimated: false });

interface MeterCase {
  readonly name: string;
  readonly run: (h: MeterHarness) => Promise<void>;
}

const cases: readonly MeterCase[] = [
  {
    name: 'a reply with reported usage is priced per million input and output tokens',
    run: async ({ meter }) => {
      const status = await meter.record(API, REPORTED(100_000, 20_000));
      assert.equal(status.spentUsd, 0.3 + 0.3);
      assert.equal(status.estimated, false);
      assert.equal(describeSpend(status), '$0.60 of $10.00 this month');
    },
  },
  {
    name: 'a reply without usage is counted as estimated, and the month stays "estimated"',
    run: async ({ meter }) => {
      await meter.record(API, { inputTokens: 1000, outputTokens: 1000, estimated: true });
      const status = await meter.record(API, REPORTED(1000, 0));
      assert.equal(status.estimated, true);
      assert.match(describeSpend(status), /\(estimated\)$/);
    },
  },
  {
    name: 'the 80 % warning is shown once a month, and audited',
    run: async (h) => {
      await h.meter.record(API, REPORTED(0, 500_000)); // $7.50
      assert.deepEqual(h.warnings, []);
      await h.meter.record(API, REPORTED(0, 40_000)); // $8.10
      await h.meter.record(API, REPORTED(0, 10_000)); // $8.25
      assert.equal(h.warnings.length, 1);
      assert.match(h.warnings[0] ?? '', /Example AI has cost \$8\.10 of \$10\.00 this month/);
      assert.equal(h.audit.filter((e) => e.action === 'model.cost.warn').length, 1);
    },
  },
  {
    name: 'spending up to the cap: the next request is refused before sending, and audited',
    run: async (h) => {
      assert.deepEqual(h.meter.check(API), { ok: true });
      await h.meter.record(API, REPORTED(0, 700_000)); // $10.50: a reply in flight counts in full
      const check = h.meter.check(API);
      assert.equal(check.ok, false);
      assert.match(check.ok ? '' : check.message, /^Not sent: Example AI has cost \$10\.50 of \$10\.00 this month/);
      const refusal = h.audit.find((e) => e.action === 'model.cost.refuse');
      assert.equal(refusal?.decision, 'deny');
      assert.equal(refusal?.target, API.url);
    },
  },
  {
    name: 'a cap of $0 refuses the first request',
    run: (h) => {
      const zero = { ...API, maxMonthlyCostUsd: 0 };
      assert.equal(h.meter.check(zero).ok, false);
      return Promise.resolve();
    },
  },
  {
    name: 'an API whose prices the policy does not state is refused: its spending cannot be counted',
    run: (h) => {
      const unpriced = { ...API, priceUsdPerMillionTokens: undefined };
      const check = h.meter.check(unpriced);
      assert.equal(check.ok, false);
      assert.match(check.ok ? '' : check.message, /states no prices .*priceUsdPerMillionTokens/);
      return Promise.resolve();
    },
  },
  {
    name: 'a new month (UTC) starts at zero, and warns again',
    run: async (h) => {
      await h.meter.record(API, REPORTED(0, 700_000));
      h.clock = new Date('2027-01-01T00:00:01Z');
      assert.equal(h.meter.status(API).spentUsd, 0);
      assert.deepEqual(h.meter.check(API), { ok: true });
      await h.meter.record(API, REPORTED(0, 600_000));
      assert.equal(h.warnings.length, 2);
    },
  },
  {
    name: 'two APIs keep separate totals',
    run: async (h) => {
      const other = { ...API, provider: 'Other AI', url: 'https://api.other.example/v1' };
      await h.meter.record(API, REPORTED(0, 700_000));
      assert.equal(h.meter.status(other).spentUsd, 0);
      assert.equal(h.meter.check(other).ok, true);
    },
  },
  {
    name: 'every counted reply is audited with its tokens and the month\'s total',
    run: async (h) => {
      await h.meter.record(API, REPORTED(10, 20));
      const entry = h.audit.find((e) => e.action === 'model.cost');
      assert.equal(entry?.reason, 'reply counted (usage reported by the server)');
      assert.deepEqual({ ...entry?.detail, costUsd: undefined, monthUsd: undefined }, { inputTokens: 10, outputTokens: 20, estimated: false, costUsd: undefined, month: '2026-12', monthUsd: undefined, capUsd: 10 });
    },
  },
];

describe('core/cost/costMeter', () => {
  for (const c of cases) it(c.name, () => c.run(meterFor()));

  const entryRows: readonly [string, string, string | undefined][] = [
    ['the API\'s own base URL', 'https://api.example.com/v1', API.url],
    ['a path under it', 'https://api.example.com/v1/chat', API.url],
    ['a sibling path that only starts alike (/v10)', 'https://api.example.com/v10', undefined],
    ['another port of the same host', 'https://api.example.com:8443/v1', undefined],
    ['plain http to the same host', 'http://api.example.com/v1', undefined],
    ['the loopback model (no cost)', 'http://127.0.0.1:11434/v1', undefined],
    ['not a URL', 'api.example.com', undefined],
  ];
  for (const [name, baseUrl, expected] of entryRows) {
    it(`entryFor: ${name}`, () => assert.equal(meterFor().meter.entryFor(baseUrl)?.url, expected));
  }

  const months: readonly [string, string, string][] = [
    ['31 Dec 23:30 in New York is January in UTC', '2027-01-01T04:30:00Z', '2027-01'],
    ['1 Jan 00:30 in Berlin is still December in UTC', '2026-12-31T23:30:00Z', '2026-12'],
  ];
  for (const [name, instant, month] of months) it(`utcMonth: ${name}`, () => assert.equal(utcMonth(new Date(instant)), month));
});
