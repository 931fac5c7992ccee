import type { PolicyPack } from '../policy/policySchema';
import { decide, decideAddress } from './decide';
import { deny, type EgressDecision } from './egressDecision';
import { targetOf } from './egressTarget';
import type { HostResolver } from './hostResolver';

/** What SafeFetch would decide before connecting, and the addresses it judged. */
export interface UrlCheck {
  readonly decision: EgressDecision;
  /** The addresses the host resolved to (or the literal), when a lookup was made. */
  readonly addresses?: readonly string[];
}

/**
 * decide() on the URL, then (unless `resolve` is undefined) every address the host resolves to,
 * as SafeFetch checks them before it connects. Nothing is connected. For `airlock check url`.
 */
export async function checkUrl(policy: PolicyPack, tool: string, url: string, resolve: HostResolver | undefined): Promise<UrlCheck> {
  const decision = decide(policy, tool, url);
  if (decision.verdict === 'deny' || resolve === undefined) return { decision };
  const target = targetOf(new URL(url));
  if (target === undefined) return { decision };
  let addresses: string[];
  if (target.address !== undefined) addresses = [target.address];
  else {
    try {
      addresses = await resolve(target.host);
    } catch (error) {
      return { decision: deny('unresolvable-host', `${target.host} could not be resolved (${error instanceof Error ? error.message : String(error)}).`) };
    }
  }
  if (addresses.length === 0) return { decision: deny('unresolvable-host', `${target.host} did not resolve to any address.`), addresses };
  for (const address of addresses) {
    const verdict = decideAddress(policy, tool, address, target);
    if (verdict.verdict !== 'allow') return { decision: verdict, addresses };
  }
  return { decision, addresses };
}
