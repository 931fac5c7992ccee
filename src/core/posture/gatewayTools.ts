import type { McpConfigFact } from './sideDoors';

/** How VS Code names the tools of Airlock's gateway, whose server definition is labelled "Airlock". */
const GATEWAY_TOOL_PREFIX = 'mcp_airlock_';

/**
 * VS Code's running MCP tools without those of Airlock's own gateway, which are Airlock's guarded
 * tools, not a side door. A tool's name says only which server label it came from, and a
 * repository can label a server "airlock" too: then a tool named `mcp_airlock_…` may be that
 * server's, so none is left out. Likewise when a configuration could not be read (it might name
 * one). A server registered by another extension under that label is not visible without proposed
 * API; an extension is a side door of its own, listed as such.
 */
export function withoutGatewayTools(tools: readonly string[], configs: readonly McpConfigFact[]): string[] {
  const claimed = configs.some((config) => config.servers.some((server) => server.rawName === '(unreadable)' || toolLabel(server.rawName).startsWith('airlock')));
  return claimed ? [...tools] : tools.filter((tool) => !tool.toLowerCase().startsWith(GATEWAY_TOOL_PREFIX));
}

/** A server name as it could appear in a tool name: case and punctuation do not tell two labels apart. */
function toolLabel(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
