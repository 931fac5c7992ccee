import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { auditFiles } from '../core/audit/auditFiles';
import { fileStamp } from '../core/files/fileStamp';
import { auditViewMessageSchema, type AuditRow, type AuditViewHostMessage } from '../core/protocol/auditViewProtocol';

/** What the panel needs from the audit log: recent rows and whether the chain verifies. */
export type AuditSnapshot = { file: string; rows: AuditRow[]; truncated: boolean; integrity: { ok: boolean; message: string } };

/**
 * How often a visible panel looks at the log for new entries. Polled, not watched: the log lives
 * outside the workspace, is written by the CLI too, and file watchers drop events (seen in
 * code-server); one stat per second of two small files costs nothing.
 */
const LIVE_POLL_MS = 1000;

/** "Airlock: Show Audit Log": a readable, filterable view (decision, tool, time) of the log, newest first, kept live. */
export class AuditLogPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The log file shown and its size and times when last pushed, to push again only on a change. */
  private shown: { file: string; stamp: string } | undefined;

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
    this.timer = setInterval(() => void this.pushIfChanged(), LIVE_POLL_MS);
    panel.onDidDispose(() => {
      listener.dispose();
      clearInterval(this.timer);
      this.timer = undefined;
      this.panel = undefined;
      this.shown = undefined;
    });
  }

  private async pushIfChanged(): Promise<void> {
    if (this.panel?.visible !== true || this.shown === undefined) return;
    if ((await stampOf(this.shown.file)) !== this.shown.stamp) await this.push();
  }

  private async push(): Promise<void> {
    let message: AuditViewHostMessage;
    try {
      // Stamped before the read: an entry appended while it is read changes the stamp, and the
      // next poll pushes it. (The very first read has no file to stamp yet; it is stamped after.)
      const known = this.shown?.file;
      const stampBefore = known === undefined ? undefined : await stampOf(known);
      const snapshot = await this.snapshot();
      this.shown = { file: snapshot.file, stamp: snapshot.file === known && stampBefore !== undefined ? stampBefore : await stampOf(snapshot.file) };
      message = { type: 'entries', ...snapshot };
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
    clearInterval(this.timer);
    this.panel?.dispose();
  }
}

/** The stamps of the active log file and its checkpoint: either changing means entries to show. */
async function stampOf(file: string): Promise<string> {
  return (await Promise.all([file, auditFiles(file).head].map(fileStamp))).join('|');
}
