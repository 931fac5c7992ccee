import { redact } from '../redaction/redact';
import type { McpServerPolicy } from '../policy/policySchema';
import { offeredTools, reviewDefinitions, type DefinitionReview } from './definitionReview';
import type { McpServerStatus } from './mcpServerManager';
import type { McpServerToolsState } from './mcpServerTools';
import { approvalSha256, type ApprovedServer } from './pinStore';

/** How many hex digits of a pin's hash are shown: enough to tell two approvals apart at a glance. */
export const PIN_PREFIX_CHARS = 12;
const MAX_REASON_CHARS = 300;

export type McpRunState = 'not-running-here' | 'disabled' | 'not-started' | 'starting' | 'running' | 'idle' | 'stopped' | 'failed' | 'gave-up';

/** What the process that runs the server knows of it; absent where none runs (the CLI). */
export interface McpServerRuntime {
  readonly status: McpServerStatus;
  /** Failures in a row after which the manager does not restart it. */
  readonly maxFailures: number;
  readonly tools: McpServerToolsState | undefined;
}

export interface McpServerSummaryInput {
  readonly server: string;
  readonly settings: McpServerPolicy;
  readonly approved: ApprovedServer | undefined;
  readonly runtime?: McpServerRuntime;
}

/** One policy server as the reviews show it: whether it runs, what is pinned, what waits, what is offered. */
export interface McpServerSummary {
  readonly server: string;
  readonly enabled: boolean;
  readonly run: McpRunState;
  /** The state in words, a failure's reason redacted. */
  readonly state: string;
  readonly pin: { readonly approvedAt: string; readonly tools: number; readonly sha256: string } | null;
  /** Changes listed by the running server that wait for approval (its tools are withheld meanwhile); null when no listing was seen here. */
  readonly pending: { readonly firstApproval: boolean; readonly added: readonly string[]; readonly changed: readonly string[]; readonly removed: readonly string[] } | null;
  /** Which listing `offered`, `withheld` and `flags` describe: the running server's, the pinned one, or none. */
  readonly listing: 'current' | 'pinned' | 'none';
  readonly offered: readonly string[];
  readonly withheld: readonly { readonly tool: string; readonly reason: string }[];
  readonly flags: readonly { readonly tool: string; readonly verdict: 'flag' | 'block'; readonly rules: readonly string[] }[];
}

/**
 * Summarises one policy server. With a runtime the listing is the running server's (a changed
 * one withholds every tool until approved); without one the pinned definitions are reviewed
 * against the policy as it is now, which says what the server would offer if its listing has not
 * changed: nothing is started to find out.
 */
export function mcpServerSummary(input: McpServerSummaryInput): McpServerSummary {
  const { server, settings, approved, runtime } = input;
  const current = runtime?.tools?.kind === 'offered' || runtime?.tools?.kind === 'withheld' ? runtime.tools.review : undefined;
  const review = current ?? pinnedReview(server, settings, approved);
  const offered = review === undefined ? [] : offeredTools(review).map((tool) => tool.name);
  const listed = review?.tools.filter((tool) => tool.change !== 'removed') ?? [];
  return {
    server,
    enabled: settings.enabled,
    ...runState(settings, runtime),
    pin: approved === undefined ? null : { approvedAt: approved.approvedAt, tools: approved.tools.size, sha256: approvalSha256(approved).slice(0, PIN_PREFIX_CHARS) },
    pending: current === undefined || current.approved ? null : {
      firstApproval: current.firstApproval,
      added: names(current, 'added'),
      changed: names(current, 'changed'),
      removed: names(current, 'removed'),
    },
    listing: current !== undefined ? 'current' : review !== undefined ? 'pinned' : 'none',
    offered,
    withheld: listed.filter((tool) => !offered.includes(tool.name)).map((tool) => ({ tool: tool.name, reason: withheldReason(review, tool) })),
    flags: listed.flatMap((tool) => (tool.scan?.verdict === 'flag' || tool.scan?.verdict === 'block' ? [{ tool: tool.name, verdict: tool.scan.verdict, rules: tool.scan.reasons.map((reason) => reason.rule) }] : [])),
  };
}

/** The summary as lines of text, for `airlock mcp list` and the review's document. */
export function mcpServerSummaryText(summary: McpServerSummary): string[] {
  const pin = summary.pin === null ? 'never approved' : `${summary.pin.tools} tool${summary.pin.tools === 1 ? '' : 's'} approved ${summary.pin.approvedAt} (pin ${summary.pin.sha256}…)`;
  const lines = [`state: ${summary.state}`, `pin: ${pin}`];
  const pending = summary.pending;
  if (pending !== null) {
    const parts = (['added', 'changed', 'removed'] as const).filter((change) => pending[change].length > 0).map((change) => `${change} ${pending[change].join(', ')}`);
    lines.push(`withheld until you approve ${pending.firstApproval ? 'its first listing' : 'the changes'}: ${parts.join('; ') || 'no tools'}`);
  }
  const of = summary.listing === 'current' ? 'the listing' : 'the pinned listing';
  if (summary.listing !== 'none') {
    lines.push(`offered from ${of}: ${summary.offered.join(', ') || 'none'}`);
    if (summary.withheld.length > 0) lines.push(`not offered: ${summary.withheld.map((tool) => `${tool.tool} (${tool.reason})`).join('; ')}`);
    lines.push(`flags: ${summary.flags.map((flag) => `${flag.tool} ${flag.verdict === 'block' ? 'BLOCKED' : 'flagged'} (${flag.rules.join(', ')})`).join('; ') || 'none'}`);
  }
  return lines;
}

function runState(settings: McpServerPolicy, runtime: McpServerRuntime | undefined): Pick<McpServerSummary, 'run' | 'state'> {
  if (!settings.enabled) return { run: 'disabled', state: 'disabled by the policy (enabled: false)' };
  if (runtime === undefined) return { run: 'not-running-here', state: 'not running in this process' };
  const { state, reason, failures } = runtime.status;
  const why = reason === undefined ? '' : shortReason(reason);
  switch (state) {
    case 'starting':
      return { run: 'starting', state: why === '' ? 'starting' : `starting (${why})` };
    case 'running':
      return { run: 'running', state: 'running' };
    case 'failed':
      return failures >= runtime.maxFailures
        ? { run: 'gave-up', state: `gave up after ${failures} failures in a row (not restarted until stopped by hand): ${why}` }
        : { run: 'failed', state: `failed (${failures} in a row, restarted on next use): ${why}` };
    case 'stopped':
      if (reason === undefined) return { run: 'not-started', state: 'not started' };
      // The manager's words for an idle stop.
      return reason.startsWith('idle for ') ? { run: 'idle', state: `stopped when ${why}` } : { run: 'stopped', state: `stopped: ${why}` };
  }
}

/** A failure's reason carries the server's stderr tail: redacted again here, and cut, before anyone sees it. */
function shortReason(reason: string): string {
  const text = redact(reason).text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text;
}

function pinnedReview(server: string, settings: McpServerPolicy, approved: ApprovedServer | undefined): DefinitionReview | undefined {
  if (approved === undefined) return undefined;
  try {
    return reviewDefinitions(server, settings, approved, [...approved.tools.values()].map((tool) => tool.definition));
  } catch {
    // A pinned definition too large to review again offers nothing; the summary says there is no listing.
    return undefined;
  }
}

function names(review: DefinitionReview, change: 'added' | 'changed' | 'removed'): string[] {
  return review.tools.filter((tool) => tool.change === change).map((tool) => tool.name);
}

function withheldReason(review: DefinitionReview | undefined, tool: DefinitionReview['tools'][number]): string {
  if (review !== undefined && !review.approved) return review.firstApproval ? 'never approved' : 'the listing changed: awaiting your approval';
  if (tool.scan?.verdict === 'block') return 'blocked by the definition scan';
  if (tool.naming !== undefined && !tool.naming.ok) return tool.naming.reason;
  if (tool.unsupported !== undefined) return tool.unsupported;
  return tool.policy.offered ? 'not offered' : tool.policy.reason;
}
