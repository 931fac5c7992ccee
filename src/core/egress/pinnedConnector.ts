import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { EgressBlockedError } from './egressBlockedError';
import type { EgressPolicy } from './egressDecision';
import type { HostResolver } from './hostResolver';
import { bareHost } from './loopbackPolicy';

export interface PinnedConnectorOptions {
  readonly policy: EgressPolicy;
  readonly resolve: HostResolver;
  readonly tool: string;
  readonly connectTimeoutMs: number;
}

/**
 * Resolves the host itself, asks the policy about every answer, and connects to the address
 * it checked. undici's own lookup would resolve again at connect time, which is the window
 * DNS rebinding uses; connecting to the checked IP closes it.
 */
export function pinnedConnector(options: PinnedConnectorOptions): buildConnector.connector {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  return (connectOptions, callback) => {
    const host = bareHost(connectOptions.hostname);
    pinAddress(host, options).then(
      (address) => {
        const servername = connectOptions.servername ?? (isIP(host) === 0 ? host : undefined);
        connect({ ...connectOptions, hostname: address, ...(servername === undefined ? {} : { servername }) }, callback);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

/** The first resolved address, once every address the name resolves to has been allowed. */
export async function pinAddress(host: string, options: Pick<PinnedConnectorOptions, 'policy' | 'resolve' | 'tool'>): Promise<string> {
  const addresses = isIP(host) === 0 ? await resolveOrBlock(host, options) : [host];
  for (const address of addresses) {
    const decision = options.policy.decideAddress(address, host);
    if (decision.verdict === 'deny') throw new EgressBlockedError(decision.reason, decision.detail, options.tool, host);
  }
  const first = addresses[0];
  if (first === undefined) throw new EgressBlockedError('unresolvable-host', `${host} did not resolve to any address.`, options.tool, host);
  return first;
}

async function resolveOrBlock(host: string, options: Pick<PinnedConnectorOptions, 'resolve' | 'tool'>): Promise<string[]> {
  try {
    return await options.resolve(host);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new EgressBlockedError('unresolvable-host', `${host} could not be resolved (${why}).`, options.tool, host);
  }
}
