// The ESM build: the package's UMD main loads its parts with a require the bundler cannot follow.
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';

const MAX_NAME_CHARS = 60;
const MAX_LAUNCH_CHARS = 300;

/** One MCP server a configuration declares: how it starts (a command) or where it is (a URL). */
export interface McpServerEntry {
  /** Shown as is; a name from a repository is made printable first. */
  readonly name: string;
  /** The name as the file spells it, which is what VS Code matches `serverName` against. */
  readonly rawName: string;
  readonly command?: string;
  readonly args?: readonly string[];
  readonly url?: string;
  /** The names of the variables its `env` sets; the values are never read. */
  readonly env?: readonly string[];
}

/**
 * The servers an MCP configuration declares: `servers` (VS Code's `mcp.json` and its `mcp`
 * setting) or `mcpServers` (the `.mcp.json`, `.cursor/mcp.json` and `.roo/mcp.json` other agents
 * read). Read the way VS Code reads it (comments and trailing commas allowed, a damaged file read
 * as far as it goes), from the syntax tree, so a name such as `__proto__` is listed like any other.
 */
export function mcpServerEntries(config: unknown): McpServerEntry[] {
  const tree = parseTree(typeof config === 'string' ? config : JSON.stringify(config) ?? '', [], { allowTrailingComma: true, disallowComments: false });
  if (tree?.type !== 'object') return [];
  return [...serverNodes(tree, 'servers'), ...serverNodes(tree, 'mcpServers')];
}

/** How a server starts, for a person to read: the command line, or the URL. */
export function describeLaunch(entry: McpServerEntry): string {
  const launch = entry.url ?? [entry.command, ...(entry.args ?? [])].filter((part) => part !== undefined).map(quoted).join(' ');
  return launch === '' ? '(no command or URL)' : cut(printable(launch), MAX_LAUNCH_CHARS);
}

function serverNodes(tree: Node, key: 'servers' | 'mcpServers'): McpServerEntry[] {
  const servers = findNodeAtLocation(tree, [key]);
  if (servers?.type !== 'object') return [];
  return (servers.children ?? []).flatMap((property) => {
    const [keyNode, valueNode] = property.children ?? [];
    const name: unknown = keyNode?.value;
    if (typeof name !== 'string') return [];
    const body = valueNode?.type === 'object' ? readServer(valueNode) : {};
    return [{ name: shownName(name), rawName: name, ...body }];
  });
}

/** The launch fields, read from the tree: only strings count (a damaged entry starts nothing VS Code could name). */
function readServer(server: Node): Pick<McpServerEntry, 'command' | 'args' | 'url' | 'env'> {
  const text = (key: string): string | undefined => {
    const node = findNodeAtLocation(server, [key]);
    return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
  };
  const argsNode = findNodeAtLocation(server, ['args']);
  const args: unknown = argsNode?.type === 'array' ? getNodeValue(argsNode) : undefined;
  const command = text('command');
  // Windsurf and some clients spell the URL `serverUrl`.
  const url = text('url') ?? text('serverUrl');
  const envNode = findNodeAtLocation(server, ['env']);
  const env = envNode?.type === 'object' ? (envNode.children ?? []).map((property) => property.children?.[0]?.value as unknown).filter((name): name is string => typeof name === 'string') : undefined;
  return {
    ...(command === undefined ? {} : { command }),
    ...(Array.isArray(args) ? { args: args.filter((arg): arg is string => typeof arg === 'string') } : {}),
    ...(url === undefined ? {} : { url }),
    ...(env === undefined ? {} : { env }),
  };
}

/** A name that came from outside (a file, a server), fit for the palette: printable and bounded. */
export function shownName(name: string): string {
  return cut(printable(name), MAX_NAME_CHARS);
}

function quoted(part: string): string {
  return /^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part);
}

/** Text from a repository is shown in the palette: no control, zero-width or bidi characters. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
