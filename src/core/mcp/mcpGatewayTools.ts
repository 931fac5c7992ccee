import { mcpAgentTools } from '../agent/tools/mcpTool';
import { ownValue } from '../policy/keyedRecord';
import type { PolicyPack } from '../policy/policySchema';
import { McpCaller } from './mcpCall';
import type { McpGatewayTools } from './mcpGateway';
import type { McpWorkspace } from './mcpWorkspace';

/**
 * The workspace's approved MCP tools for the gateway, as the same agent tools the agent is given
 * (mcpAgentTools over one McpCaller per server, whose call rate is counted across calls), and
 * the workspace's listing as the preparation of each request.
 */
export function mcpGatewayTools(workspace: McpWorkspace, policy: () => PolicyPack): McpGatewayTools {
  const callers = new Map<string, McpCaller>();
  const caller = (server: string): McpCaller => {
    let found = callers.get(server);
    if (!found) {
      found = new McpCaller({ server, client: () => workspace.manager.client(server), policy: () => ownValue(policy().mcp.servers, server) });
      callers.set(server, found);
    }
    return found;
  };
  return {
    tools: () => mcpAgentTools(workspace.enabledServers().map((server) => ({ tools: () => workspace.serverTools(server)?.tools() ?? [], caller: caller(server) }))),
    prepare: (signal) => workspace.refresh(signal),
  };
}
