import { auditKeyPath, AuditLog, locateAuditLog } from '../../core/audit';
import { startCommandEgress, type CommandEgress } from '../../core/egress/commandEgress';
import type { PolicyPack } from '../../core/policy/policySchema';

/**
 * The egress proxy for one `airlock sandbox run`, auditing each connection (actor `cli`) to the
 * workspace's log, the one the extension writes. There is nobody to ask in a script, so a
 * connection a requireApproval rule matches is refused.
 */
export async function startCliCommandEgress(input: { readonly policy: PolicyPack; readonly configDir: string; readonly workspaceFolder: string; readonly onAuditError: (message: string) => void }): Promise<CommandEgress> {
  const { file } = locateAuditLog(input);
  const audit = new AuditLog({ file, keyFile: auditKeyPath(input.configDir, file), onError: (error) => input.onAuditError(error instanceof Error ? error.message : String(error)) });
  const egress = await startCommandEgress({ policy: () => input.policy, audit, actor: 'cli' }).catch((error: unknown) => {
    audit.close();
    throw error;
  });
  return {
    fields: (policy) => egress.fields(policy),
    close: async () => {
      await egress.close();
      audit.close();
    },
  };
}
