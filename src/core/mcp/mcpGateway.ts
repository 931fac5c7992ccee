import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type CreateMessageResult, type ProgressToken, type ServerNotification, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { ToolRunner } from '../agent/toolRunner';
import { ApprovalGate } from '../approval/approvalGate';
import type { AuditSink } from '../audit/auditSink';
import type { PolicyPack } from '../policy/policySchema';
import { elicitationApprover } from './elicitationApprover';
import { gatewaySampler } from './gatewaySampling';
import type { McpToolSource } from './mcpWorkspaceTools';
import type { SamplingAsk } from './mcpServerRequests';

export interface McpGatewayDeps {
  readonly policy: () => PolicyPack;
  readonly audit: AuditSink;
  readonly version: string;
}

/**
 * The one MCP server Airlock offers to other clients (VS Code's own chat through the definition
 * provider, any agent through `airlock mcp serve`): its tools are the approved `mcp.*` tools,
 * named by their Airlock ids. Every call takes the agent's own path, a ToolRunner (allowlist,
 * pinned-schema arguments, approval by risk with session grants, the note about text flagged
 * earlier in this session, McpCaller's limits, redaction, content guard, one audit entry), so the
 * gateway adds no check and misses none; only the approver differs: the client's elicitation.
 * A client that cannot elicit gets a refusal for every call that would ask (fail closed).
 */
export class McpGateway {
  readonly server: Server;
  private readonly gate: ApprovalGate;
  /** The `sample` dependency of the servers behind the gateway: asked through, and answered by, this gateway's client. */
  readonly sample: (ask: SamplingAsk, signal: AbortSignal) => Promise<CreateMessageResult | undefined>;

  constructor(private readonly deps: McpGatewayDeps) {
    this.server = new Server({ name: 'airlock', title: 'Airlock', version: deps.version }, { capabilities: { tools: { listChanged: true } } });
    this.gate = new ApprovalGate(elicitationApprover(this.server), deps.audit, () => deps.policy().approvals.timeoutSeconds * 1000);
    this.sample = gatewaySampler({ server: this.server, gate: this.gate, thresholds: () => deps.policy().contentGuard });
  }

  private runner: ToolRunner | undefined;
  /** The tools as the client last saw them (listed, or told of): a refresh that changes nothing is not a change. */
  private seen: string | undefined;

  /** The approved tools may have changed (a listing approved, or withheld after a rug pull): a client that listed them is told to list again. */
  toolsChanged(): void {
    if (this.runner === undefined || this.seen === undefined || this.server.transport === undefined) return;
    const now = JSON.stringify(this.runner.specs());
    if (now === this.seen) return;
    this.seen = now;
    void this.server.sendToolListChanged().catch(() => undefined);
  }

  /** Offers `tools` and connects to the client's transport (stdio for `airlock mcp serve`). */
  async connect(tools: McpToolSource, transport: Transport): Promise<void> {
    const runner = (this.runner = new ToolRunner({
      tools: tools.tools,
      prepare: tools.prepare,
      policy: this.deps.policy,
      gate: this.gate,
      audit: this.deps.audit,
      // The gateway is offered only to a trusted workspace (VS Code's provider), or run by hand on one (the CLI).
      workspaceTrusted: () => true,
      callName: (id) => id,
      via: 'gateway',
    }));
    this.server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
      await runner.prepare(extra.signal);
      const specs = runner.specs();
      this.seen = JSON.stringify(specs);
      return { tools: specs.map((spec) => ({ name: spec.name, description: spec.description, inputSchema: spec.parameters as Tool['inputSchema'] })) };
    });
    this.server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const { name } = request.params;
      try {
        // A client may call without listing first (it kept the list from an earlier session).
        await runner.prepare(extra.signal);
        const outcome = await runner.run({ id: String(extra.requestId), name, arguments: JSON.stringify(request.params.arguments ?? {}) }, extra.signal, () => undefined, progressTo(request.params._meta?.progressToken, extra));
        return { content: [{ type: 'text', text: outcome.content }], ...(outcome.state === 'done' ? {} : { isError: true }) };
      } catch (error) {
        return { content: [{ type: 'text', text: `Airlock could not run ${name}: ${error instanceof Error ? error.message : String(error)}` }], isError: true };
      }
    });
    await this.server.connect(transport);
  }
}

/** The lines a call's tool card would show (the server's progress, cleaned and bounded), as progress notifications to a client that asked for them. */
function progressTo(token: ProgressToken | undefined, extra: { sendNotification: (notification: ServerNotification) => Promise<void> }): (line: string) => void {
  if (token === undefined) return () => undefined;
  let sent = 0;
  return (line) => {
    sent += 1;
    void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: sent, message: line.trim() } }).catch(() => undefined);
  };
}
