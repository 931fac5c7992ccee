import * as vscode from 'vscode';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatViewProvider';
import { registerCommands } from './vscode/commands';
import { ModelConnection } from './vscode/modelConnection';
import { ApiKeyStore } from './vscode/modelSettings';

/** Builds the core and wires the adapters. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Airlock', { log: true });
  context.subscriptions.push(log);
  try {
    const apiKeys = new ApiKeyStore(context.secrets);
    const connection = new ModelConnection(context.secrets, apiKeys, log);
    const chat = new ChatViewProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), connection, log);
    context.subscriptions.push(
      connection,
      chat,
      vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat),
      ...registerCommands({ chat, connection, apiKeys, log }),
    );
    void connection.refresh();
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: chat only'})`);
  } catch (error) {
    log.error(`activation failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Airlock could not start: ${String(error)}`);
    throw error;
  }
}

export function deactivate(): void {}
