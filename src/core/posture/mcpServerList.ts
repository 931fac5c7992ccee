import type { McpPolicy } from '../policy/policySchema';
import { mcpAdmission, mcpLockState } from './mcpAllowlist';
import { describeLaunch, shownName, type McpServerEntry } from './mcpServerEntries';
import { mcpIdentity, type McpConfigFact, type PostureFacts } from './sideDoors';

/** One server in "Airlock: Review MCP Servers…". */
export interface McpServerRow {
  readonly name: string;
  /** Where it is declared: a file, a setting, Airlock's policy, or VS Code's running tools. */
  readonly source: string;
  /** Its command line or URL. */
  readonly launch: string;
  readonly state: string;
  /** Whether VS Code may run it outside Airlock's guard. */
  readonly outsideGuard: boolean;
  /** The file to open, when it is one. */
  readonly location?: string;
}

/**
 * Every MCP server Airlock knows of: its own (the policy's `mcp` section), those configured for
 * VS Code or for other agents in this workspace's files, and the tools VS Code is running now.
 */
export function mcpServerRows(facts: PostureFacts, policy: McpPolicy | undefined): McpServerRow[] {
  const own = Object.entries(policy?.servers ?? {}).map(([name, server]): McpServerRow => ({
    name: shownName(name),
    source: 'Airlock policy',
    launch: server.stdio ? describeLaunch({ name, rawName: name, command: server.stdio.command, args: server.stdio.args }) : describeLaunch({ name, rawName: name, ...(server.http ? { url: server.http.url } : {}) }),
    state: server.enabled ? 'configured in policy' : 'configured in policy, disabled',
    outsideGuard: false,
  }));
  const configured = facts.mcpConfigs.flatMap((config) => config.servers.map((server) => configuredRow(facts, config, server)));
  const running = facts.mcpTools.map((tool): McpServerRow => ({
    name: shownName(tool),
    source: 'VS Code\'s running MCP tools',
    launch: '(tool of a server VS Code started)',
    state: 'running in VS Code now',
    outsideGuard: true,
  }));
  return [...own, ...configured, ...running];
}

/** Whether the user's settings hold the lock (allowlist naming only the gateway, and access "none"), in words. */
export function mcpLockStatus(facts: PostureFacts, gatewayCommand: readonly string[]): { readonly locked: boolean; readonly sentence: string } {
  const state = mcpLockState(facts.mcpAllowed, gatewayCommand);
  const entries = Array.isArray(facts.mcpAllowed) ? facts.mcpAllowed.length : 0;
  const allowlist = {
    open: 'chat.mcp.allowedServers is not set: VS Code may start any MCP server that your settings or a workspace name.',
    locked: 'chat.mcp.allowedServers names only Airlock\'s gateway.',
    wider: `chat.mcp.allowedServers names Airlock's gateway and ${entries - 1} other ${entries === 2 ? 'entry' : 'entries'}.`,
    'without-gateway': `chat.mcp.allowedServers does not name this Airlock's gateway (${entries} ${entries === 1 ? 'entry' : 'entries'}: an earlier Airlock's path, or another list).`,
  }[state];
  const access = facts.mcpSettings['chat.mcp.access'];
  const userAccess = access.user ?? access.defaultValue;
  return {
    locked: state === 'locked' && access.user === 'none',
    sentence: `${allowlist} Your chat.mcp.access is ${JSON.stringify(userAccess)}${access.user === undefined ? ' (VS Code\'s default)' : ''}.`,
  };
}

function configuredRow(facts: PostureFacts, config: McpConfigFact, server: McpServerEntry): McpServerRow {
  const others = config.readers.length > 0 ? `read by ${config.readers.join(', ')}` : '';
  const vscode = vscodeState(facts, config, server);
  return {
    name: server.name,
    source: config.where,
    launch: describeLaunch(server),
    state: [vscode.state, others].filter((part) => part !== '').join('; '),
    outsideGuard: vscode.runs || config.readers.length > 0,
    ...(config.location === undefined ? {} : { location: config.location }),
  };
}

function vscodeState(facts: PostureFacts, config: McpConfigFact, server: McpServerEntry): { state: string; runs: boolean } {
  if (!config.vscodeReads) return { state: 'VS Code does not read this file now', runs: false };
  if (facts.mcpAccess === 'none') return { state: 'VS Code: blocked (chat.mcp.access is "none")', runs: false };
  switch (mcpAdmission(mcpIdentity(server), facts.mcpAllowed, facts.mcpDenied)) {
    case 'denied':
      return { state: 'VS Code: blocked (chat.mcp.deniedServers)', runs: false };
    case 'not-allowlisted':
      return { state: 'VS Code: blocked (not in your chat.mcp.allowedServers)', runs: false };
    case 'allowed':
      return { state: 'VS Code may start it, outside Airlock\'s guard', runs: true };
  }
}
