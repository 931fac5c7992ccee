import { BUNDLED_CHAT_EXTENSION, KNOWN_AGENT_EXTENSIONS } from './agentExtensions';
import { mcpAdmission } from './mcpAllowlist';
import { shownName, type McpServerEntry } from './mcpServerEntries';
import { discoverySources, mcpSettingOverrides, type InspectedSetting, type McpOverridableSetting } from './mcpSettingOverrides';

/** A boolean setting: the value in force and the levels that set one (VS Code's `inspect`). */
export interface SettingFact {
  readonly value: boolean | undefined;
  readonly user?: boolean | undefined;
  readonly workspace?: boolean | undefined;
}

/** One place MCP servers are declared, named as the user would look for it. */
export interface McpConfigFact {
  readonly where: string;
  readonly servers: readonly McpServerEntry[];
  /** VS Code starts these servers itself (otherwise only the agents in `readers` read the file). */
  readonly vscodeReads: boolean;
  readonly readers: readonly string[];
  /** Where to open it (a URI), when it is a file. */
  readonly location?: string;
}

/** What the editor says about the ways into this workspace other than Airlock's guard. */
export interface PostureFacts {
  /** A folder or workspace is open: a closing setting goes to its settings, not the user's. */
  readonly hasWorkspace: boolean;
  /** `chat.agent.enabled`. */
  readonly agentMode: SettingFact;
  /** The ids of the extensions enabled in this window, in any case. */
  readonly enabledExtensions: readonly string[];
  /** `chat.mcp.access`: `none` keeps every MCP server from running. */
  readonly mcpAccess: unknown;
  readonly mcpConfigs: readonly McpConfigFact[];
  /** `chat.mcp.discovery.enabled`: per application whose MCP servers VS Code picks up (or one boolean, as older versions had it). */
  readonly mcpDiscovery: unknown;
  /** The window-scope `chat.mcp.*` settings at each level, to find a workspace overriding the user. */
  readonly mcpSettings: Readonly<Record<McpOverridableSetting, InspectedSetting>>;
  /** `chat.mcp.allowedServers` and `chat.mcp.deniedServers` in force (application scope: never a workspace's). */
  readonly mcpAllowed: unknown;
  readonly mcpDenied: unknown;
  /** The names of the MCP tools VS Code offers its agent now (`vscode.lm.tools` tagged `mcp`): servers it is running. */
  readonly mcpTools: readonly string[];
}

/** Running MCP tools named in a door's sentence; the rest are counted. */
const MAX_TOOLS_NAMED = 8;

export type SideDoorKind = 'agent-mode' | 'bundled-chat' | 'mcp-servers' | 'mcp-discovery' | 'mcp-override' | 'mcp-running' | 'agent-extension';

/**
 * How a side door is closed: a setting Airlock can write once the user confirms (a value of
 * undefined removes it), or an extension only the user can disable.
 */
export type Closure =
  | { readonly kind: 'setting'; readonly key: string; readonly value: unknown; readonly target: 'workspace' | 'user' }
  | { readonly kind: 'extension'; readonly extensionId: string };

export interface SideDoor {
  /** Stable from one check to the next, so a closed door is seen to be gone. */
  readonly id: string;
  readonly kind: SideDoorKind;
  readonly label: string;
  /** What can act outside the guard, and where that comes from. */
  readonly sentence: string;
  /** Part of VS Code's own agent: what `posture.requireNativeAgentOff` asks to be closed. */
  readonly native: boolean;
  readonly close: Closure;
}

/**
 * The side doors open in this window, VS Code's own agent first: each with a sentence saying
 * what acts outside Airlock's guard and the one change that closes it.
 */
export function findSideDoors(facts: PostureFacts): SideDoor[] {
  const target = facts.hasWorkspace ? 'workspace' : 'user';
  const doors: SideDoor[] = [];
  if (facts.agentMode.value === true) {
    doors.push({
      id: 'agent-mode',
      kind: 'agent-mode',
      label: 'VS Code\'s agent mode',
      sentence: `VS Code's own agent mode is on (chat.agent.enabled, from ${origin(facts.agentMode)}): its built-in tools run terminal commands, tasks and tests, and edit files, outside Airlock's guard.`,
      native: true,
      close: { kind: 'setting', key: 'chat.agent.enabled', value: false, target },
    });
  }
  const enabled = new Set(facts.enabledExtensions.map((id) => id.toLowerCase()));
  if (enabled.has(BUNDLED_CHAT_EXTENSION)) {
    doors.push({
      id: 'bundled-chat',
      kind: 'bundled-chat',
      label: 'VS Code\'s bundled chat extension',
      sentence: `VS Code's bundled chat extension (${BUNDLED_CHAT_EXTENSION}) is enabled: its agent reads, edits and creates files outside Airlock's guard.`,
      native: true,
      // VS Code disables its bundled chat extension for the workspace when AI features are turned off there.
      close: { kind: 'setting', key: 'chat.disableAIFeatures', value: true, target },
    });
  }
  // Reported whatever access is in force now: it is how a repository undoes the user's stop.
  doors.push(...overrideDoors(facts));
  if (facts.mcpAccess !== 'none') doors.push(...mcpDoors(facts, target));
  for (const id of [...enabled].sort()) {
    const name = KNOWN_AGENT_EXTENSIONS.get(id);
    if (name === undefined) continue;
    doors.push({
      id: `extension:${id}`,
      kind: 'agent-extension',
      label: name,
      sentence: `${name} (${id}) is installed and enabled: its agent reads and writes files, runs commands and reaches the network without Airlock's guard.`,
      native: false,
      close: { kind: 'extension', extensionId: id },
    });
  }
  return doors;
}

/**
 * The panel's notice while the policy requires VS Code's own agent off (`posture.requireNativeAgentOff`)
 * and a native door is open; undefined when there is nothing to say.
 */
export function nativeAgentNotice(doors: readonly SideDoor[], required: boolean): string | undefined {
  const native = doors.filter((door) => door.native);
  if (!required || native.length === 0) return undefined;
  return `Airlock's guard is not the only way in: ${native.map((door) => door.label).join(' and ')} can act in this workspace outside it until you close ${native.length === 1 ? 'it' : 'them'} (Airlock: Review Side Doors…)`;
}

/** "1 side door", "2 side doors": the same words in the status bar, the panel and the review. */
export function sideDoorCount(count: number): string {
  return `${count} side door${count === 1 ? '' : 's'}`;
}

/** What closing a door does, in the words the review dialog uses. */
export function describeClosure(close: Closure): string {
  if (close.kind === 'extension') return `Disable or uninstall ${close.extensionId} in the Extensions view: no API lets another extension turn it off.`;
  const where = close.target === 'workspace' ? 'this workspace\'s settings' : 'your user settings';
  if (close.value === undefined) return `Remove ${close.key} from ${where}, so your own value applies again.`;
  return `Set ${close.key}: ${JSON.stringify(close.value)} in ${where}.`;
}

function mcpDoors(facts: PostureFacts, target: 'workspace' | 'user'): SideDoor[] {
  const doors: SideDoor[] = [];
  // A server the user's allowlist or denylist keeps from running is no door.
  const declared = facts.mcpConfigs
    .filter((config) => config.vscodeReads)
    .map((config) => ({ where: config.where, names: config.servers.filter((server) => mcpAdmission(mcpIdentity(server), facts.mcpAllowed, facts.mcpDenied) === 'allowed').map((server) => server.name) }))
    .filter((config) => config.names.length > 0);
  if (declared.length > 0) {
    const list = declared.map((config) => `${config.names.join(', ')} (${config.where})`).join('; ');
    doors.push({
      id: 'mcp-servers',
      kind: 'mcp-servers',
      label: `MCP servers: ${declared.flatMap((config) => config.names).join(', ')}`,
      sentence: `MCP servers are configured for VS Code's agent: ${list}. VS Code starts them itself, and what they do passes no guard of Airlock's.`,
      native: false,
      close: { kind: 'setting', key: 'chat.mcp.access', value: 'none', target },
    });
  }
  const sources = discoverySources(facts.mcpDiscovery);
  if (sources.length > 0) {
    doors.push({
      id: 'mcp-discovery',
      kind: 'mcp-discovery',
      label: 'MCP discovery from other applications',
      sentence: `VS Code picks up MCP servers from other applications' configuration (${sources.join(', ')}; chat.mcp.discovery.enabled): servers Airlock does not see.`,
      native: false,
      close: { kind: 'setting', key: 'chat.mcp.discovery.enabled', value: discoveryOff(facts.mcpDiscovery), target },
    });
  }
  if (facts.mcpTools.length > 0) {
    const shown = facts.mcpTools.slice(0, MAX_TOOLS_NAMED).map(shownName);
    const more = facts.mcpTools.length - shown.length;
    doors.push({
      id: 'mcp-running',
      kind: 'mcp-running',
      label: `MCP tools running in VS Code: ${facts.mcpTools.length}`,
      sentence: `VS Code is running MCP servers now and offers their tools to its agent: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}. Their calls pass no guard of Airlock's.`,
      native: false,
      close: { kind: 'setting', key: 'chat.mcp.access', value: 'none', target },
    });
  }
  return doors;
}

/** What VS Code matches a configured server by (its label is the key the file gives it). */
export function mcpIdentity(server: McpServerEntry): { name: string; command?: readonly string[]; url?: string } {
  if (server.command !== undefined) return { name: server.rawName, command: [server.command, ...(server.args ?? [])] };
  return { name: server.rawName, ...(server.url === undefined ? {} : { url: server.url }) };
}

/** A repository's settings opening MCP wider than the user's: closed by removing that value (only the workspace level can be written). */
function overrideDoors(facts: PostureFacts): SideDoor[] {
  return mcpSettingOverrides(facts.mcpSettings).map((override) => ({
    id: `mcp-override:${override.key}`,
    kind: 'mcp-override',
    label: `This workspace overrides ${override.key}`,
    sentence: override.sentence,
    native: false,
    close: { kind: 'setting', key: override.key, value: undefined, target: 'workspace' },
  }));
}

/** The discovery setting with every source off, in the shape it has now. */
function discoveryOff(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return false;
  return Object.fromEntries(Object.keys(value).map((source) => [source, false]));
}

function origin(setting: SettingFact): string {
  if (setting.workspace === setting.value) return 'this workspace\'s settings';
  if (setting.user === setting.value) return 'your user settings';
  return 'VS Code\'s default';
}
