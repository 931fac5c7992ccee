import { realpathSync } from 'node:fs';
import { auditKeyPath, AuditLog, locateAuditLog } from '../../core/audit';
import { McpPinStore, mcpServerIdentity, type McpServerIdentity } from '../../core/mcp/pinStore';
import { McpServerManager } from '../../core/mcp/mcpServerManager';
import { McpServerTools } from '../../core/mcp/mcpServerTools';
import { ownValue } from '../../core/policy/keyedRecord';
import type { McpServerPolicy, PolicyPack } from '../../core/policy/policySchema';
import type { CliContext } from '../cliContext';

/** The MCP servers of one workspace as the CLI reaches them: the same sandbox, pins and audit log as the extension. */
export interface CliMcpServers {
  readonly pins: McpPinStore;
  /** The server's settings in the effective policy, or undefined when the policy does not name it. */
  settings(server: string): McpServerPolicy | undefined;
  identity(server: string): McpServerIdentity;
  /** The server's tools, listed through a connection started on demand (inside the sandbox). */
  tools(server: string): McpServerTools;
  close(): Promise<void>;
}

export interface CliMcpInput {
  readonly policy: PolicyPack;
  readonly configDir: string;
  readonly workspaceFolder: string;
  readonly onAuditError: (message: string) => void;
}

/**
 * Opens the workspace's MCP servers for one CLI command. Variables a server lists in
 * `stdio.env` come from the environment (the CLI has no secret storage); an egress rule that
 * requires approval is refused, since a script has nobody to ask. Approvals are keyed on the
 * workspace's real path, as the extension keys them, so an approval given here holds there.
 */
export function openCliMcpServers(input: CliMcpInput, context: CliContext): CliMcpServers {
  const workspace = realpathSync(input.workspaceFolder);
  const { file } = locateAuditLog(input);
  const audit = new AuditLog({ file, keyFile: auditKeyPath(input.configDir, file), onError: (error) => input.onAuditError(error instanceof Error ? error.message : String(error)) });
  const manager = new McpServerManager({
    policy: () => input.policy,
    workspace,
    parentEnv: context.env,
    env: (_server, names) => Promise.resolve(Object.fromEntries(names.flatMap((name) => {
      const value = ownValue(context.env, name);
      return value === undefined ? [] : [[name, value]];
    }))),
    audit,
    actor: 'cli',
  });
  const pins = new McpPinStore(input.configDir);
  const settings = (server: string): McpServerPolicy | undefined => ownValue(input.policy.mcp.servers, server);
  const identity = (server: string): McpServerIdentity => {
    const found = settings(server);
    if (!found) throw new Error(`the policy names no MCP server "${server}"`);
    return mcpServerIdentity(server, found, workspace);
  };
  return {
    pins,
    settings,
    identity,
    tools: (server) => new McpServerTools({ identity: identity(server), policy: () => settings(server), client: () => manager.client(server), pins, onReview: () => undefined }),
    close: async () => {
      await manager.dispose();
      audit.close();
    },
  };
}
