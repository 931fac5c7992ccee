import type { PolicyError } from './policyError';

/** Stable codes for a firewall edit that was refused; the overlay is left as it was. */
export type FirewallEditErrorCode =
  | 'FIREWALL_UNKNOWN_PACK'
  | 'FIREWALL_INVALID_TOOL'
  | 'FIREWALL_UNKNOWN_TOOL'
  | 'FIREWALL_INVALID_FIELD'
  | 'FIREWALL_INVALID_PATTERN'
  | 'FIREWALL_RULE_NOT_FOUND'
  | 'FIREWALL_OVERLAY_NOT_APPROVED'
  | 'FIREWALL_OVERLAY_INVALID'
  | 'FIREWALL_OVERLAY_OUTSIDE_WORKSPACE'
  | 'FIREWALL_RULE_REFUSED';

/** A firewall edit that did not happen, and why; `problems` holds the file's errors when it is invalid. */
export class FirewallEditError extends Error {
  override readonly name = 'FirewallEditError';
  constructor(
    readonly code: FirewallEditErrorCode,
    message: string,
    readonly problems: readonly PolicyError[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}\n${problems.map((problem) => `  ${problem.message}`).join('\n')}`);
  }
}
