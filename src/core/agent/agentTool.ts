import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ApprovalRequest } from '../approval/approver';
import type { UntrustedKind } from '../content/spotlight';
import type { PolicyPack, RiskLevel } from '../policy/policySchema';

/** A change to the policy that would let a refused call through, offered on its card (asked first). */
export interface ToolFix {
  readonly tool: string;
  readonly host: string;
}

/** Facts a tool adds to the audit entry of its call (an MCP call: server, argument hash, bytes). */
export type ToolAuditFacts = Readonly<Record<string, string | number | boolean>>;

/** What a tool hands back to the model (as data) and shows on its card in the panel. */
export type ToolResult = { readonly ok: true; readonly content: string; readonly summary: string; readonly audit?: ToolAuditFacts } | { readonly ok: false; readonly error: string; readonly fix?: ToolFix; readonly audit?: ToolAuditFacts };

/** What the tool will do with these arguments, for the approval dialog and the tool card. */
export interface ToolPlan {
  readonly target: string;
  readonly summary: string;
  readonly detail: string;
  readonly diffs?: ApprovalRequest['diffs'];
  readonly allowLabel?: string;
  readonly permanent?: boolean;
  /**
   * The tool's own policy said what to do with these arguments (the `commands` rules for
   * shell.run): 'deny' refuses with the reason, 'ask' asks whatever the risk, 'allow' runs
   * without asking. Absent: the risk and the approval levels decide.
   */
  readonly verdict?: ToolVerdict;
}

export interface ToolVerdict {
  readonly kind: 'allow' | 'ask' | 'deny';
  readonly reason: string;
}

/** Output a running tool streams to its card as it comes (a command's stdout and stderr). */
export type ToolProgress = (text: string) => void;

/**
 * A capability the agent may call. Its id is the policy's tool id (`security.egress.update`);
 * the model sees it as a function whose arguments the schema validates before anything runs.
 */
export interface AgentTool<Args = unknown> {
  readonly id: string;
  readonly description: string;
  readonly parameters: z.ZodType<Args>;
  /**
   * The JSON Schema the model is given, for a tool whose arguments are described by someone else
   * (an MCP server); `parameters` still validates them. Absent: derived from `parameters`.
   */
  readonly inputSchema?: Readonly<Record<string, unknown>>;
  /**
   * Whether the policy enables the tool and at what risk, for a tool the policy configures outside
   * `tools` (an MCP tool, under `mcp.servers`). Absent: `policy.tools[id]`.
   */
  settings?(policy: PolicyPack): { readonly enabled: boolean; readonly risk: RiskLevel };
  /** True for tools that ask whatever the policy's approval levels say (e.g. guard edits). */
  readonly alwaysAsk: boolean;
  /**
   * Set for tools whose output comes from outside (a web page, a file): it is sanitized, scanned
   * and wrapped as data by the content guard before the model sees it.
   */
  readonly untrustedOutput?: UntrustedKind;
  plan(args: Args): Promise<ToolPlan>;
  run(args: Args, signal: AbortSignal, progress?: ToolProgress): Promise<ToolResult>;
}

/** OpenAI allows at most this many characters in a function name. */
export const MAX_FUNCTION_NAME = 64;

/**
 * OpenAI function names allow only [A-Za-z0-9_-]; policy ids use dots. An id too long for that
 * (an MCP tool's may be) keeps its start and ends in a hash of the whole id, so the name is stable
 * from one listing to the next.
 */
export function functionName(toolId: string): string {
  const name = toolId.replaceAll('.', '_');
  if (name.length <= MAX_FUNCTION_NAME) return name;
  const hash = createHash('sha256').update(toolId, 'utf8').digest('hex').slice(0, 12);
  return `${name.slice(0, MAX_FUNCTION_NAME - hash.length - 1)}_${hash}`;
}
