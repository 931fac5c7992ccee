import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { auditViewMessageSchema, type AuditRow, type AuditViewHostMessage } from '../core/protocol/auditViewProtocol';

/** What the panel needs from the audit log: recent rows and whether the chain verifies. */
export type AuditSnapshot = { file: string; rows: AuditRow[]; truncated: boolean; integrity: { ok: boolean; message: string } };

/** "Airlock: Show Audit Log": a readable, filterable view (decision, tool, time) of the log. */
export class AuditLogPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly assets: vscode.Uri,
    private readonly snapshot: () => Promise<AuditSnapshot>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      void this.push();
      return;
    }
    const panel = vscode.window.createWebviewPanel('airlock.auditLog', 'Airlock Audit Log', vscode.ViewColumn.Active, { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.assets] });
    this.panel = panel;
    panel.iconPath = new vscode.ThemeIcon('shield');
    panel.webview.html = this.html(panel.webview);
    const listener = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = auditViewMessageSchema.safeParse(raw);
      if (!parsed.success) {
        this.log.warn('Rejected a malformed message from the audit log page.');
        return;
      }
      void this.push();
    });
    panel.onDidDispose(() => {
      listener.dispose();
      this.panel = undefined;
    });
  }

  private async push(): Promise<void> {
    let message: AuditViewHostMessage;
    try {
      message = { type: 'entries', ...(await this.snapshot()) };
    } catch (error) {
      message = { type: 'error', message: `The audit log could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    await this.panel?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(18).toString('base64');
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.assets, name)).toString();
    const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none'`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link href="${asset('audit.css')}" rel="stylesheet"><title>Airlock Audit Log</title></head>
<body>
<div class="toolbar">
  <label>Decision <select id="filter-decision"><option value="all">all</option><option value="deny">deny</option><option value="allow">allow</option><option value="ask">ask</option></select></label>
  <label>Time <select id="filter-since"><option value="all">all</option><option value="hour">last hour</option><option value="day">last day</option><option value="week">last week</option></select></label>
  <input id="filter-text" type="search" placeholder="Filter by tool, action, target…" aria-label="Filter">
  <button id="refresh">Refresh</button>
  <span id="summary"></span>
</div>
<div id="integrity" role="status"></div>
<table><thead><tr><th>#</th><th>Time</th><th>Actor</th><th>Tool</th><th>Action</th><th>Target</th><th>Decision</th><th>Reason · rule</th></tr></thead><tbody id="rows"></tbody></table>
<script nonce="${nonce}" src="${asset('audit.js')}"></script>
</body></html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
