import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { ApprovalAnswer, ApprovalRequest, Approver } from '../approval/approver';

const DECISION = 'decision';

/**
 * The Approver of Airlock's MCP gateway: the question the agent's modal dialog asks, put to the
 * person at the other end of the MCP client through its elicitation (a form with one choice).
 * A client that declared no elicitation, fails, declines or cancels has not said yes: every
 * answer but "allow" is a denial, so no call runs unasked.
 */
export function elicitationApprover(server: Server): Approver {
  return { ask: (request, signal) => askThroughClient(server, request, signal) };
}

async function askThroughClient(server: Server, request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
  if (server.getClientCapabilities()?.elicitation === undefined) return { verdict: 'deny', reason: 'the MCP client cannot ask you: it declared no elicitation', unanswered: true };
  const choices = [['deny', 'Deny'], ['allow', request.allowLabel ?? 'Allow once'], ...(request.allowSession ? [['allow-session', 'Allow for this session']] : [])];
  try {
    const answer = await server.elicitInput({
      message: `Airlock: ${request.title}\n\n${request.detail}\n\nTool: ${request.tool} · risk: ${request.risk}`,
      requestedSchema: {
        type: 'object',
        properties: { [DECISION]: { type: 'string', title: 'Your decision', enum: choices.map(([value]) => value as string), enumNames: choices.map(([, label]) => label as string), default: 'deny' } },
        required: [DECISION],
      },
    }, { signal });
    if (answer.action !== 'accept') return { verdict: 'deny', reason: answer.action === 'decline' ? 'declined' : 'cancelled' };
    const decision = answer.content?.[DECISION];
    if (decision === 'allow') return { verdict: 'allow-once' };
    if (decision === 'allow-session' && request.allowSession) return { verdict: 'allow-session' };
    return { verdict: 'deny', reason: 'denied' };
  } catch (error) {
    return { verdict: 'deny', reason: `the MCP client could not ask you (${error instanceof Error ? error.message : String(error)})`, unanswered: true };
  }
}
