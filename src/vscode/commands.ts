import * as vscode from 'vscode';
import type { ApprovalGate } from '../core/approval/approvalGate';
import type { AuditSink } from '../core/audit/auditSink';
import type { ProbeResult } from '../core/model/modelClient';
import type { AuditLogPanel } from './auditLogPanel';
import type { EffectivePolicyDocument } from './effectivePolicyDocument';
import { allowDomain, listFirewallRules, removeDomain, selectPolicyPack } from './firewallCommands';
import type { PolicyService } from './policyService';
import type { SecuritySettings } from './securitySettings';
import type { SideDoors } from './sideDoors';
import { reviewSideDoors } from './sideDoorsReview';
import { reviewMcpServers } from './mcpServersReview';
import type { ChatViewProvider } from './chatViewProvider';
import type { ModelConnection } from './modelConnection';
import type { ApiKeyStore } from './modelSettings';
import type { McpServers } from './mcpServers';

export interface CommandContext {
  readonly chat: ChatViewProvider;
  readonly connection: ModelConnection;
  readonly apiKeys: ApiKeyStore;
  readonly log: vscode.LogOutputChannel;
  readonly policy: PolicyService;
  readonly settings: SecuritySettings;
  readonly policyDocument: EffectivePolicyDocument;
  readonly audit: AuditSink;
  readonly gate: ApprovalGate;
  readonly auditPanel: AuditLogPanel;
  readonly sideDoors: SideDoors;
  readonly mcpServers: McpServers;
  readonly extensionPath: string;
}

type CommandFactory = (ctx: CommandContext) => (...args: unknown[]) => unknown;

/** One factory per command, registered in one loop; ids match package.json `contributes.commands`. */
const COMMANDS: Record<string, CommandFactory> = {
  'airlock.newChat': newChat,
  'airlock.addSelectionToChat': addSelectionToChat,
  'airlock.checkModel': checkModel,
  'airlock.setApiKey': setApiKey,
  'airlock.clearApiKey': clearApiKey,
  'airlock.showLog': showLog,
  'airlock.firewall.list': (ctx) => () => listFirewallRules(ctx),
  'airlock.firewall.allowDomain': (ctx) => (tool?: unknown, pattern?: unknown) => allowDomain(ctx, asString(tool), asString(pattern)),
  'airlock.firewall.removeDomain': (ctx) => () => removeDomain(ctx),
  'airlock.selectPolicyPack': (ctx) => () => selectPolicyPack(ctx),
  'airlock.showEffectivePolicy': (ctx) => () => ctx.policyDocument.show(),
  'airlock.reviewPolicyOverlay': reviewPolicyOverlay,
  'airlock.reviewWorkspaceSettings': reviewWorkspaceSettings,
  'airlock.showAuditLog': (ctx) => () => ctx.auditPanel.show(),
  'airlock.reviewSideDoors': (ctx) => () => reviewSideDoors(ctx.sideDoors, ctx.audit),
  'airlock.reviewMcpServers': (ctx) => () => reviewMcpServers({ doors: ctx.sideDoors, policy: ctx.policy, audit: ctx.audit, extensionPath: ctx.extensionPath, servers: ctx.mcpServers }),
};

/** Commands may be called with arguments from keybindings or other extensions: take strings only. */
function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function reviewPolicyOverlay(ctx: CommandContext) {
  return async (): Promise<void> => {
    if (!(await ctx.policy.reviewOverlay())) void vscode.window.showInformationMessage('Airlock: there is no workspace policy overlay waiting for approval.');
  };
}

function reviewWorkspaceSettings(ctx: CommandContext) {
  return async (): Promise<void> => {
    if ((await ctx.settings.review()) === 0) void vscode.window.showInformationMessage('Airlock: this workspace asks for no security setting of its own that you could approve.');
  };
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx)));
}

function newChat(ctx: CommandContext) {
  return async (): Promise<void> => {
    await ctx.chat.newChat();
    await vscode.commands.executeCommand('airlock.chat.focus');
  };
}

/** "Airlock: Add Selection to Chat": the selection becomes a chip above the prompt. */
function addSelectionToChat(ctx: CommandContext) {
  return async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !ctx.chat.addSelection(editor)) {
      void vscode.window.showInformationMessage('Airlock: select some text in a file first.');
      return;
    }
    await vscode.commands.executeCommand('airlock.chat.focus');
  };
}

/** Re-checks the endpoint, tells the user, and returns the probe (tests read it). */
function checkModel(ctx: CommandContext) {
  return async (): Promise<ProbeResult> => {
    const status = await ctx.connection.refresh();
    if (status.probe.reachable) {
      void vscode.window.showInformationMessage(`Airlock: the model server at ${status.endpoint} answers (${status.model}${status.probe.modelListed ? '' : ', not listed by the server'}).`);
    } else {
      void vscode.window.showWarningMessage(`Airlock: ${status.notice?.message ?? status.probe.failure.message}`);
    }
    return status.probe;
  };
}

function setApiKey(ctx: CommandContext) {
  return async (): Promise<void> => {
    const key = await vscode.window.showInputBox({
      title: 'Airlock: Model API Key',
      prompt: 'Stored in VS Code\'s secret storage, never in settings or logs. Local servers such as Ollama need none.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/^[\x21-\x7e]{1,4096}$/.test(value) ? undefined : 'A key is 1–4096 printable characters without spaces.'),
    });
    if (key === undefined) return;
    await ctx.apiKeys.set(key);
    ctx.log.info('model API key stored in secret storage');
    void vscode.window.showInformationMessage('Airlock: model API key saved to secret storage.');
  };
}

function clearApiKey(ctx: CommandContext) {
  return async (): Promise<void> => {
    if (!(await ctx.apiKeys.clear())) {
      void vscode.window.showInformationMessage('Airlock: no model API key was stored; nothing to remove.');
      return;
    }
    ctx.log.info('model API key removed from secret storage');
    void vscode.window.showInformationMessage('Airlock: model API key removed.');
  };
}

function showLog(ctx: CommandContext) {
  return (): void => ctx.log.show();
}
