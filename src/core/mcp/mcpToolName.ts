/**
 * Namespacing of MCP tools. A tool's id is `mcp.<server>.<tool>` and its function name for the
 * model is `mcp_<server>_<tool>` (dots as underscores), shortened with a hash past 64 characters
 * (functionName). Server names have no underscore, so a function name's server part ends at the
 * first underscore after `mcp_`: no server can take another server's name, or Airlock's own
 * `fs_*`, `web_fetch`, `shell_run`, which never start with `mcp_`.
 */
import { functionName } from '../agent/agentTool';
import { MCP_SERVER_NAME, MCP_TOOL_NAME } from '../policy/policySchema';

export function mcpToolId(server: string, tool: string): string {
  return `mcp.${server}.${tool}`;
}

export type McpNaming =
  | { readonly ok: true; readonly id: string; readonly functionName: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Names for every listed tool of one server, in the order given. A name outside what the MCP
 * specification allows is refused, and so is every tool whose function name another tool of the
 * list shares (`a.b` and `a_b`): offering one of them would depend on the listing's order.
 */
export function nameMcpTools(server: string, tools: readonly string[]): McpNaming[] {
  if (!MCP_SERVER_NAME.test(server)) return tools.map(() => ({ ok: false, reason: `"${server}" is not a valid MCP server name` }));
  const named = tools.map((tool) => (MCP_TOOL_NAME.test(tool) ? { id: mcpToolId(server, tool), functionName: functionName(mcpToolId(server, tool)) } : undefined));
  const count = new Map<string, number>();
  for (const name of named) if (name) count.set(name.functionName, (count.get(name.functionName) ?? 0) + 1);
  return named.map((name): McpNaming => {
    if (!name) return { ok: false, reason: 'the tool name has characters outside A-Z a-z 0-9 _ - . or is longer than 128' };
    if ((count.get(name.functionName) ?? 0) > 1) return { ok: false, reason: `another tool of the server has the same function name ${name.functionName}` };
    return { ok: true, ...name };
  });
}
