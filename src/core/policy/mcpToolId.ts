import { ownEntries } from './keyedRecord';
import { MCP_SERVER_NAME, MCP_TOOL_NAME, type PolicyOverlay } from './policySchema';

/** The parts of an MCP tool id: `mcp.<server>` (the server itself: its egress, its HTTP endpoint) or `mcp.<server>.<tool>`. */
export interface McpToolId {
  readonly server: string;
  readonly tool?: string;
}

const PREFIX = 'mcp.';

/**
 * Splits `mcp.<server>` or `mcp.<server>.<tool>`; undefined for any other id. A server name has
 * no dots, so the split is at the second dot and the tool is everything after it (MCP tool
 * names may contain dots themselves).
 */
export function parseMcpToolId(id: string): McpToolId | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const rest = id.slice(PREFIX.length);
  const dot = rest.indexOf('.');
  const server = dot < 0 ? rest : rest.slice(0, dot);
  if (!MCP_SERVER_NAME.test(server)) return undefined;
  if (dot < 0) return { server };
  const tool = rest.slice(dot + 1);
  return MCP_TOOL_NAME.test(tool) ? { server, tool } : undefined;
}

/** `mcp.<server>.<tool>`, or `mcp.<server>` for the server itself. */
export function mcpToolId(server: string, tool?: string): string {
  return tool === undefined ? `${PREFIX}${server}` : `${PREFIX}${server}.${tool}`;
}

/** The MCP servers named by these policies (pack, overlay, managed file): whose tool ids are known. */
export function mcpServerNames(...policies: readonly (Pick<PolicyOverlay, 'mcp'> | undefined)[]): ReadonlySet<string> {
  return new Set(policies.flatMap((policy) => ownEntries(policy?.mcp?.servers).map(([name]) => name)));
}
