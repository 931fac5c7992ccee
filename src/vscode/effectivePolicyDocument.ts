import * as vscode from 'vscode';
import { stringify } from 'yaml';
import type { PolicyService } from './policyService';

const SCHEME = 'airlock-policy';
const URI = vscode.Uri.from({ scheme: SCHEME, path: '/effective-policy.yaml' });

/** A read-only document with the policy in force and where each part came from. */
export class EffectivePolicyDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly policy: PolicyService) {
    this.disposables = [this.changed, vscode.workspace.registerTextDocumentContentProvider(SCHEME, this), policy.onDidChange(() => this.changed.fire(URI))];
  }

  async show(): Promise<void> {
    await this.policy.reload();
    const document = await vscode.workspace.openTextDocument(URI);
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  provideTextDocumentContent(): string {
    const effective = this.policy.current;
    if (!effective) return '# The policy has not been loaded yet.\n';
    const header = [
      `# Airlock effective policy — pack "${effective.packName}" (read-only view)`,
      '# Sources, in merge order (lists add; deny and block win; the managed policy caps):',
      ...effective.sources.map((source) => `#   ${source.kind}: ${source.file}${source.current ? '' : '  (invalid now: its last valid content is in force)'}`),
      ...(effective.pendingOverlay ? [`# NOT APPLIED: ${effective.pendingOverlay.file} awaits your approval (Airlock: Review Workspace Policy Overlay…)`] : []),
      ...effective.errors.map((error) => `# ERROR: ${error.message}`),
      ...effective.warnings.map((warning) => `# warning: ${warning}`),
    ];
    return `${header.join('\n')}\n${stringify(effective.policy)}`;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
