import type { EffectivePolicy } from './effectivePolicy';
import type { FirewallEditResult } from './firewallEditor';

/**
 * `awaitingApproval`: a repair of a file that could not load was written; it loads now, and, like
 * any content Airlock did not write from a loadable file, applies once the user approves it.
 */
export type EditStanding = { readonly inForce: true } | { readonly inForce: false; readonly awaitingApproval: boolean; readonly reason: string };

/**
 * Whether a written overlay is the one the reloaded policy enforces: its source is the overlay
 * with exactly the written hash, current, and nothing failed to load. Only then is an edit
 * reported done; otherwise the agent and the user are told it did not apply, and why.
 */
export function editInForce(effective: EffectivePolicy, edit: Pick<FirewallEditResult, 'path' | 'file' | 'sha256' | 'trusted'>): EditStanding {
  if (effective.errors.length > 0) return { inForce: false, awaitingApproval: false, reason: `the policy failed to load: ${effective.errors.map((error) => error.message).join('; ')}` };
  const source = effective.sources.find((candidate) => candidate.kind === 'overlay' && candidate.path === edit.path);
  if (source?.sha256 === edit.sha256 && source.current) return { inForce: true };
  if (effective.pendingOverlay?.sha256 === edit.sha256) return { inForce: false, awaitingApproval: true, reason: `${edit.file} loads now, and applies once you approve it (it could not load before this edit, so Airlock does not count it as its own)` };
  return { inForce: false, awaitingApproval: false, reason: `${edit.file} changed again before it was reloaded; the policy in force is ${source === undefined ? 'the pack without the overlay' : `the overlay with SHA-256 ${source.sha256.slice(0, 12)}…`}` };
}
