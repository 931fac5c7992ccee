import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { auditKeyPath, AuditLog, locateAuditLog } from '../../core/audit';
import { installServerRequestHandlers, type McpServerRequestDeps } from '../../core/mcp/mcpServerRequests';
import { McpWorkspace } from '../../core/mcp/mcpWorkspace';
import { ownValue } from '../../core/policy/keyedRecord';
import type { PolicyPack } from '../../core/policy/policySchema';
import type { CliContext } from '../cliContext';

export interface CliMcpInput {
  readonly policy: PolicyPack;
  readonly configDir: string;
  readonly workspaceFolder: string;
  readonly onAuditError: (message: string) => void;
  /** Where a server's sampling request is asked and answered (the gateway's client); without it, refused. */
  readonly sample?: McpServerRequestDeps['sample'];
  /** The offered tools changed (a server's listing was reviewed again). */
  readonly onChange?: () => void;
}

/** The workspace's MCP servers for one CLI command, and the audit log their connections go to. */
export interface CliMcpServers {
  readonly workspace: McpWorkspace;
  readonly audit: AuditLog;
  close(): Promise<void>;
}

/**
 * Opens the workspace's MCP servers for one CLI command: the same sandbox, pins and audit log as
 * the extension. Variables a server lists in `stdio.env` come from the environment (the CLI has
 * no secret storage); an egress rule that requires approval is refused, since a script has
 * nobody to ask (so is a sampling request; an elicitation is declined). Approvals are keyed on the workspace's real path, as the extension keys them,
 * so an approval given here holds there.
 */
export function openCliMcpServers(input: CliMcpInput, context: CliContext): CliMcpServers {
  const { file } = locateAuditLog(input);
  const audit = new AuditLog({ file, keyFile: auditKeyPath(input.configDir, file), onError: (error) => input.onAuditError(error instanceof Error ? error.message : String(error)) });
  const folder = realpathSync(input.workspaceFolder);
  const workspace = new McpWorkspace({
    policy: () => input.policy,
    workspace: folder,
    configDir: input.configDir,
    parentEnv: context.env,
    env: (_server, names) => Promise.resolve(Object.fromEntries(names.flatMap((name) => {
      const value = ownValue(context.env, name);
      return value === undefined ? [] : [[name, value]];
    }))),
    audit,
    actor: 'cli',
    ...(input.onChange ? { onChange: input.onChange } : {}),
    // Roots are the workspace; elicitation is declined and, but through the gateway, sampling refused: a script has nobody to ask.
    configureClient: (client, server) => installServerRequestHandlers(client, { server, policy: () => ownValue(input.policy.mcp.servers, server), workspaceFolders: () => [{ path: folder, name: basename(folder) }], audit, ...(input.sample ? { sample: input.sample } : {}) }),
  });
  return {
    workspace,
    audit,
    close: async () => {
      await workspace.dispose();
      audit.close();
    },
  };
}
