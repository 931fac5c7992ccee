/** A setting as VS Code's `inspect()` reports it: the value at each level that sets one. */
export interface InspectedSetting {
  readonly defaultValue?: unknown;
  readonly user?: unknown;
  readonly workspace?: unknown;
}

/** A repository's settings opening MCP wider than the user's own settings (or VS Code's default) do. */
export interface McpSettingOverride {
  readonly key: McpOverridableSetting;
  readonly value: unknown;
  /** What it overrides: the user's value, else VS Code's default. */
  readonly over: unknown;
  readonly overUser: boolean;
  readonly sentence: string;
}

/**
 * The `chat.mcp.*` settings a workspace may set (window scope, so never per folder) that decide
 * whether VS Code runs MCP servers. The allowlist and denylist are application scope: VS Code
 * ignores them in a workspace.
 */
export const MCP_OVERRIDABLE_SETTINGS = ['chat.mcp.access', 'chat.mcp.discovery.enabled', 'chat.mcp.workspaceRootConfig.enabled', 'chat.mcp.autostart'] as const;
export type McpOverridableSetting = (typeof MCP_OVERRIDABLE_SETTINGS)[number];

const ACCESS_OPENNESS: ReadonlyMap<unknown, number> = new Map([['none', 0], ['registry', 1], ['all', 2]]);
const AUTOSTART_OPENNESS: ReadonlyMap<unknown, number> = new Map([['never', 0], ['onlyNew', 1], ['newAndOutdated', 2]]);

/** Whether `value` lets more MCP servers run (or start sooner) than `base`; a value VS Code may add later counts as wider. */
const WIDER: Record<McpOverridableSetting, (value: unknown, base: unknown) => boolean> = {
  'chat.mcp.access': (value, base) => rank(ACCESS_OPENNESS, value) > rank(ACCESS_OPENNESS, base),
  'chat.mcp.autostart': (value, base) => rank(AUTOSTART_OPENNESS, value) > rank(AUTOSTART_OPENNESS, base),
  'chat.mcp.workspaceRootConfig.enabled': (value, base) => value !== false && base !== true,
  'chat.mcp.discovery.enabled': (value, base) => discoverySources(value).some((source) => !discoverySources(base).includes(source)),
};

/** Each `chat.mcp.*` setting the workspace sets wider than the user's settings (or VS Code's default) do. */
export function mcpSettingOverrides(settings: Readonly<Record<McpOverridableSetting, InspectedSetting>>): McpSettingOverride[] {
  return MCP_OVERRIDABLE_SETTINGS.flatMap((key) => {
    const { user, workspace, defaultValue } = settings[key];
    const overUser = user !== undefined;
    const over = overUser ? user : defaultValue;
    if (workspace === undefined || !WIDER[key](workspace, over)) return [];
    const base = overUser ? `your user settings' ${JSON.stringify(over)}` : `VS Code's default ${JSON.stringify(over)}`;
    return [{ key, value: workspace, over, overUser, sentence: `This workspace's settings set ${key}: ${JSON.stringify(workspace)} over ${base}: that is how a repository turns VS Code's MCP servers back on.` }];
  });
}

/** The applications `chat.mcp.discovery.enabled` turns on: one boolean (older VS Code) or one per application. */
export function discoverySources(value: unknown): string[] {
  if (value === true) return ['every application'];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).filter(([, on]) => on === true).map(([source]) => source);
}

function rank(openness: ReadonlyMap<unknown, number>, value: unknown): number {
  return value === undefined ? -1 : (openness.get(value) ?? Number.MAX_SAFE_INTEGER);
}
