import { realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import type { AgentTool } from '../core/agent/agentTool';
import type { ApprovalGate } from '../core/approval/approvalGate';
import type { AuditSink } from '../core/audit/auditSink';
import { loopbackOnlyPolicy } from '../core/egress/loopbackPolicy';
import type { DefinitionReview } from '../core/mcp/definitionReview';
import { createSampler, type SamplingModel } from '../core/mcp/mcpSampling';
import { installServerRequestHandlers, type ElicitationAsk } from '../core/mcp/mcpServerRequests';
import { McpWorkspace } from '../core/mcp/mcpWorkspace';
import { mcpWorkspaceTools, type McpToolSource } from '../core/mcp/mcpWorkspaceTools';
import { reviewSha256, reviewText } from '../core/mcp/reviewText';
import { ownValue } from '../core/policy/keyedRecord';
import { confirmSampling } from './mcpSamplingDialog';
import type { PolicyService } from './policyService';

export interface McpServersDeps {
  readonly policy: PolicyService;
  readonly configDir: string;
  readonly secrets: vscode.SecretStorage;
  readonly gate: ApprovalGate;
  readonly audit: AuditSink;
  readonly log: vscode.LogOutputChannel;
  /** The agent's model now, for servers whose policy lets them ask to use it (each request asks). */
  readonly model: () => SamplingModel | undefined;
}

/**
 * The policy's MCP servers for the agent in this window. Before a turn (trusted workspace, policy
 * loaded) every enabled server is started in the sandbox and its listing reviewed against the
 * pins; a listing that is new or changed is put to the user in a modal that lists each tool with
 * the policy's decision and the definition scan's flags, with a diff per changed tool ("Show
 * Diff"). Only approved listings give the agent tools. A declined listing is not asked about
 * again in this window until it changes.
 */
export class McpServers implements vscode.Disposable {
  private readonly workspace: McpWorkspace | undefined;
  private readonly tools: McpToolSource | undefined;
  /** One question per server at a time; a listing that changes meanwhile is asked about once that one is answered. */
  private readonly asking = new Map<string, Promise<void>>();
  private readonly askAgain = new Set<string>();
  private readonly declined = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: McpServersDeps) {
    const folder = deps.policy.workspaceFolder;
    if (folder === undefined) return;
    const policy = () => deps.policy.toolPolicy ?? loopbackOnlyPolicy();
    const root = realpathSync(folder);
    const sample = createSampler({
      model: deps.model,
      confirm: (request) => confirmSampling(request),
      thresholds: () => policy().contentGuard,
      confirmTimeoutMs: () => policy().approvals.timeoutSeconds * 1000,
    });
    this.workspace = new McpWorkspace({
      policy,
      workspace: root,
      configDir: deps.configDir,
      env: (server, names) => this.env(server, names),
      audit: deps.audit,
      approvals: deps.gate,
      actor: 'agent',
      configureClient: (client, server) => installServerRequestHandlers(client, {
        server,
        policy: () => ownValue(policy().mcp.servers, server),
        workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).map((entry) => ({ path: entry.uri.fsPath, name: entry.name })),
        sample,
        elicit: (ask) => elicit(ask),
        audit: deps.audit,
      }),
      onReview: (review) => this.review(review),
    });
    this.tools = mcpWorkspaceTools(this.workspace, () => deps.policy.toolPolicy);
    this.workspace.manager.onState((event) => {
      if (event.state === 'failed') deps.log.warn(`MCP server "${event.server}" failed: ${event.reason ?? 'no reason given'}`);
      else deps.log.info(`MCP server "${event.server}": ${event.state}${event.reason ? ` (${event.reason})` : ''}`);
    });
    this.subscriptions.push(deps.policy.onDidChange(() => this.workspace?.repolicy()));
  }

  /** The servers as they run in this window, and their pins, for "Airlock: Review MCP Servers…"; none without a folder. */
  get running(): McpWorkspace | undefined {
    return this.workspace;
  }

  /** The agent's MCP tools now: those of approved listings the policy allows (none in an untrusted workspace). */
  agentTools(): AgentTool[] {
    if (!this.tools || !vscode.workspace.isTrusted || this.deps.policy.toolPolicy === undefined) return [];
    return [...this.tools.tools()];
  }

  /** Starts and reviews every enabled server, and waits for the user's answers, so this turn sees what was approved. */
  async prepare(signal: AbortSignal): Promise<void> {
    if (!this.workspace || !vscode.workspace.isTrusted || this.deps.policy.toolPolicy === undefined) return;
    await this.workspace.refresh(signal);
    // An approval can reveal a newer listing, which is asked about next: wait for all of them.
    for (let round = 0; round < 5 && this.asking.size > 0; round++) await Promise.all([...this.asking.values()]);
  }

  private review(review: DefinitionReview): void {
    const server = review.server;
    if (this.asking.has(server)) {
      this.askAgain.add(server);
      return;
    }
    const key = `${server}:${reviewSha256(review)}`;
    if (this.declined.has(key)) return;
    const asked = this.ask(review, key).finally(() => {
      this.asking.delete(server);
      // The listing changed while the user was looking at the last one: ask about what is withheld now, against the pins now.
      const current = this.askAgain.delete(server) ? this.workspace?.serverTools(server)?.current() : undefined;
      if (current?.kind === 'withheld') this.review(current.review);
    });
    this.asking.set(server, asked);
  }

  private async ask(review: DefinitionReview, key: string): Promise<void> {
    const changed = review.tools.filter((tool) => tool.change !== 'unchanged');
    const decision = await this.deps.gate.request({
      tool: `mcp.${review.server}`,
      risk: 'high',
      target: `the tool definitions of MCP server "${review.server}"`,
      title: review.firstApproval ? `Approve the tools of MCP server "${review.server}"?` : `The tools of MCP server "${review.server}" changed. Approve the new definitions?`,
      detail: `${reviewText(review, false)}\nApproving pins these definitions: any later change withholds the server's tools until you approve it again.`,
      allowSession: false,
      allowLabel: 'Approve Tools',
      permanent: true,
      diffs: changed.map((tool) => ({ path: `mcp/${review.server}/${tool.name}.json`, before: tool.before ?? '', after: tool.after ?? '', title: `${tool.name}.json: approved ↔ listed by "${review.server}" now` })),
    }, new AbortController().signal);
    if (!decision.allowed) {
      this.declined.add(key);
      this.deps.log.info(`MCP server "${review.server}": tools not approved (${decision.reason})`);
      return;
    }
    const state = await this.workspace?.serverTools(review.server)?.approve(review);
    this.deps.log.info(`MCP server "${review.server}": ${state?.kind === 'offered' ? `${state.review.definitions.length} tool definitions approved` : 'approved, but the listing changed again'}`);
  }

  /** A server's variables: from Airlock's secret storage (`airlock.mcp.<server>.<NAME>`), else the environment. */
  private async env(server: string, names: readonly string[]): Promise<Record<string, string>> {
    const values: Record<string, string> = {};
    for (const name of names) {
      const value = (await this.deps.secrets.get(`airlock.mcp.${server}.${name}`)) ?? ownValue(process.env, name);
      if (value !== undefined) Object.defineProperty(values, name, { value, enumerable: true });
    }
    return values;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    void this.workspace?.dispose();
  }
}

/** A server's question, shown as the server's words: one input per field of its form; Escape cancels. */
async function elicit(ask: ElicitationAsk): Promise<{ action: 'accept'; content: Record<string, string | number | boolean> } | { action: 'decline' | 'cancel' }> {
  const choice = await vscode.window.showInformationMessage(`MCP server "${ask.server}" asks:`, { modal: true, detail: ask.message }, 'Answer…', 'Decline');
  if (choice === 'Decline') return { action: 'decline' };
  if (choice !== 'Answer…') return { action: 'cancel' };
  const content: Record<string, string | number | boolean> = {};
  for (const [field, schema] of Object.entries(ask.requestedSchema.properties)) {
    const value = await askField(ask.server, field, schema);
    if (value === undefined) return { action: 'cancel' };
    Object.defineProperty(content, field, { value, enumerable: true });
  }
  return { action: 'accept', content };
}

interface FieldSchema {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly enum?: readonly string[];
}

async function askField(server: string, field: string, schema: FieldSchema): Promise<string | number | boolean | undefined> {
  const title = `MCP server "${server}": ${schema.title ?? field}`;
  if (schema.type === 'boolean') {
    const picked = await vscode.window.showQuickPick(['Yes', 'No'], { title, placeHolder: schema.description ?? '' });
    return picked === undefined ? undefined : picked === 'Yes';
  }
  if (schema.enum) return await vscode.window.showQuickPick([...schema.enum], { title, placeHolder: schema.description ?? '' });
  const text = await vscode.window.showInputBox({ title, prompt: schema.description ?? '', validateInput: (value) => (schema.type === 'number' || schema.type === 'integer') && Number.isNaN(Number(value)) ? 'A number, please.' : undefined });
  if (text === undefined) return undefined;
  return schema.type === 'number' || schema.type === 'integer' ? Number(text) : text;
}
