import type { GateDecision } from '../approval/approvalGate';
import type { ApprovalRequest } from '../approval/approver';
import type { PolicyPack } from '../policy/policySchema';
import type { EgressDecision } from './egressDecision';
import { ownValue } from '../policy/keyedRecord';

/** The approval port SafeFetch asks through (ApprovalGate fits: it adds session grants and its own timeout). */
export interface EgressApprovals {
  request(request: ApprovalRequest, signal: AbortSignal): Promise<GateDecision>;
}

/**
 * Asks the user about a request a `requireApproval` rule matched: one tool, one origin (a session
 * grant covers exactly that). Fails closed: nobody to ask, an error, or no answer within
 * `approvals.timeoutSeconds` is an `approval-denied` decision naming the rule.
 */
export async function askApproval(approvals: EgressApprovals | undefined, policy: PolicyPack, tool: string, decision: EgressDecision, url: URL, redactedUrl: string, signal: AbortSignal): Promise<EgressDecision> {
  const rule = decision.rule === undefined ? {} : { rule: decision.rule };
  const refused = (why: string): EgressDecision => ({ verdict: 'deny', reason: 'approval-denied', detail: `${url.host} needs approval for ${tool}: ${why}.`, ...rule });
  if (approvals === undefined) return refused('nobody can be asked here');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<GateDecision>((resolve) => {
    timer = setTimeout(() => resolve({ allowed: false, reason: `no answer within ${policy.approvals.timeoutSeconds} s`, unanswered: true }), policy.approvals.timeoutSeconds * 1000);
  });
  const request: ApprovalRequest = {
    tool,
    risk: ownValue(policy.tools, tool)?.risk ?? 'medium',
    target: `${tool} ${url.protocol}//${url.host}`,
    title: `Allow ${tool} to reach ${url.host}?`,
    detail: `${decision.detail}\nRequest: ${redactedUrl}`,
    allowSession: policy.approvals.allowSessionScope,
  };
  try {
    const answer = await Promise.race([approvals.request(request, signal), timeout]);
    return answer.allowed ? { verdict: 'allow', reason: 'approval-required', detail: `the user approved ${url.host} (${answer.how}).`, ...rule } : refused(answer.reason);
  } catch (error) {
    return refused(`the approval could not be asked (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timer);
  }
}
