import { isKnownToolIn } from '../agent/toolRegistry';
import { ownEntries } from './keyedRecord';
import { parseMcpToolId } from './mcpToolId';
import { formatDiagnostic } from './policyError';
import type { ParsedPolicy } from './policyLoader';
import type { PolicyOverlay } from './policySchema';
import type { FieldPath } from './yamlLocation';

/**
 * Warnings, with file, line and field, for tool ids that name no tool Airlock knows: not a
 * built-in tool, nor a tool of an MCP server in `mcpServers` (those the pack and the file itself
 * name). A warning, not an error: a rule for a tool that comes later is legitimate in a file
 * someone wrote, but a misspelt id would otherwise do nothing without a word. An MCP tool under
 * `tools` is warned about too: its risk and whether it is offered are set under `mcp.servers`.
 */
export function unknownToolWarnings(parsed: ParsedPolicy<PolicyOverlay>, mcpServers: ReadonlySet<string>): string[] {
  const places: [FieldPath, Readonly<Partial<Record<string, unknown>>> | undefined][] = [
    [['tools'], parsed.value.tools],
    [['egress', 'tools'], parsed.value.egress?.tools],
    [['limits', 'requestsPerMinute', 'tools'], parsed.value.limits?.requestsPerMinute?.tools],
  ];
  const warn = (at: FieldPath, detail: string): string => formatDiagnostic({ code: 'POLICY_SCHEMA', ...parsed.locate(at), detail });
  return places.flatMap(([at, record]) => ownEntries(record).flatMap(([tool]) => {
    if (!isKnownToolIn(tool, mcpServers)) {
      const mcp = parseMcpToolId(tool);
      const why = mcp === undefined ? 'is not a tool Airlock knows' : `is a tool of the MCP server "${mcp.server}", which no policy file names under mcp.servers`;
      return [warn([...at, tool], `"${tool}" ${why}, so this entry has no effect for now`)];
    }
    const mcp = at.length === 1 ? parseMcpToolId(tool) : undefined;
    if (mcp === undefined) return [];
    return [warn([...at, tool], `"${tool}" is an MCP tool: its risk goes under mcp.servers.${mcp.server}.tools.risk and whether it is offered under mcp.servers.${mcp.server}.tools.allow, so this entry has no effect`)];
  }));
}
