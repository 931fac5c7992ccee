import type { RemoteModel } from '../policy/policySchema';
import { describeSpend, type CostMeter } from './costMeter';

/** The panel's line for a remote API: `Example AI: $1.23 of $10.00 this month (estimated)`. */
export function costLine(meter: CostMeter, entry: RemoteModel): string {
  if (entry.priceUsdPerMillionTokens === undefined) return `${entry.provider}: the policy states no token prices, so requests to it are refused`;
  return `${entry.provider}: ${describeSpend(meter.status(entry))}`;
}
