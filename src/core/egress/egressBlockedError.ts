import type { EgressReason } from './egressDecision';

/** Thrown whenever SafeFetch refuses a request; carries the decision so callers can explain it. */
export class EgressBlockedError extends Error {
  readonly code = 'EGRESS_DENIED';

  constructor(
    readonly reason: EgressReason,
    readonly detail: string,
    readonly tool: string,
    readonly host: string,
  ) {
    super(`Airlock blocked a ${tool} request to ${host}: ${detail}`);
    this.name = 'EgressBlockedError';
  }
}

export function isEgressBlockedError(value: unknown): value is EgressBlockedError {
  return value instanceof EgressBlockedError || (value instanceof Error && (value as { code?: unknown }).code === 'EGRESS_DENIED');
}
