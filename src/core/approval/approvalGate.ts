import type { AuditSink } from '../audit/auditSink';
import type { ApprovalAnswer, ApprovalRequest, Approver } from './approver';

export type GateDecision =
  | { readonly allowed: true; readonly how: 'session-grant' | 'allow-once' | 'allow-session' | 'allow-permanent' }
  | { readonly allowed: false; readonly reason: string; /** No person answered: a timeout, a cancel, nobody to ask. */ readonly unanswered?: boolean };

/**
 * Asks the user through the Approver and fails closed: a cancelled dialog, a timeout or an
 * error is a denial. A session grant covers exactly one tool and one target, never more.
 */
export class ApprovalGate {
  private readonly sessionGrants = new Set<string>();

  constructor(
    private readonly approver: Approver,
    private readonly audit: AuditSink,
    private readonly timeoutMs: () => number,
  ) {}

  async request(request: ApprovalRequest, signal: AbortSignal): Promise<GateDecision> {
    const key = grantKey(request.tool, request.target);
    const remembered = request.allowSession && request.permanent !== true;
    if (remembered && this.sessionGrants.has(key)) {
      this.audit.record({ actor: 'system', action: 'approval', target: request.target, decision: 'allow', reason: 'session-grant', detail: { tool: request.tool } });
      return { allowed: true, how: 'session-grant' };
    }
    this.audit.record({ actor: 'agent', action: 'approval.request', target: request.target, decision: 'ask', detail: { tool: request.tool, risk: request.risk } });
    const answer = await this.askWithTimeout(request, signal);
    if (answer.verdict === 'deny') {
      const reason = answer.reason ?? 'denied';
      const unanswered = answer.unanswered === true;
      this.audit.record({ actor: unanswered ? 'system' : 'user', action: 'approval.answer', target: request.target, decision: 'deny', reason, detail: { tool: request.tool } });
      return { allowed: false, reason, ...(unanswered ? { unanswered } : {}) };
    }
    if (answer.verdict === 'allow-session' && remembered) this.sessionGrants.add(key);
    const how = request.permanent === true ? 'allow-permanent' : answer.verdict === 'allow-session' && remembered ? 'allow-session' : 'allow-once';
    this.audit.record({ actor: 'user', action: 'approval.answer', target: request.target, decision: 'allow', reason: how, detail: { tool: request.tool } });
    return { allowed: true, how };
  }

  /** Forgets every session grant (a new chat, a policy change). */
  clearSessionGrants(): void {
    this.sessionGrants.clear();
  }

  private async askWithTimeout(request: ApprovalRequest, outer: AbortSignal): Promise<ApprovalAnswer> {
    const ms = this.timeoutMs();
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    outer.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ApprovalAnswer>((resolve) => {
      timer = setTimeout(() => {
        // Settle before aborting, so the race reports the timeout rather than a cancel.
        resolve({ verdict: 'deny', reason: `no answer within ${Math.round(ms / 1000)} s`, unanswered: true });
        controller.abort();
      }, ms);
    });
    const cancelled = new Promise<ApprovalAnswer>((resolve) => controller.signal.addEventListener('abort', () => resolve({ verdict: 'deny', reason: 'cancelled', unanswered: true }), { once: true }));
    try {
      return await Promise.race([this.approver.ask(request, controller.signal), timeout, cancelled]);
    } catch (error) {
      return { verdict: 'deny', reason: `the approval could not be asked (${error instanceof Error ? error.message : String(error)})`, unanswered: true };
    } finally {
      clearTimeout(timer);
      outer.removeEventListener('abort', onAbort);
    }
  }
}

function grantKey(tool: string, target: string): string {
  return JSON.stringify([tool, target]);
}
