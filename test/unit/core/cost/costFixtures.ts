import type { AuditEvent, AuditSink } from '../../../../src/core/audit/auditSink';
import { CostMeter } from '../../../../src/core/cost/costMeter';
import type { MonthlySpend, SpendStore } from '../../../../src/core/cost/spendStore';
import { policyPackSchema, type RemoteModel } from '../../../../src/core/policy/policySchema';

export const API: RemoteModel = { provider: 'Example AI', url: 'https://api.example.com/v1', purpose: 'code review', maxMonthlyCostUsd: 10, priceUsdPerMillionTokens: { input: 3, output: 15 } };

/** The extension keeps totals in globalState; a Map stands in for it. */
export class MemorySpendStore implements SpendStore {
  readonly values = new Map<string, MonthlySpend>();
  get(key: string): MonthlySpend | undefined {
    return this.values.get(key);
  }
  set(key: string, spend: MonthlySpend): Promise<void> {
    this.values.set(key, spend);
    return Promise.resolve();
  }
}

export interface MeterHarness {
  readonly meter: CostMeter;
  readonly store: MemorySpendStore;
  readonly audit: AuditEvent[];
  readonly warnings: string[];
  clock: Date;
}

export function meterFor(remote: readonly RemoteModel[] = [API], clock = new Date('2026-12-06T12:00:00Z')): MeterHarness {
  const policy = policyPackSchema.parse({ version: 1, name: 'cost-test', model: { remote } });
  const audit: AuditEvent[] = [];
  const sink: AuditSink = { record: (event) => audit.push(event) };
  const harness = { store: new MemorySpendStore(), audit, warnings: [] as string[], clock } as MeterHarness & { meter: CostMeter };
  (harness as { meter: CostMeter }).meter = new CostMeter({ policy: () => policy, store: harness.store, audit: sink, notify: { warn: (message) => harness.warnings.push(message) }, now: () => harness.clock });
  return harness;
}
