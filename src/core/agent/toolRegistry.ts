import { parseMcpToolId } from '../policy/mcpToolId';

/**
 * The one list of tool ids Airlock knows: the agent's tools, the model client (which reaches its
 * server through SafeFetch as the tool `model`), and the MCP tools of the servers a policy names
 * (`mcp.<server>`, `mcp.<server>.<tool>`; see isKnownToolIn). The agent's firewall tool, the CLI,
 * the palette and `policy validate` all ask it, so no dialog ever asks about a tool that does not
 * exist. A Map, so a name such as `constructor` is only a key.
 */
const KNOWN_TOOLS: ReadonlyMap<string, string> = new Map([
  ['fs.list', 'lists a folder of the workspace'],
  ['fs.read', 'reads a file of the workspace'],
  ['fs.search', 'searches the workspace'],
  ['fs.write', 'writes a file of the workspace'],
  ['web.fetch', 'reads a web page'],
  ['shell.run', 'runs a command in the sandbox'],
  ['shell', 'connections a sandboxed command opens through the egress proxy'],
  ['security.egress.update', 'asks to change the firewall'],
  ['model', 'the model client\'s requests to the model server'],
]);

/** A built-in tool id; MCP ids depend on the policy (isKnownToolIn). */
export function isKnownTool(id: string): boolean {
  return KNOWN_TOOLS.has(id);
}

/**
 * A built-in tool id, or an MCP id (`mcp.<server>`, `mcp.<server>.<tool>`) of a server that
 * `mcpServers` holds: the servers the policy in force names, enabled or not (a rule may be
 * written before the server is switched on). Whether the server offers that tool is known only
 * once it runs, so any valid tool name of a named server is known.
 */
export function isKnownToolIn(id: string, mcpServers: ReadonlySet<string>): boolean {
  if (KNOWN_TOOLS.has(id)) return true;
  const mcp = parseMcpToolId(id);
  return mcp !== undefined && mcpServers.has(mcp.server);
}

/** The built-in tool ids, in a stable order, for messages and pickers. */
export function knownToolIds(): readonly string[] {
  return [...KNOWN_TOOLS.keys()];
}

/** What a refusal says: the id is not a tool, and which ones are (with the policy's MCP servers, when given). */
export function unknownToolMessage(id: string, mcpServers?: ReadonlySet<string>): string {
  const servers = mcpServers === undefined ? undefined : [...mcpServers].sort();
  const mcp = parseMcpToolId(id);
  if (mcp !== undefined && servers !== undefined) {
    const named = servers.length === 0 ? 'the policy names no MCP servers' : `the MCP servers it names: ${servers.join(', ')}`;
    return `"${id}" is a tool of the MCP server "${mcp.server}", which the policy does not name (${named}); add the server under mcp.servers first`;
  }
  const mcpIds = servers === undefined || servers.length === 0 ? '' : `, and mcp.<server>.<tool> for the MCP servers ${servers.join(', ')}`;
  return `"${id}" is not a tool Airlock knows; known tools: ${knownToolIds().join(', ')}${mcpIds}`;
}
