/** Why an outbound request was allowed or refused; stable codes for the audit log and the UI. */
export type EgressReason =
  | 'loopback-endpoint'
  | 'scheme-not-allowed'
  | 'credentials-in-url'
  | 'host-not-loopback'
  | 'address-not-loopback'
  | 'unresolvable-host'
  | 'redirect-refused'
  | 'invalid-url';

/** A decision is a value: the verdict, a stable reason code and a sentence a person can read. */
export interface EgressDecision {
  readonly verdict: 'allow' | 'deny';
  readonly reason: EgressReason;
  readonly detail: string;
}

/** What SafeFetch asks before it connects: once for the URL, once for every resolved address. */
export interface EgressPolicy {
  decideUrl(url: URL): EgressDecision;
  decideAddress(address: string, host: string): EgressDecision;
}

export function allow(reason: EgressReason, detail: string): EgressDecision {
  return { verdict: 'allow', reason, detail };
}

export function deny(reason: EgressReason, detail: string): EgressDecision {
  return { verdict: 'deny', reason, detail };
}
