/**
 * An offered MCP tool as one of the agent's tools: id `mcp.<server>.<tool>`, the model given the
 * approved input schema (invisible characters removed), arguments checked against the pinned
 * schema before anything is asked, enabled and rated by the server's `mcp` policy (not
 * `policy.tools`), its output untrusted tool output. Approval by risk is the ToolRunner's; the
 * call itself is the McpCaller's.
 */
import { z } from 'zod';
import type { McpCaller } from '../../mcp/mcpCall';
import { checkMcpArguments } from '../../mcp/mcpArguments';
import type { OfferedMcpTool } from '../../mcp/definitionReview';
import { decideMcpTool } from '../../mcp/mcpToolPolicy';
import { ownValue } from '../../policy/keyedRecord';
import { redactJson, type JsonValue } from '../../redaction';
import type { AgentTool } from '../agentTool';

type McpArguments = Record<string, unknown>;

/** Longest argument text shown in an approval dialog; the full arguments go to the server, not to the dialog. */
const MAX_SHOWN_ARGUMENTS = 4000;

export function mcpAgentTool(tool: OfferedMcpTool, caller: McpCaller): AgentTool<McpArguments> {
  return {
    id: tool.id,
    description: `[MCP server "${tool.server}"] ${tool.description}`,
    parameters: z.record(z.string(), z.unknown()).superRefine((args, context) => {
      const checked = checkMcpArguments(tool.pin, tool.inputSchema, args);
      if (!checked.ok) context.addIssue({ code: 'custom', message: checked.error });
    }),
    inputSchema: tool.modelSchema,
    settings: (policy) => {
      const decision = decideMcpTool(ownValue(policy.mcp.servers, tool.server), tool.name);
      return decision.offered ? { enabled: true, risk: decision.risk } : { enabled: false, risk: 'critical' };
    },
    alwaysAsk: false,
    untrustedOutput: 'tool-output',
    plan: (args) => {
      const shown = JSON.stringify(redactJson(args as JsonValue).value, null, 2);
      return Promise.resolve({
        // The grant "for this session" covers this tool of this server, whatever the arguments.
        target: tool.id,
        summary: `${tool.id} (MCP server "${tool.server}")`,
        detail: `MCP server "${tool.server}", tool "${tool.name}", arguments (secrets redacted):\n${shown.length > MAX_SHOWN_ARGUMENTS ? `${shown.slice(0, MAX_SHOWN_ARGUMENTS)}\n…` : shown}`,
      });
    },
    run: (args, signal, progress) => caller.call(tool, args, signal, progress),
  };
}

/**
 * The agent tools of every connected server now, for the ToolRunner's tool source. Each offered
 * tool is turned into an agent tool once: a server's offered list is rebuilt only when it changes.
 */
export function mcpAgentTools(sources: readonly { readonly tools: () => readonly OfferedMcpTool[]; readonly caller: McpCaller }[]): AgentTool[] {
  return sources.flatMap((source) => source.tools().map((tool) => cachedAgentTool(tool, source.caller)));
}

const adapted = new WeakMap<OfferedMcpTool, AgentTool<McpArguments>>();

function cachedAgentTool(tool: OfferedMcpTool, caller: McpCaller): AgentTool {
  let agentTool = adapted.get(tool);
  if (!agentTool) {
    agentTool = mcpAgentTool(tool, caller);
    adapted.set(tool, agentTool);
  }
  return agentTool;
}
