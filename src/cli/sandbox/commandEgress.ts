import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditKeyPath, AuditLog, locateAuditLog } from '../../core/audit';
import { COMMAND_TUNNEL_BYTES } from '../../core/egress/sandboxBridge';
import { startEgressProxy } from '../../core/egress/egressProxy';
import type { PolicyPack } from '../../core/policy/policySchema';


export interface CommandEgress {
  /** The proxy's Unix socket, bound into the sandbox. */
  readonly socketPath: string | undefined;
  close(): Promise<void>;
}

/**
 * The egress proxy for one `airlock sandbox run`: on a Unix socket in a folder only this user can
 * open, deciding by the workspace's policy under the tool id `shell`, auditing each connection
 * (actor `cli`) to the workspace's log, the one the extension writes. There is nobody to ask in
 * a script, so a connection a requireApproval rule matches is refused.
 */
export async function startCommandEgress(input: { readonly policy: PolicyPack; readonly configDir: string; readonly workspaceFolder: string; readonly onAuditError: (message: string) => void }): Promise<CommandEgress> {
  const { file } = locateAuditLog(input);
  const audit = new AuditLog({ file, keyFile: auditKeyPath(input.configDir, file), onError: (error) => input.onAuditError(error instanceof Error ? error.message : String(error)) });
  const folder = mkdtempSync(join(tmpdir(), 'airlock-egress-'));
  const wall = input.policy.commands.limits.wallSeconds * 1000;
  const proxy = await startEgressProxy({ policy: () => input.policy, audit, actor: 'cli', socketPath: join(folder, 'proxy.sock'), bounds: { totalTimeoutMs: wall, maxBytesPerConnection: COMMAND_TUNNEL_BYTES } });
  return {
    socketPath: proxy.socketPath,
    close: async () => {
      await proxy.close();
      audit.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
