import * as vscode from 'vscode';
import type { ApprovalAnswer, ApprovalRequest, Approver } from '../core/approval/approver';

const ALLOW_ONCE = 'Allow once';
const ALLOW_SESSION = 'Allow for this session';
const SHOW_DIFF = 'Show Diff';
const DENY = 'Deny…';
export const PROPOSAL_SCHEME = 'airlock-proposal';

/**
 * Asks in VS Code's modal dialog. Closing it, Escape or Cancel is a denial; a denial may carry
 * a short reason the agent is told. "Show Diff" opens the proposed change and asks again.
 */
export class ModalApprover implements Approver, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, string>();
  private nextId = 1;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);

  async ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    const buttons = [ALLOW_ONCE, ...(request.allowSession ? [ALLOW_SESSION] : []), ...(request.diff ? [SHOW_DIFF] : []), DENY];
    const detail = `${request.detail}\n\nTool: ${request.tool} · risk: ${request.risk}`;
    for (let shown = 0; shown < 20 && !signal.aborted; shown++) {
      const choice = await vscode.window.showWarningMessage(`Airlock: ${request.title}`, { modal: true, detail }, ...buttons);
      if (signal.aborted) break;
      if (choice === ALLOW_ONCE) return { verdict: 'allow-once' };
      if (choice === ALLOW_SESSION) return { verdict: 'allow-session' };
      if (choice === SHOW_DIFF && request.diff) {
        await this.showDiff(request.diff);
        continue;
      }
      if (choice === DENY) return { verdict: 'deny', reason: await askReason() };
      return { verdict: 'deny', reason: 'dismissed' };
    }
    return { verdict: 'deny', reason: 'cancelled' };
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.query) ?? '';
  }

  private async showDiff(diff: NonNullable<ApprovalRequest['diff']>): Promise<void> {
    const id = String(this.nextId++);
    this.proposals.set(`${id}-before`, diff.before);
    this.proposals.set(`${id}-after`, diff.after);
    const name = diff.path.split(/[\\/]/).pop() ?? diff.path;
    const left = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${name}`, query: `${id}-before` });
    const right = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${name}`, query: `${id}-after` });
    await vscode.commands.executeCommand('vscode.diff', left, right, `${name}: current ↔ proposed by the agent`);
  }

  dispose(): void {
    this.registration.dispose();
    this.proposals.clear();
  }
}

async function askReason(): Promise<string> {
  const reason = await vscode.window.showInputBox({
    title: 'Airlock: why deny? (optional, the agent is told)',
    placeHolder: 'e.g. use the staging host instead',
    validateInput: (value) => (value.length > 300 ? 'Keep it under 300 characters.' : undefined),
  });
  const trimmed = reason?.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  return trimmed ? `denied: ${trimmed}` : 'denied';
}
