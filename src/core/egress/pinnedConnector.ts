import type { buildConnector } from 'undici';
import type { PolicyPack } from '../policy/policySchema';
import { isIpLiteral } from './addressClass';
import { decideAddress } from './decide';
import { EgressBlockedError } from './egressBlockedError';
import { bareHost, defaultPort, type EgressTarget } from './egressTarget';
import type { HostResolver } from './hostResolver';

/** Opens the socket to an address SafeFetch already checked (undici's connector shape). */
export type SocketOpener = buildConnector.connector;

export interface PinOptions {
  readonly policy: () => PolicyPack;
  readonly tool: string;
  readonly resolve: HostResolver;
}

export interface PinnedConnectorOptions extends PinOptions {
  /** Builds the socket opener for a connect timeout (default: undici's buildConnector). */
  readonly openSocket: (timeoutMs: number) => SocketOpener;
  readonly connectTimeoutMs: () => number;
}

// Worth trying the next checked address after these; anything else is the server's answer.
const TRY_NEXT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Resolves the host itself, asks the policy about every answer, and connects only to addresses
 * it checked (trying them in order). undici's own lookup would resolve again at connect time,
 * the window DNS rebinding uses; connecting to the checked IP closes it. TLS still verifies the
 * certificate against the host name (SNI), not the address.
 */
export function pinnedConnector(options: PinnedConnectorOptions): SocketOpener {
  return (connectOptions, callback) => {
    const host = bareHost(connectOptions.hostname);
    const scheme = connectOptions.protocol === 'https:' ? 'https' : 'http';
    const port = Number(connectOptions.port) || defaultPort(scheme);
    pinAddresses({ scheme, host, port }, options).then(
      (addresses) => {
        const open = options.openSocket(options.connectTimeoutMs());
        const servername = connectOptions.protocol === 'https:' && !isIpLiteral(host) ? (connectOptions.servername ?? host.replace(/\.$/, '')) : connectOptions.servername;
        const attempt = (index: number): void => {
          const address = addresses[index] as string;
          open({ ...connectOptions, hostname: address, ...(servername === undefined ? {} : { servername }) }, (error, socket) => {
            if (error !== null && index + 1 < addresses.length && TRY_NEXT.has((error as { code?: string }).code ?? '')) attempt(index + 1);
            else if (error !== null) callback(error, null);
            else callback(null, socket);
          });
        };
        attempt(0);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

/**
 * Every address `target.host` resolves to, once each has been allowed for its scheme and port; a
 * literal is its own answer. One denied answer denies the host: an attacker's DNS may list a good
 * address first.
 */
export async function pinAddresses(target: Pick<EgressTarget, 'scheme' | 'host' | 'port'>, options: PinOptions): Promise<string[]> {
  const { host } = target;
  const addresses = isIpLiteral(host) ? [host] : await resolveOrBlock(host, options);
  if (addresses.length === 0) throw new EgressBlockedError({ reason: 'unresolvable-host', detail: `${host} did not resolve to any address.`, tool: options.tool, host });
  const policy = options.policy();
  for (const address of addresses) {
    const decision = decideAddress(policy, options.tool, address, target);
    if (decision.verdict !== 'allow') throw EgressBlockedError.fromDecision(decision, { tool: options.tool, host });
  }
  return addresses;
}

async function resolveOrBlock(host: string, options: PinOptions): Promise<string[]> {
  try {
    return await options.resolve(host);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new EgressBlockedError({ reason: 'unresolvable-host', detail: `${host} could not be resolved (${why}).`, tool: options.tool, host });
  }
}
