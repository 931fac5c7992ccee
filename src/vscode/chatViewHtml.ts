import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/**
 * The panel's page. The CSP allows nothing but the extension's own bundled script (by nonce),
 * its stylesheet and font: no remote images, no inline script, no connections.
 */
export function chatViewHtml(webview: vscode.Webview, assets: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string): string => webview.asWebviewUri(joinUri(assets, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${asset('codicon.css')}" rel="stylesheet" id="vscode-codicon-stylesheet">
<link href="${asset('chat.css')}" rel="stylesheet">
<title>Airlock Chat</title>
</head>
<body>
<header class="status-bar">
  <div id="status" data-state="checking" role="status" aria-live="polite">
    <span class="codicon codicon-circle-filled status-dot" aria-hidden="true"></span>
    <div class="status-lines">
      <div class="status-text">Checking the model server…</div>
      <div class="status-endpoint"></div>
      <div class="status-sources" id="sources"></div>
      <div class="status-cost" id="cost" hidden></div>
    </div>
  </div>
  <select id="model-picker" class="model-picker" title="Model" aria-label="Model" hidden></select>
  <button id="history-toggle" class="icon-button" title="Past chats" aria-label="Past chats" aria-expanded="false" aria-controls="history"><span class="codicon codicon-history" aria-hidden="true"></span></button>
</header>
<ul id="history" class="history" aria-label="Past chats" hidden></ul>
<section id="notice" hidden role="alert">
  <div class="notice-message"></div>
  <div class="notice-hint"></div>
  <div class="notice-actions">
    <button id="notice-retry" class="text-button">Check again</button>
    <button id="notice-settings" class="text-button">Open Settings</button>
  </div>
</section>
<section id="policy-banner" hidden role="alert">
  <div class="policy-banner-message"></div>
  <div class="notice-actions">
    <button id="policy-open-file" class="text-button">Open File</button>
  </div>
</section>
<main id="messages" aria-live="polite"></main>
<footer class="composer">
  <div id="chips" class="chips" role="list" aria-label="Attached context" hidden></div>
  <ul id="mentions" class="mentions" role="listbox" aria-label="Files and folders to attach" hidden></ul>
  <textarea id="prompt" rows="3" placeholder="Ask Airlock… (Enter to send, Shift+Enter for a new line, Esc to stop)" aria-label="Message"></textarea>
  <div class="composer-actions">
    <button id="stop" class="stop-button" title="Stop the reply (Esc)" aria-label="Stop the reply" hidden><span class="codicon codicon-debug-stop" aria-hidden="true"></span><span>Stop</span></button>
    <button id="send" class="icon-button primary" title="Send (Enter)" aria-label="Send"><span class="codicon codicon-send" aria-hidden="true"></span></button>
  </div>
  <div id="context-meter" class="context-meter" role="meter" aria-label="Context window used" aria-valuemin="0" aria-valuemax="100" hidden><div class="context-bar"><div class="context-bar-fill"></div></div><span class="context-text"></span></div>
</footer>
<script nonce="${nonce}" src="${asset('chat.js')}"></script>
</body>
</html>`;
}

function joinUri(base: vscode.Uri, name: string): vscode.Uri {
  return base.with({ path: `${base.path}/${name}` });
}
