import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import { gatewayAllowlist } from '../core/posture/mcpAllowlist';
import { setSettingInText } from '../core/posture/settingsTextEdit';

const LOCK = 'Lock';
const ALLOWLIST = 'chat.mcp.allowedServers';
const ACCESS = 'chat.mcp.access';

/** Where the lock is written and what it names. */
export interface McpLockTarget {
  /** The default profile's user folder: VS Code reads application-scope settings from its settings.json only. */
  readonly applicationUserDir: vscode.Uri;
  /** Airlock's gateway as VS Code matches it: the command, then its arguments. */
  readonly gatewayCommand: readonly string[];
}

/**
 * The lock a repository cannot undo, written to the user's settings only after the user confirms
 * it in a modal: `chat.mcp.allowedServers` naming only Airlock's gateway (application scope, which
 * VS Code never reads from a workspace), and `chat.mcp.access: "none"` as the immediate stop
 * (window scope: a workspace's settings can override that one, and the reviews say so).
 * Returns whether both were written.
 */
export async function lockMcp(target: McpLockTarget, audit: AuditSink): Promise<boolean> {
  const allowlist = gatewayAllowlist(target.gatewayCommand);
  const detail = [
    'Airlock writes two settings to your user settings:',
    `1. ${ALLOWLIST}: only Airlock's MCP gateway, matched by its exact command line:\n${target.gatewayCommand.join(' ')}\nVS Code reads this setting from your user settings only, never from a workspace: no repository can add a server to it. Every other MCP server (in .vscode/mcp.json, your mcp.json, or found by discovery) stops being allowed to start.`,
    `2. ${ACCESS}: "none": VS Code stops running MCP servers at once, Airlock's gateway included. A workspace's settings CAN override this one: a repository whose .vscode/settings.json sets "all" turns MCP back on in that workspace. The allowlist above still holds there, and Airlock's reviews keep showing such an override as a finding.`,
    'To undo, remove both from your user settings.',
  ].join('\n\n');
  const choice = await vscode.window.showWarningMessage('Lock VS Code\'s MCP servers to Airlock\'s gateway?', { modal: true, detail }, LOCK);
  const event = { actor: 'user', action: 'posture.mcp-lock', target: 'chat.mcp', detail: { [ALLOWLIST]: allowlist, [ACCESS]: 'none' } } as const;
  if (choice !== LOCK) {
    audit.record({ ...event, decision: 'deny', reason: 'not locked' });
    return false;
  }
  try {
    // The allowlist first: it is the part no workspace can undo.
    await writeApplicationSetting(target.applicationUserDir, ALLOWLIST, allowlist);
    await vscode.workspace.getConfiguration().update(ACCESS, 'none', vscode.ConfigurationTarget.Global);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    audit.record({ ...event, decision: 'deny', reason: `could not write the settings: ${reason}` });
    void vscode.window.showErrorMessage(`Airlock: could not lock VS Code's MCP servers: ${reason}`);
    return false;
  }
  audit.record({ ...event, decision: 'allow' });
  return true;
}

/**
 * VS Code 1.139 registers the allowlist hidden from the settings editor, and
 * `WorkspaceConfiguration.update` refuses it ("Unable to write to User Settings because
 * chat.mcp.allowedServers is not a registered configuration", measured in code-server 4.139.1):
 * the user's settings.json is edited instead, through VS Code's file system, so it applies at once.
 */
async function writeApplicationSetting(userDir: vscode.Uri, key: string, value: unknown): Promise<void> {
  const file = vscode.Uri.joinPath(userDir, 'settings.json');
  if (vscode.workspace.textDocuments.some((document) => document.uri.path === file.path && document.isDirty)) {
    throw new Error(`${file.fsPath} has unsaved changes in an editor: save or revert them first`);
  }
  let text = '';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(setSettingInText(text, key, value)));
}
