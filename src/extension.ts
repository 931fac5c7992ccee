import * as vscode from 'vscode';
import { ApprovalGate } from './core/approval/approvalGate';
import { JsonlAuditLog } from './core/audit/jsonlAuditLog';
import { egressUpdateTool } from './core/agent/tools/egressUpdateTool';
import { ToolRunner } from './core/agent/toolRunner';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatViewProvider';
import { registerCommands } from './vscode/commands';
import { EffectivePolicyDocument } from './vscode/effectivePolicyDocument';
import { ModalApprover } from './vscode/modalApprover';
import { ModelConnection } from './vscode/modelConnection';
import { ApiKeyStore } from './vscode/modelSettings';
import { PolicyService } from './vscode/policyService';
import { policyStatusBar } from './vscode/policyStatusBar';

/** Builds the core and wires the adapters. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Airlock', { log: true });
  context.subscriptions.push(log);
  try {
    const storage = context.storageUri ?? context.globalStorageUri;
    const audit = new JsonlAuditLog(vscode.Uri.joinPath(storage, 'audit.jsonl').fsPath, (error) => log.error(`audit log write failed: ${String(error)}`));
    const policy = new PolicyService(vscode.Uri.joinPath(context.extensionUri, 'policy').fsPath, log, audit);
    const approver = new ModalApprover();
    const gate = new ApprovalGate(approver, audit, () => (policy.policy?.approvals.timeoutSeconds ?? 300) * 1000);
    const tools = new ToolRunner({
      tools: [egressUpdateTool({ workspaceFolder: () => policy.workspaceFolder, packName: () => policy.packName, configDir: policy.configDir })],
      policy: () => policy.policy,
      gate,
      audit,
      workspaceTrusted: () => vscode.workspace.isTrusted,
    });
    const apiKeys = new ApiKeyStore(context.secrets);
    const connection = new ModelConnection(context.secrets, apiKeys, log);
    const chat = new ChatViewProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), connection, log, () => tools, () => gate.clearSessionGrants());
    const policyDocument = new EffectivePolicyDocument(policy);
    context.subscriptions.push(
      policy,
      approver,
      connection,
      chat,
      policyDocument,
      policyStatusBar(policy),
      vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat),
      ...registerCommands({ chat, connection, apiKeys, log, policy, policyDocument, audit, gate }),
    );
    void connection.refresh();
    void policy.reload();
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: chat only'}); audit log ${storage.fsPath}/audit.jsonl`);
  } catch (error) {
    log.error(`activation failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Airlock could not start: ${String(error)}`);
    throw error;
  }
}

export function deactivate(): void {}
