/** Which bound a request ran into. */
export type EgressLimit =
  | 'max-response-bytes'
  | 'max-decompressed-bytes'
  | 'connect-timeout'
  | 'headers-timeout'
  | 'body-timeout'
  | 'deadline';

/**
 * A request that was allowed but stopped by one of SafeFetch's bounds: too big, too slow, too
 * long. Raised by the fetch promise (before the headers) or by the body stream (while reading).
 */
export class EgressLimitError extends Error {
  readonly code = 'EGRESS_LIMIT';

  constructor(
    readonly limit: EgressLimit,
    readonly detail: string,
    readonly tool: string,
    /** Redacted: no userinfo, query or fragment. */
    readonly url: string,
  ) {
    super(`Airlock stopped a ${tool} request to ${url}: ${detail}`);
    this.name = 'EgressLimitError';
  }
}

export function isEgressLimitError(value: unknown): value is EgressLimitError {
  return value instanceof EgressLimitError || (value instanceof Error && (value as { code?: unknown }).code === 'EGRESS_LIMIT');
}
