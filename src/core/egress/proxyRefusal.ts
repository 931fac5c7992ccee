import { EgressBlockedError } from './egressBlockedError';
import type { EgressReason } from './egressDecision';
import type { EgressLimitError } from './egressLimitError';
import { defaultPort, formatTarget, type EgressTarget } from './egressTarget';

/** The HTTP answer the egress proxy gives instead of a connection. */
export interface ProxyRefusal {
  readonly status: number;
  /** Also the reason phrase: package managers print `<status> <phrase>` even when they drop the body. */
  readonly phrase: string;
  readonly body: string;
  readonly retryAfterSeconds?: number;
}

const STATUS: Partial<Record<EgressReason, number>> = {
  'invalid-url': 400,
  'malformed-request': 400,
  'method-not-allowed': 405,
  'rate-limited': 429,
  'concurrency-limit': 429,
  'unresolvable-host': 502,
};

// Refusals one allow rule turns into a connection. Not approval-denied (requireApproval wins
// over allow), nor a non-public address (the policy loader refuses a rule naming one for agent
// tools, so suggesting it would send the user into an error), nor metadata or reserved addresses.
const ALLOWABLE = new Set<EgressReason>(['no-rule-matched', 'plain-http-not-allowed']);

/**
 * What the proxy answers for a refused request or tunnel: a status (403 for the policy, 400 for a
 * malformed request, 405 for TRACE, 429 for the rate and concurrency limits, 502 for a name that
 * does not resolve or an answer too large, 504 for a bound on time), and a plain-text body saying
 * what was refused, why, and which rule would allow it. `request` is what the client asked for, as the
 * message should quote it (`CONNECT registry.example:443`, `GET http://host:8080/[redacted]`).
 */
export function proxyRefusal(error: EgressBlockedError | EgressLimitError, request: string, target: EgressTarget | undefined): ProxyRefusal {
  if (!(error instanceof EgressBlockedError)) {
    // Too slow is a gateway timeout; too big is a bad gateway.
    const status = error.limit === 'max-response-bytes' || error.limit === 'max-decompressed-bytes' ? 502 : 504;
    return { status, phrase: phrase(`Airlock stopped ${request}: ${error.detail}`), body: `Airlock stopped this ${error.tool} request: ${request}\nLimit: ${error.limit} — ${error.detail}\n` };
  }
  const status = STATUS[error.reason] ?? 403;
  const lines = [`Airlock refused this ${error.tool} request: ${request}`, `Reason: ${error.reason} — ${error.detail}`];
  const pattern = allowPattern(error, target);
  if (error.reason === 'blocked-by-rule') lines.push(`The block rule "${error.rule ?? ''}" wins over every allow rule; only removing it from the policy opens this host (a managed policy's rule cannot be removed).`);
  if (pattern !== undefined) lines.push(`To allow it, add to the policy (.airlock/policy/<pack>.yaml):\n  egress:\n    tools:\n      ${error.tool}:\n        allow: ["${pattern}"]`);
  const hint = pattern === undefined ? '' : ` To allow it: egress.tools.${error.tool}.allow "${pattern}".`;
  const retry = error.reason === 'rate-limited' || error.reason === 'concurrency-limit' ? { retryAfterSeconds: retryAfter(error.detail) } : {};
  return { status, phrase: phrase(`Airlock refused ${request}: ${error.detail}${hint}`), body: `${lines.join('\n')}\n`, ...retry };
}

/** The allow rule that would open the target, when one can. */
function allowPattern(error: EgressBlockedError, target: EgressTarget | undefined): string | undefined {
  if (target === undefined) return undefined;
  if (!ALLOWABLE.has(error.reason)) return undefined;
  // Plain http needs the port spelled out; https on 443 is the bare host.
  return target.scheme === 'https' && target.port === defaultPort('https') ? target.host : formatTarget(target);
}

function retryAfter(detail: string): number {
  const seconds = /try again in (\d+) s/.exec(detail)?.[1];
  return seconds === undefined ? 1 : Number(seconds);
}

/** A reason phrase Node will send: printable ASCII only, short. */
function phrase(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '-');
  return clean.length > 480 ? `${clean.slice(0, 479)}-` : clean;
}
