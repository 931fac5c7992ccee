/**
 * VS Code's MCP allowlist and denylist (`chat.mcp.allowedServers` / `chat.mcp.deniedServers`,
 * application scope, so read from the user's settings only, never a workspace's), judged the way
 * VS Code 1.139 judges them (its AllowedMcpServersService), so the review says what VS Code will do.
 */

/** What VS Code matches a server by: its name (label), and its command line or URL. */
export interface McpServerIdentity {
  readonly name: string;
  readonly command?: readonly string[];
  readonly url?: string;
}

/** One entry of either list: exactly one of `serverName`, `serverUrl`, `serverCommand`. */
export type McpServerMatcher = { readonly serverName: string } | { readonly serverUrl: string } | { readonly serverCommand: readonly string[] };

export type McpAdmission = 'allowed' | 'denied' | 'not-allowlisted';

/** How far the user's allowlist locks VS Code's MCP to Airlock's gateway. */
export type McpLockState =
  /** No allowlist: VS Code may run any server (subject to the denylist). */
  | 'open'
  /** The allowlist names Airlock's gateway and nothing else. */
  | 'locked'
  /** The gateway and other servers. */
  | 'wider'
  /** An allowlist that does not name this gateway (another one's path, an older Airlock, or none at all). */
  | 'without-gateway';

/**
 * Whether VS Code lets a server run: a denylist match wins; then, once an allowlist is set (even
 * empty), only a server it names runs. Entries VS Code would ignore (not exactly one matcher) are ignored.
 */
export function mcpAdmission(server: McpServerIdentity, allowed: unknown, denied: unknown): McpAdmission {
  if (validMatchers(denied)?.some((matcher) => matches(matcher, server)) === true) return 'denied';
  const allowlist = validMatchers(allowed);
  if (allowlist !== undefined && !allowlist.some((matcher) => matches(matcher, server))) return 'not-allowlisted';
  return 'allowed';
}

/** The allowlist that lets VS Code run only Airlock's gateway, matched by its exact command line (a workspace can reuse a name). */
export function gatewayAllowlist(gatewayCommand: readonly string[]): McpServerMatcher[] {
  return [{ serverCommand: [...gatewayCommand] }];
}

export function mcpLockState(allowed: unknown, gatewayCommand: readonly string[]): McpLockState {
  const allowlist = validMatchers(allowed);
  if (allowlist === undefined) return 'open';
  const gateway = { name: '', command: gatewayCommand };
  if (!allowlist.some((matcher) => 'serverCommand' in matcher && matches(matcher, gateway))) return 'without-gateway';
  return allowlist.length === 1 ? 'locked' : 'wider';
}

/** A list VS Code reads: undefined when the setting is not a list (no list at all). */
function validMatchers(value: unknown): McpServerMatcher[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((entry: unknown): entry is McpServerMatcher => {
    if (typeof entry !== 'object' || entry === null) return false;
    const { serverName, serverUrl, serverCommand } = entry as Record<string, unknown>;
    const kinds = [
      typeof serverName === 'string' && serverName.length > 0,
      typeof serverUrl === 'string' && serverUrl.length > 0,
      Array.isArray(serverCommand) && serverCommand.length > 0 && serverCommand.every((part) => typeof part === 'string'),
    ];
    return kinds.filter(Boolean).length === 1;
  });
}

function matches(matcher: McpServerMatcher, server: McpServerIdentity): boolean {
  if ('serverName' in matcher && typeof matcher.serverName === 'string') return matcher.serverName === server.name;
  if ('serverUrl' in matcher && typeof matcher.serverUrl === 'string') return server.url !== undefined && urlMatches(matcher.serverUrl, server.url);
  if ('serverCommand' in matcher) {
    const command = server.command;
    return command !== undefined && command.length === matcher.serverCommand.length && command.every((part, index) => part === matcher.serverCommand[index]);
  }
  return false;
}

/** Without `*`: the same origin, path and query, in any case. With `*`: a wildcard over the whole URL, in any case. */
function urlMatches(pattern: string, url: string): boolean {
  if (!pattern.includes('*')) {
    const [a, b] = [comparable(pattern), comparable(url)];
    return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  }
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const target = comparable(url);
  return target !== undefined && new RegExp(`^${source}$`, 'i').test(target);
}

function comparable(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin + parsed.pathname + parsed.search : url;
}
