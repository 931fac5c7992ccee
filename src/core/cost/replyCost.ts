import type { TokenPrice } from '../policy/policySchema';
import type { TokenUsage } from './tokenUsage';

/** What a reply cost in US dollars, at the policy's price per million tokens. */
export function replyCostUsd(usage: TokenUsage, price: TokenPrice): number {
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

/** `$1.23`; amounts under a cent keep enough digits to show they are not zero. */
export function formatUsd(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(2)}`;
}
