import type { AgentTool } from '../agent/agentTool';
import { mcpAgentTools } from '../agent/tools/mcpTool';
import { ownValue } from '../policy/keyedRecord';
import type { PolicyPack } from '../policy/policySchema';
import { McpCaller } from './mcpCall';
import type { McpWorkspace } from './mcpWorkspace';

/** The approved MCP tools of a workspace as agent tools, and how to get them listed. */
export interface McpToolSource {
  readonly tools: () => readonly AgentTool[];
  /** Starts and lists the servers not listed yet, so approved tools are offered. */
  readonly prepare: (signal: AbortSignal) => Promise<void>;
}

/**
 * The one source of a workspace's MCP tools for the agent (VS Code) and for the gateway: the
 * agent tools of each enabled server's approved listing, over one McpCaller per server, so a
 * server's call rate is counted across all its calls. No policy yet: every call is refused.
 */
export function mcpWorkspaceTools(workspace: McpWorkspace, policy: () => PolicyPack | undefined): McpToolSource {
  const callers = new Map<string, McpCaller>();
  const caller = (server: string): McpCaller => {
    let found = callers.get(server);
    if (!found) {
      found = new McpCaller({ server, client: () => workspace.manager.client(server), policy: () => ownValue(policy()?.mcp.servers, server) });
      callers.set(server, found);
    }
    return found;
  };
  return {
    tools: () => mcpAgentTools(workspace.enabledServers().map((server) => ({ tools: () => workspace.serverTools(server)?.tools() ?? [], caller: caller(server) }))),
    prepare: (signal) => workspace.refresh(signal),
  };
}
