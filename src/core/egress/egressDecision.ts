import type { AddressClass } from './addressClass';

/** A non-public address class, as the reason a request to it was refused. */
export type AddressReason = `${Exclude<AddressClass, 'public'>}-address`;

/**
 * Why an outbound request was allowed, refused or held for approval: stable codes for the audit
 * log, the CLI and the UI. The first group comes from decide() (policy and URL), the second from
 * the address checks, the third from SafeFetch's own steps (lookup, approval, redirects, limits).
 */
export type EgressReason =
  // decide()
  | 'invalid-url'
  | 'scheme-not-allowed'
  | 'credentials-in-url'
  | 'blocked-by-rule'
  | 'metadata-host'
  | 'local-host-name'
  | 'plain-http-not-allowed'
  | 'approval-required'
  | 'allowed-by-rule'
  | 'no-rule-matched'
  | 'model-endpoint'
  | 'model-remote'
  | 'model-endpoint-not-listed'
  // addresses (literal or resolved)
  | AddressReason
  | 'public-address'
  | 'address-named-by-rule'
  | 'address-not-loopback'
  // SafeFetch
  | 'method-not-allowed'
  | 'unresolvable-host'
  | 'approval-denied'
  | 'redirect-refused'
  | 'too-many-redirects'
  | 'rate-limited'
  | 'concurrency-limit'
  // the egress proxy: a request its HTTP parser refused (smuggling shapes, bad headers)
  | 'malformed-request';

export type EgressVerdict = 'allow' | 'deny' | 'ask';

/** A decision is a value: the verdict, a stable reason, the rule that decided, and a sentence. */
export interface EgressDecision {
  readonly verdict: EgressVerdict;
  readonly reason: EgressReason;
  /** The policy entry that decided, as written (`*.example.com`, `model.remote: Example AI`). */
  readonly rule?: string;
  readonly detail: string;
}

export function allow(reason: EgressReason, detail: string, rule?: string): EgressDecision {
  return rule === undefined ? { verdict: 'allow', reason, detail } : { verdict: 'allow', reason, rule, detail };
}

export function deny(reason: EgressReason, detail: string, rule?: string): EgressDecision {
  return rule === undefined ? { verdict: 'deny', reason, detail } : { verdict: 'deny', reason, rule, detail };
}

export function ask(reason: EgressReason, detail: string, rule: string): EgressDecision {
  return { verdict: 'ask', reason, rule, detail };
}
