import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { mcpAgentTool } from '../agent/tools/mcpTool';
import type { AuditEvent, AuditSink } from '../audit/auditSink';
import { loadContentGuard } from '../content/contentGuardLoader';
import { ownValue } from '../policy/keyedRecord';
import type { PolicyPack } from '../policy/policySchema';
import type { OfferedMcpTool } from './definitionReview';
import { McpCaller } from './mcpCall';
import type { GatewayBackend, GatewayCallContext, GatewayCallResult, GatewayTool } from './mcpGateway';
import type { McpWorkspace } from './mcpWorkspace';

export interface McpGatewayBackendDeps {
  readonly workspace: McpWorkspace;
  readonly policy: () => PolicyPack;
  readonly audit: AuditSink;
  readonly actor: AuditEvent['actor'];
}

/**
 * The gateway's backend: the workspace's approved MCP tools with the same checks the agent's
 * calls get. Order: the tool is offered now (approved listing, policy allowlist) → approval by
 * risk through the client → McpCaller (policy again, pinned-schema arguments, rate, timeout,
 * capped and redacted output) → the content guard wraps the output as untrusted tool output
 * and may withhold it → one audit entry per call.
 */
export function mcpGatewayBackend(deps: McpGatewayBackendDeps): GatewayBackend {
  const callers = new Map<string, McpCaller>();
  const caller = (server: string): McpCaller => {
    let found = callers.get(server);
    if (!found) {
      found = new McpCaller({ server, client: () => deps.workspace.manager.client(server), policy: () => ownValue(deps.policy().mcp.servers, server) });
      callers.set(server, found);
    }
    return found;
  };
  const record = (id: string, decision: 'allow' | 'deny', reason: string, detail: Readonly<Record<string, unknown>> = {}, flags: readonly string[] = []): void => {
    deps.audit.record({ actor: deps.actor, action: `tool.${id}`, target: id, decision, reason, ...(flags.length > 0 ? { flags } : {}), detail: { via: 'gateway', ...detail } });
  };
  return {
    tools: async (): Promise<GatewayTool[]> => {
      await deps.workspace.refresh();
      return deps.workspace.offered().map((tool) => ({ id: tool.id, description: tool.description, inputSchema: tool.modelSchema as Tool['inputSchema'] }));
    },
    call: async (id, args, context): Promise<GatewayCallResult> => {
      // A client may call without listing first (it kept the list from an earlier session).
      await deps.workspace.refresh(context.signal);
      const tool = deps.workspace.offered().find((candidate) => candidate.id === id);
      if (!tool) {
        const error = `${id} is not an approved MCP tool of this workspace (see "airlock mcp list" and "airlock mcp diff")`;
        record(id, 'deny', error);
        return { ok: false, error };
      }
      const policy = deps.policy();
      // The same question the agent's dialog asks, from the same plan (arguments redacted and cut alike).
      const plan = await mcpAgentTool(tool, caller(tool.server)).plan(args);
      if (policy.approvals.require.includes(tool.risk) && !(await context.ask({ title: `Run ${plan.summary}?`, detail: `${plan.detail}\nRisk ${tool.risk}.` }))) {
        const error = `${id} was not allowed: it needs your approval (risk ${tool.risk}), and it was denied or could not be asked`;
        record(id, 'deny', error, { risk: tool.risk });
        return { ok: false, error };
      }
      return await run(tool, args, context, policy);
    },
  };

  async function run(tool: OfferedMcpTool, args: Readonly<Record<string, unknown>>, context: GatewayCallContext, policy: PolicyPack): Promise<GatewayCallResult> {
    const result = await caller(tool.server).call(tool, args, context.signal);
    if (!result.ok) {
      record(tool.id, 'deny', result.error, result.audit ?? {});
      return { ok: false, error: result.error };
    }
    const { wrapUntrusted } = await loadContentGuard();
    const wrapped = wrapUntrusted(result.content, { source: tool.id, kind: 'tool-output', thresholds: policy.contentGuard });
    const flags = [...new Set(wrapped.scan.flags.map((flag) => flag.category))];
    record(tool.id, wrapped.withheld ? 'deny' : 'allow', wrapped.withheld ? 'content guard blocked the output' : wrapped.scan.verdict === 'flag' ? 'done; content guard flagged the output' : 'done', { ...result.audit, guard: { verdict: wrapped.scan.verdict, score: wrapped.scan.score } }, flags);
    return { ok: true, text: wrapped.text };
  }
}

