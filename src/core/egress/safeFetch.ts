import { Agent, fetch as undiciFetch } from 'undici';
import { EgressBlockedError } from './egressBlockedError';
import type { EgressPolicy } from './egressDecision';
import { systemResolver, type HostResolver } from './hostResolver';
import { bareHost } from './loopbackPolicy';
import { pinnedConnector } from './pinnedConnector';

/** The fetch signature the openai SDK and the tools are given. */
export type SafeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface SafeFetchOptions {
  readonly policy: EgressPolicy;
  /** Names the caller in decisions and errors (e.g. `model`, `web.fetch`). */
  readonly tool: string;
  readonly resolve?: HostResolver;
  readonly connectTimeoutMs?: number;
}

/**
 * The one way out to the network. Decides on the URL before anything is sent, pins the
 * connection to an address the policy allowed, and refuses redirects (each hop would need
 * its own decision, and the model endpoint has no reason to redirect).
 */
export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const dispatcher = new Agent({
    connect: pinnedConnector({
      policy: options.policy,
      resolve: options.resolve ?? systemResolver,
      tool: options.tool,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    }),
  });
  return async function safeFetch(input, init) {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const decision = options.policy.decideUrl(url);
    if (decision.verdict === 'deny') {
      throw new EgressBlockedError(decision.reason, decision.detail, options.tool, bareHost(url.hostname));
    }
    const request = input instanceof Request ? input : url.toString();
    // undici's fetch types mirror the global ones; the cast only bridges the two declarations.
    const response = (await undiciFetch(request as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: 'manual',
      dispatcher,
    }).catch(unwrapBlock)) as unknown as Response;
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      throw new EgressBlockedError('redirect-refused', `the server redirected to ${redactedLocation(response, url)}; redirects are not followed.`, options.tool, bareHost(url.hostname));
    }
    return response;
  };
}

/** undici wraps connector errors in "fetch failed"; a block must surface as itself. */
function unwrapBlock(error: unknown): never {
  if (error instanceof Error && error.cause instanceof EgressBlockedError) throw error.cause;
  throw error;
}

function redactedLocation(response: Response, base: URL): string {
  try {
    const target = new URL(response.headers.get('location') ?? '', base);
    return `${target.protocol}//${target.host}${target.pathname}`;
  } catch {
    return 'an unparsable location';
  }
}
