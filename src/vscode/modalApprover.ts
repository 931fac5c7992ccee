import * as vscode from 'vscode';
import type { ApprovalAnswer, ApprovalDiff, ApprovalRequest, Approver } from '../core/approval/approver';

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
    const allow = request.allowLabel ?? ALLOW_ONCE;
    const buttons = [allow, ...(request.allowSession ? [ALLOW_SESSION] : []), ...(request.diffs?.length ? [SHOW_DIFF] : []), DENY];
    const detail = `${request.detail}\n\nTool: ${request.tool} · risk: ${request.risk}`;
    const opened: string[] = [];
    try {
      for (let shown = 0; shown < 20 && !signal.aborted; shown++) {
        const choice = await vscode.window.showWarningMessage(`Airlock: ${request.title}`, { modal: true, detail }, ...buttons);
        if (signal.aborted) break;
        if (choice === allow) return { verdict: 'allow-once' };
        if (choice === ALLOW_SESSION) return { verdict: 'allow-session' };
        if (choice === SHOW_DIFF && request.diffs?.length) {
          opened.push(await this.showDiffs(request.diffs));
          continue;
        }
        if (choice === DENY) return { verdict: 'deny', reason: await askReason() };
        return { verdict: 'deny', reason: 'dismissed' };
      }
      return { verdict: 'deny', reason: 'cancelled' };
    } finally {
      // The diff belongs to the question: once it is answered, its tabs close.
      await this.closeDiffs(opened);
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.query) ?? '';
  }

  /** A diff editor for each file, side by side with the current text. Returns the id its tabs carry. */
  private async showDiffs(diffs: readonly ApprovalDiff[]): Promise<string> {
    const id = String(this.nextId++);
    const pairs = diffs.map((diff, index) => {
      this.proposals.set(`${id}-${index}-before`, diff.before);
      this.proposals.set(`${id}-${index}-after`, diff.after);
      const name = diff.path.split(/[\\/]/).pop() ?? diff.path;
      const side = (which: string): vscode.Uri => vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: diff.path.startsWith('/') ? diff.path : `/${diff.path}`, query: `${id}-${index}-${which}` });
      return { name: diff.title ?? `${name}: current ↔ proposed by the agent`, original: side('before'), proposed: side('after') };
    });
    for (const [index, pair] of pairs.entries()) {
      const of = pairs.length > 1 ? ` (${index + 1} of ${pairs.length})` : '';
      await vscode.commands.executeCommand('vscode.diff', pair.original, pair.proposed, `${pair.name}${of}`, { preview: false });
    }
    return id;
  }

  private async closeDiffs(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const ours = (uri: unknown): boolean => uri instanceof vscode.Uri && uri.scheme === PROPOSAL_SCHEME && ids.some((id) => uri.query.startsWith(`${id}-`));
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
      const input: unknown = tab.input;
      return input instanceof vscode.TabInputTextDiff && ours(input.modified);
    });
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    for (const key of [...this.proposals.keys()]) if (ids.some((id) => key.startsWith(`${id}-`))) this.proposals.delete(key);
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
    // The box opens as the modal closes; the focus the modal gives back must not dismiss it (a CI
    // run saw the box vanish and the denial go through without the reason the user was typing).
    ignoreFocusOut: true,
    validateInput: (value) => (value.length > 300 ? 'Keep it under 300 characters.' : undefined),
  });
  const trimmed = reason?.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  return trimmed ? `denied: ${trimmed}` : 'denied';
}
