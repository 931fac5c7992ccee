import type { EgressDecision, EgressReason } from './egressDecision';

/** What a block says: the decision, and the request it refused (URL already redacted). */
export interface EgressBlock {
  readonly reason: EgressReason;
  readonly detail: string;
  readonly rule?: string | undefined;
  readonly tool: string;
  readonly host: string;
  /** Redacted: no userinfo, query or fragment (see redactUrl). */
  readonly url?: string | undefined;
}

/** Thrown whenever SafeFetch refuses a request; carries the decision so callers can explain it. */
export class EgressBlockedError extends Error {
  readonly code = 'EGRESS_DENIED';
  readonly reason: EgressReason;
  readonly detail: string;
  readonly rule: string | undefined;
  readonly tool: string;
  readonly host: string;
  readonly url: string | undefined;

  constructor(block: EgressBlock) {
    super(`Airlock blocked a ${block.tool} request to ${block.url ?? block.host}: ${block.detail}`);
    this.name = 'EgressBlockedError';
    this.reason = block.reason;
    this.detail = block.detail;
    this.rule = block.rule;
    this.tool = block.tool;
    this.host = block.host;
    this.url = block.url;
  }

  static fromDecision(decision: EgressDecision, request: { readonly tool: string; readonly host: string; readonly url?: string | undefined }): EgressBlockedError {
    return new EgressBlockedError({ reason: decision.reason, detail: decision.detail, rule: decision.rule, ...request });
  }
}

export function isEgressBlockedError(value: unknown): value is EgressBlockedError {
  return value instanceof EgressBlockedError || (value instanceof Error && (value as { code?: unknown }).code === 'EGRESS_DENIED');
}
