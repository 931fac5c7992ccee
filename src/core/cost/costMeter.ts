import type { AuditSink } from '../audit/auditSink';
import type { PolicyPack, RemoteModel } from '../policy/policySchema';
import { formatUsd, replyCostUsd } from './replyCost';
import { spendKey, utcMonth, type MonthlySpend, type SpendStore } from './spendStore';
import type { TokenUsage } from './tokenUsage';

/** The core's port to a passing notification (the 80 % warning). */
export interface CostNotifier {
  warn(message: string): void;
}

/** The month's spending on one remote API, for the panel. */
export interface SpendStatus {
  readonly provider: string;
  readonly url: string;
  readonly month: string;
  readonly spentUsd: number;
  readonly capUsd: number;
  readonly estimated: boolean;
}

export type SpendCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface CostMeterDeps {
  readonly policy: () => PolicyPack;
  readonly store: SpendStore;
  readonly audit: AuditSink;
  readonly notify: CostNotifier;
  readonly now?: () => Date;
}

const WARN_AT = 0.8;
const NO_SPEND: MonthlySpend = { usd: 0, estimated: false, warned: false };

/**
 * Counts what each remote model API named in `model.remote` costs this month, against its
 * `maxMonthlyCostUsd`: warns once a month at 80 %, and refuses a request before it is sent once
 * the total has reached the cap (a reply already streaming is counted in full, so the total may
 * end a little above it). An API without prices cannot be counted, so it is refused.
 */
export class CostMeter {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: CostMeterDeps) {}

  /** The `model.remote` entry a base URL falls under (same origin, path within), if any. */
  entryFor(baseUrl: string): RemoteModel | undefined {
    if (!URL.canParse(baseUrl)) return undefined;
    const url = new URL(baseUrl);
    return this.deps.policy().model.remote.find((entry) => {
      const base = new URL(entry.url);
      const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
      return base.origin === url.origin && (url.pathname === base.pathname || `${url.pathname}/`.startsWith(prefix));
    });
  }

  status(entry: RemoteModel): SpendStatus {
    const month = utcMonth(this.now());
    const spend = this.spend(entry, month);
    return { provider: entry.provider, url: entry.url, month, spentUsd: spend.usd, capUsd: entry.maxMonthlyCostUsd, estimated: spend.estimated };
  }

  /** Asked before every request to the API: refused at 100 % of the cap, or when it cannot be counted. */
  check(entry: RemoteModel): SpendCheck {
    const status = this.status(entry);
    let message: string | undefined;
    if (entry.priceUsdPerMillionTokens === undefined) {
      message = `Not sent: the policy states no prices for ${entry.provider} (${entry.url}), so its monthly cost limit of ${formatUsd(entry.maxMonthlyCostUsd)} cannot be counted. Add model.remote[].priceUsdPerMillionTokens.`;
    } else if (status.spentUsd >= status.capUsd) {
      message = `Not sent: ${entry.provider} has cost ${describeSpend(status)}, its limit (model.remote maxMonthlyCostUsd). It is refused until next month (UTC) or until the policy raises the limit.`;
    }
    if (message === undefined) return { ok: true };
    this.deps.audit.record({ actor: 'system', action: 'model.cost.refuse', target: entry.url, decision: 'deny', reason: message, detail: spendDetail(status) });
    return { ok: false, message };
  }

  /** Adds one reply to the month's total, audits it, and warns the first time the total passes 80 %. */
  async record(entry: RemoteModel, usage: TokenUsage): Promise<SpendStatus> {
    const month = utcMonth(this.now());
    const before = this.spend(entry, month);
    const costUsd = entry.priceUsdPerMillionTokens === undefined ? 0 : replyCostUsd(usage, entry.priceUsdPerMillionTokens);
    const crossed = !before.warned && before.usd + costUsd >= WARN_AT * entry.maxMonthlyCostUsd;
    const after: MonthlySpend = { usd: before.usd + costUsd, estimated: before.estimated || usage.estimated, warned: before.warned || crossed };
    await this.deps.store.set(spendKey(entry.url, month), after);
    const status = this.status(entry);
    this.deps.audit.record({
      actor: 'agent',
      action: 'model.cost',
      target: entry.url,
      decision: 'allow',
      reason: usage.estimated ? 'reply counted (estimated: the server reported no usage)' : 'reply counted (usage reported by the server)',
      detail: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated, costUsd, ...spendDetail(status) },
    });
    if (crossed) {
      const message = `${entry.provider} has cost ${describeSpend(status)}: at 100 % Airlock stops sending to it.`;
      this.deps.audit.record({ actor: 'system', action: 'model.cost.warn', target: entry.url, decision: 'allow', reason: message, detail: spendDetail(status) });
      this.deps.notify.warn(message);
    }
    for (const listener of this.listeners) listener();
    return status;
  }

  /** Called after every counted reply; returns the unsubscribe. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private spend(entry: RemoteModel, month: string): MonthlySpend {
    return this.deps.store.get(spendKey(entry.url, month)) ?? NO_SPEND;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/** `$1.23 of $10.00 this month (estimated)`: what the panel, the warning and the refusal say. */
export function describeSpend(status: SpendStatus): string {
  return `${formatUsd(status.spentUsd)} of ${formatUsd(status.capUsd)} this month${status.estimated ? ' (estimated)' : ''}`;
}

function spendDetail(status: SpendStatus): Record<string, unknown> {
  return { month: status.month, monthUsd: status.spentUsd, capUsd: status.capUsd, estimated: status.estimated };
}
