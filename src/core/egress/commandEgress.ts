import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent, AuditSink } from '../audit/auditSink';
import type { PolicyPack } from '../policy/policySchema';
import type { EgressApprovals } from './egressApproval';
import { startEgressProxy } from './egressProxy';
import { COMMAND_TUNNEL_BYTES } from './sandboxBridge';
import { makeSocketFolder } from './socketFolder';

/** What a sandboxed command needs to reach the proxy, as fields of its sandbox request. */
export interface CommandEgressFields {
  /** The proxy's Unix socket, bound into the sandbox. */
  readonly egressSocket?: string;
  /** The Node that runs the relay inside (this process's own). */
  readonly bridgeNode: string;
  readonly extraEnv: Readonly<Record<string, string>>;
}

export interface CommandEgress {
  readonly fields: (policy: PolicyPack) => CommandEgressFields;
  readonly close: () => Promise<void>;
}

export interface CommandEgressOptions {
  readonly policy: () => PolicyPack;
  readonly audit: AuditSink;
  /** Asked when a requireApproval rule matches; without it (a script) such a connection is refused. */
  readonly approvals?: EgressApprovals;
  readonly actor: AuditEvent['actor'];
}

/**
 * The egress proxy for sandboxed commands, the same for the extension and `airlock sandbox run`:
 * on a Unix socket in a folder only this user can open, deciding under the tool id `shell`. A
 * package manager keeps one tunnel for a whole install, so a tunnel is bounded by the command's
 * wall time (as the policy gives it when the proxy starts) and COMMAND_TUNNEL_BYTES.
 */
export async function startCommandEgress(options: CommandEgressOptions): Promise<CommandEgress> {
  const folder = makeSocketFolder('airlock-egress-');
  const wall = options.policy().commands.limits.wallSeconds * 1000;
  const proxy = await startEgressProxy({ policy: options.policy, audit: options.audit, ...(options.approvals ? { approvals: options.approvals } : {}), actor: options.actor, socketPath: join(folder, 'proxy.sock'), bounds: { totalTimeoutMs: wall, maxBytesPerConnection: COMMAND_TUNNEL_BYTES } }).catch((error: unknown) => {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  });
  return {
    fields: (policy) => ({
      ...(proxy.socketPath === undefined ? {} : { egressSocket: proxy.socketPath }),
      bridgeNode: process.execPath,
      // npm opens up to 15 connections at once; past limits.maxConcurrentRequests the proxy refuses them.
      extraEnv: { npm_config_maxsockets: String(policy.limits.maxConcurrentRequests) },
    }),
    close: async () => {
      await proxy.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
