import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { ApprovalGate } from './core/approval/approvalGate';
import { AuditLog } from './core/audit/auditLog';
import { recordAuditLocation, resolveAuditPath } from './core/audit/auditLocation';
import { egressUpdateTool } from './core/agent/tools/egressUpdateTool';
import { shellRunTool } from './core/agent/tools/shellRunTool';
import { webFetchTool } from './core/agent/tools/webFetchTool';
import { createSafeFetch } from './core/egress/safeFetch';
import { loopbackOnlyPolicy } from './core/egress/loopbackPolicy';
import { ToolRunner } from './core/agent/toolRunner';
import { TurnWatch } from './core/anomaly/turnWatch';
import { CostMeter } from './core/cost/costMeter';
import { ConversationStore } from './core/conversation/conversationStore';
import { Conversations } from './core/conversation/conversations';
import { AnomalyDialog } from './vscode/anomalyDialog';
import { AuditAnchor } from './vscode/auditAnchor';
import { AuditLogPanel } from './vscode/auditLogPanel';
import { auditShipping } from './vscode/auditShipping';
import { auditSnapshot } from './vscode/auditSnapshot';
import { ChatAttachments } from './vscode/chatAttachments';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatViewProvider';
import { registerCommands } from './vscode/commands';
import { EffectivePolicyDocument } from './vscode/effectivePolicyDocument';
import { fileTools } from './vscode/fileTools';
import { ModalApprover } from './vscode/modalApprover';
import { McpGatewayProvider } from './vscode/mcpGatewayProvider';
import { McpServers } from './vscode/mcpServers';
import { ModelConnection } from './vscode/modelConnection';
import { panelActions } from './vscode/panelActions';
import { ApiKeyStore } from './vscode/modelSettings';
import { PolicyService } from './vscode/policyService';
import { resolveConfigDir } from './core/policy/policyPaths';
import { SecuritySettings, userOnlySetting } from './vscode/securitySettings';
import { securityPosture } from './vscode/securityPosture';
import { ShellCommands } from './vscode/shellCommands';
import { SideDoors } from './vscode/sideDoors';
import { policyStatusBar } from './vscode/policyStatusBar';
import { workspaceFiles } from './vscode/workspaceFiles';
import { globalStateSpendStore } from './vscode/spendStorage';
import type { PolicyPack } from './core/policy/policySchema';
import { version } from '../package.json';

/** Builds the core and wires the adapters. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Airlock', { log: true });
  context.subscriptions.push(log);
  try {
    const storage = context.storageUri ?? context.globalStorageUri;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const override = userOnlySetting('airlock.audit.path');
    const auditFile = resolveAuditPath({ storageDir: storage.fsPath, ...(folder ? { workspaceFolder: folder } : {}), ...(override ? { override } : {}) });
    // Sealed with a key in the user's config folder, shared with the CLI; a copy of the first one stays in SecretStorage.
    const auditAnchor = new AuditAnchor(context.secrets, auditFile, resolveConfigDir(process.env, homedir()), log);
    // A copy to the user's syslog collector, if set; the policy is read when it connects (currentPolicy is defined below).
    const syslog = userOnlySetting('airlock.audit.syslog');
    const shipping = auditShipping(syslog, () => currentPolicy(), log);
    const audit = new AuditLog({ file: auditFile, keyFile: auditAnchor.keyFile, ...(shipping === undefined ? {} : { onAppend: shipping.ship }), onError: (error) => log.error(`audit log write failed: ${String(error)}`) });
    context.subscriptions.push({ dispose: () => audit.close() }, ...(shipping === undefined ? [] : [shipping]));
    void auditAnchor.keep(audit);
    const settings = new SecuritySettings(resolveConfigDir(process.env, homedir()), log, audit);
    const policy = new PolicyService(vscode.Uri.joinPath(context.extensionUri, 'policy').fsPath, log, audit, settings);
    // The CLI finds this workspace's log, and the collector it ships to, through a user-level index.
    if (folder) void recordAuditLocation({ configDir: policy.configDir, workspaceFolder: folder, file: auditFile, ...(syslog === undefined ? {} : { syslog }) });
    const approver = new ModalApprover();
    const gate = new ApprovalGate(approver, audit, () => (policy.policy?.approvals.timeoutSeconds ?? 300) * 1000);
    // Until the policy has loaded, egress follows the strictest policy there is: the loopback model only.
    const currentPolicy = (): PolicyPack => policy.policy ?? loopbackOnlyPolicy();
    const webFetch = createSafeFetch({ tool: 'web.fetch', policy: currentPolicy, audit, approvals: gate, actor: 'agent' });
    const files = workspaceFiles(policy);
    const commands = new ShellCommands({ policy: currentPolicy, audit, approvals: gate, log });
    context.subscriptions.push(commands);
    // The model connection is built below; a server's sampling request reads it when it comes.
    const mcpServers = new McpServers({ policy, configDir: policy.configDir, secrets: context.secrets, gate, audit, log, model: () => connection.client });
    context.subscriptions.push(mcpServers);
    const builtInTools = [
      ...fileTools(policy),
      webFetchTool({ fetch: () => webFetch }),
      shellRunTool({ policy: () => policy.policy, guard: files.guard, roots: files.roots, commands }),
      egressUpdateTool({ workspaceFolder: () => policy.workspaceFolder, packName: () => policy.packName, configDir: policy.configDir, compositionFiles: () => policy.compositionFiles, confirmEdit: (edit) => policy.confirmEdit(edit) }),
    ];
    const tools = new ToolRunner({
      // MCP tools come and go as servers are approved, changed or stopped: read every turn.
      tools: () => [...builtInTools, ...mcpServers.agentTools()],
      prepare: (signal) => mcpServers.prepare(signal),
      policy: () => policy.toolPolicy,
      gate,
      audit,
      workspaceTrusted: () => vscode.workspace.isTrusted,
    });
    const apiKeys = new ApiKeyStore(context.secrets);
    const connection = new ModelConnection(context.secrets, apiKeys, log, currentPolicy, audit, policy.onDidChange, settings);
    const attachments = new ChatAttachments({ guard: files.guard, roots: files.roots, thresholds: () => policy.policy?.contentGuard });
    // Past chats live under the extension's storage for this workspace, never in the repository.
    const conversations = new Conversations(new ConversationStore(vscode.Uri.joinPath(storage, 'conversations').fsPath));
    // Spending is per user (global state), like the bill; the 80 % warning is a passing notification.
    const costMeter = new CostMeter({ policy: currentPolicy, store: globalStateSpendStore(context.globalState), audit, notify: { warn: (message) => void vscode.window.showWarningMessage(message) } });
    const anomalyDialog = new AnomalyDialog();
    const chatParts = { conversations, attachments, chooseModel: (name: string) => settings.choose('airlock.model.name', name), costMeter, watchTurn: () => new TurnWatch(currentPolicy().anomalies, anomalyDialog, audit) };
    // VS Code's user folder (its user mcp.json): two levels above this extension's global storage.
    const sideDoors = new SideDoors(vscode.Uri.joinPath(context.globalStorageUri, '..', '..'), log);
    const chat = new ChatViewProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), connection, log, () => tools, () => { gate.clearSessionGrants(); tools.forgetFlagged(); }, securityPosture(policy, settings, connection, sideDoors), policy, panelActions({ policy, settings, audit, log }, gate), chatParts);
    const policyDocument = new EffectivePolicyDocument(policy);
    const auditPanel = new AuditLogPanel(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), async () => auditSnapshot(auditFile, await auditAnchor.verifyKeys()), log);
    context.subscriptions.push(
      settings,
      policy,
      { dispose: () => void webFetch.close() },
      approver,
      connection,
      attachments,
      chat,
      policyDocument,
      auditPanel,
      sideDoors,
      policyStatusBar(policy, settings, connection, sideDoors),
      vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat),
      new McpGatewayProvider(context.extensionPath, version, policy, () => settings.value('airlock.policy.managedPath') || undefined),
      ...registerCommands({ chat, connection, apiKeys, log, policy, settings, policyDocument, audit, gate, auditPanel, sideDoors, mcpServers, extensionPath: context.extensionPath }),
    );
    // Loading the user's decisions about workspace values fires the first policy load and model check.
    void settings.load();
    void chat.restore();
    void sideDoors.refresh();
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: chat only'}); audit log ${auditFile}`);
  } catch (error) {
    log.error(`activation failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Airlock could not start: ${String(error)}`);
    throw error;
  }
}

export function deactivate(): void {}
