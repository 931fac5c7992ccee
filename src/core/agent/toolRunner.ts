import { z } from 'zod';
import type { ApprovalGate } from '../approval/approvalGate';
import type { AuditSink } from '../audit/auditSink';
import type { ToolCall, ToolSpec } from '../messages/chatMessage';
import type { ContentVerdict } from '../content/contentTypes';
import { loadContentGuard } from '../content/contentGuardLoader';
import type { PolicyPack, RiskLevel } from '../policy/policySchema';
import { functionName, type AgentTool, type ToolFix, type ToolPlan, type ToolProgress, type ToolResult } from './agentTool';
import { ownValue } from '../policy/keyedRecord';

/** How one tool call ended, for the panel's tool card and the model. */
export interface ToolCallOutcome {
  readonly callId: string;
  readonly tool: string;
  readonly state: 'done' | 'denied' | 'error';
  readonly summary: string;
  /** What the model is told, as data. */
  readonly content: string;
  /** Content-guard categories found in untrusted output (empty when none or not scanned). */
  readonly flags: readonly string[];
  readonly guard?: { readonly verdict: ContentVerdict; readonly score: number };
  /** For a call the firewall refused: the rule that would allow it, offered on the card. */
  readonly fix?: ToolFix;
}

export interface ToolRunnerDeps {
  /** The tools, or where to get them each time (MCP servers add and withhold tools at run time). */
  readonly tools: readonly AgentTool[] | (() => readonly AgentTool[]);
  /** Undefined until the policy has loaded: no policy, no tools. */
  readonly policy: () => PolicyPack | undefined;
  readonly gate: ApprovalGate;
  readonly audit: AuditSink;
  /** In an untrusted workspace the agent gets no tools at all. */
  readonly workspaceTrusted: () => boolean;
  /** Run before a turn's first model call: MCP servers start and their listings are reviewed, so approved tools are offered. */
  readonly prepare?: (signal: AbortSignal) => Promise<void>;
  /** The name a caller uses for a tool: the model's function name by default; Airlock's MCP gateway offers its clients the tool id. */
  readonly callName?: (toolId: string) => string;
  /** Who the calls come through when not the panel's agent ('gateway'): written into every audit entry of a call as `via`. */
  readonly via?: string;
}

/**
 * Runs the model's tool calls through the guard. Order of checks: known tool, enabled by the
 * policy and the workspace trust, arguments parse and validate, approval (when the policy's
 * levels or the tool require it), then the tool itself. Any failure is a denial or an error
 * told to the model, never a crash.
 */
export class ToolRunner {
  /**
   * Where text the content guard flagged came from in this chat, with its categories: every later
   * approval says so, since the request may follow instructions hidden in that text. A Map: the
   * keys are paths and URLs.
   */
  private readonly flagged = new Map<string, Set<string>>();
  private readonly callName: (toolId: string) => string;
  private readonly via: { readonly via?: string };

  constructor(private readonly deps: ToolRunnerDeps) {
    this.callName = deps.callName ?? functionName;
    this.via = deps.via === undefined ? {} : { via: deps.via };
  }

  /** A new chat starts without the flags of the last one. */
  forgetFlagged(): void {
    this.flagged.clear();
  }

  /** Gets the tools ready for a turn; a failure only means fewer tools (the cause is the source's to report). */
  async prepare(signal: AbortSignal): Promise<void> {
    if (!this.deps.workspaceTrusted() || !this.deps.prepare) return;
    await this.deps.prepare(signal).catch(() => undefined);
  }

  /** The tools the model may be offered now. */
  specs(): ToolSpec[] {
    return this.available().map((tool) => ({ name: this.callName(tool.id), description: tool.description, parameters: tool.inputSchema ?? z.toJSONSchema(tool.parameters) }));
  }

  async run(call: ToolCall, signal: AbortSignal, onPlan: (tool: string, summary: string) => void, onOutput: ToolProgress = () => undefined): Promise<ToolCallOutcome> {
    const tool = this.available().find((candidate) => this.callName(candidate.id) === call.name);
    if (!tool) return this.refuse(call, call.name, `The tool "${call.name}" is not available.`);
    const args = parseArguments(tool, call.arguments);
    if (!args.ok) return this.refuse(call, tool.id, args.error, 'error');
    // A tool that throws while planning (even synchronously) is an error told to the model.
    const plan = await Promise.resolve()
      .then(() => tool.plan(args.value))
      .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    if ('error' in plan) return this.refuse(call, tool.id, `The call was refused: ${plan.error}`, 'error');
    onPlan(tool.id, plan.summary);
    const policy = this.deps.policy();
    if (!policy) return this.refuse(call, tool.id, 'The security policy is not loaded.');
    const risk = settingsOf(tool, policy)?.risk ?? 'critical';
    if (plan.verdict?.kind === 'deny') return this.refuse(call, tool.id, `Refused by the policy: ${plan.verdict.reason}.`, 'denied', `${plan.summary} · refused by the policy: ${plan.verdict.reason}`);
    // Who let the call through, for the tool card: the user, a session grant, or the policy.
    let decidedBy = plan.verdict?.kind === 'allow' ? `allowed by the policy (${plan.verdict.reason})` : `allowed by the policy (risk ${risk})`;
    if (mustAsk(tool, plan, policy, risk)) {
      const decision = await this.deps.gate.request({ tool: tool.id, risk, target: plan.target, title: plan.summary, detail: this.warnIfFlagged(plan.detail), allowSession: policy.approvals.allowSessionScope && !tool.alwaysAsk && plan.permanent !== true, ...(plan.diffs ? { diffs: plan.diffs } : {}), ...(plan.allowLabel ? { allowLabel: plan.allowLabel } : {}), ...(plan.permanent ? { permanent: true } : {}) }, signal);
      if (!decision.allowed) {
        return decision.unanswered === true
          ? this.refuse(call, tool.id, `Not approved: nobody answered the approval (${decision.reason}).`, 'denied', `${plan.summary} · not approved, nobody answered (${decision.reason})`)
          : this.refuse(call, tool.id, `The user denied this (${decision.reason}).`, 'denied', `${plan.summary} · not allowed by you (${decision.reason})`);
      }
      decidedBy = decision.how === 'session-grant' ? 'allowed by a session grant' : 'allowed by you';
    }
    const result = await Promise.resolve()
      .then(() => tool.run(args.value, signal, onOutput))
      .catch((error: unknown): ToolResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    if (!result.ok) {
      this.deps.audit.record({ actor: 'agent', action: `tool.${tool.id}`, target: plan.target, decision: 'deny', reason: result.error, ...(result.audit ? { detail: { tool: tool.id, ...this.via, ...result.audit, approvedBy: decidedBy } } : {}) });
      return { callId: call.id, tool: tool.id, state: 'error', summary: `${plan.summary}: ${result.error}`, content: `Error: ${result.error}`, flags: [], ...(result.fix ? { fix: result.fix } : {}) };
    }
    return await this.guardOutput(call, tool, plan.target, { ...result, summary: `${result.summary} · ${decidedBy}` }, policy, decidedBy);
  }

  /** Untrusted output reaches the model only sanitized, scanned and wrapped as data. */
  private async guardOutput(call: ToolCall, tool: AgentTool, target: string, result: Extract<ToolResult, { ok: true }>, policy: PolicyPack, decidedBy: string): Promise<ToolCallOutcome> {
    if (!tool.untrustedOutput) {
      this.deps.audit.record({ actor: 'agent', action: `tool.${tool.id}`, target, decision: 'allow', reason: 'done', ...(result.audit ? { detail: { tool: tool.id, ...this.via, ...result.audit, approvedBy: decidedBy } } : {}) });
      return { callId: call.id, tool: tool.id, state: 'done', summary: result.summary, content: result.content, flags: [] };
    }
    const { wrapUntrusted } = await loadContentGuard();
    const wrapped = wrapUntrusted(result.content, { source: target, kind: tool.untrustedOutput, thresholds: policy.contentGuard });
    const flags = [...new Set(wrapped.scan.flags.map((flag) => flag.category))];
    const verdict = wrapped.scan.verdict;
    this.deps.audit.record({
      actor: 'agent',
      action: `tool.${tool.id}`,
      target,
      decision: wrapped.withheld ? 'deny' : 'allow',
      reason: wrapped.withheld ? 'content guard blocked the output' : verdict === 'flag' ? 'done; content guard flagged the output' : 'done',
      flags,
      detail: { tool: tool.id, ...this.via, ...result.audit, approvedBy: decidedBy, guard: { verdict, score: wrapped.scan.score, rules: [...new Set(wrapped.scan.flags.map((flag) => flag.rule))].slice(0, 20) } },
    });
    if (verdict !== 'allow') this.flagged.set(target, new Set([...(this.flagged.get(target) ?? []), ...flags]));
    const note = verdict === 'allow' ? '' : ` · content guard: ${verdict} (${flags.join(', ')})`;
    return { callId: call.id, tool: tool.id, state: wrapped.withheld ? 'denied' : 'done', summary: `${result.summary}${note}`, content: wrapped.text, flags, guard: { verdict, score: wrapped.scan.score } };
  }

  private warnIfFlagged(detail: string): string {
    if (this.flagged.size === 0) return detail;
    const sources = [...this.flagged].slice(0, 5).map(([source, categories]) => `${source} (${[...categories].join(', ')})`).join('; ');
    return `⚠ Earlier in this chat the content guard flagged text from ${sources}. This request may follow instructions hidden in that text.\n\n${detail}`;
  }

  /** Enabled tools; of two with one function name, the first listed (Airlock's own come first), so no tool can take another's name. */
  private available(): AgentTool[] {
    if (!this.deps.workspaceTrusted()) return [];
    const policy = this.deps.policy();
    if (!policy) return [];
    const tools = typeof this.deps.tools === 'function' ? this.deps.tools() : this.deps.tools;
    const names = new Set<string>();
    return tools.filter((tool) => {
      const name = functionName(tool.id);
      if (names.has(name) || settingsOf(tool, policy)?.enabled !== true) return false;
      names.add(name);
      return true;
    });
  }

  private refuse(call: ToolCall, tool: string, message: string, state: 'denied' | 'error' = 'denied', summary = message): ToolCallOutcome {
    this.deps.audit.record({ actor: 'agent', action: `tool.${tool}`, decision: 'deny', reason: message, detail: { tool, ...this.via } });
    return { callId: call.id, tool, state, summary, content: `Error: ${message}`, flags: [] };
  }
}

/** Where the policy configures the tool: its own settings hook (an MCP tool), else `policy.tools`. */
function settingsOf(tool: AgentTool, policy: PolicyPack): { readonly enabled: boolean; readonly risk: RiskLevel } | undefined {
  return tool.settings ? tool.settings(policy) : ownValue(policy.tools, tool.id);
}

/** A tool's own verdict decides over the risk levels; 'allow' never overrides a tool that always asks. */
function mustAsk(tool: AgentTool, plan: ToolPlan, policy: PolicyPack, risk: string): boolean {
  if (tool.alwaysAsk || plan.verdict?.kind === 'ask') return true;
  if (plan.verdict?.kind === 'allow') return false;
  return policy.approvals.require.includes(risk as PolicyPack['approvals']['require'][number]);
}

function parseArguments<Args>(tool: AgentTool<Args>, raw: string): { ok: true; value: Args } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, error: `The arguments for ${tool.id} are not valid JSON.` };
  }
  const parsed = tool.parameters.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `Invalid arguments for ${tool.id}${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}.` };
}
