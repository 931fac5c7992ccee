import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import { resolveSecuritySettings } from '../core/settings/resolveSecuritySettings';
import { SECURITY_SETTINGS, securitySetting, type SecuritySettingKey } from '../core/settings/securitySettings';
import { resolveSetting, type ResolvedSetting, type SettingLevels } from '../core/settings/settingResolution';
import { isIgnoredRequest, settingSourceLabel, workspaceRequestLabel } from '../core/settings/settingSourceLabel';
import { WorkspaceSettingSnapshot, WorkspaceSettingStore, workspaceSettingsKey } from '../core/settings/workspaceSettingStore';

const USE_WORKSPACE_VALUE = 'Use Workspace Value';
const KEEP_MINE = 'Keep Mine';
const REVIEW = 'Review';

/** What approving each setting hands to the repository, said in the dialog. */
const CONSEQUENCES: ReadonlyMap<SecuritySettingKey, string> = new Map<SecuritySettingKey, string>([
  ['airlock.model.baseUrl', 'Every chat message, every file the agent reads and every tool result would go to that server instead of yours.'],
  ['airlock.model.name', 'The agent would talk to that model instead of yours.'],
  ['airlock.policy.pack', 'The pack decides which tools the agent gets, what it may write and where it may connect.'],
]);

/**
 * The security settings as this window uses them: the user's values, a workspace's value only
 * when it is stricter or the user approved it here, and the user's per-workspace choices, all
 * kept in Airlock's own store outside the repository. Tells the user, once per value, about a
 * workspace value it ignored.
 */
export class SecuritySettings implements vscode.Disposable {
  private readonly store: WorkspaceSettingStore;
  private snapshot = WorkspaceSettingSnapshot.empty();
  private workspaceKey: string | undefined;
  private loaded = false;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** The store or the workspace changed: what is in force may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(configDir: string, private readonly log: vscode.LogOutputChannel, private readonly audit: AuditSink) {
    this.store = new WorkspaceSettingStore(configDir);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(this.store.path)), basename(this.store.path)));
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => void this.load()),
      watcher.onDidCreate(() => void this.load()),
      watcher.onDidDelete(() => void this.load()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.load()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.load()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if ([...SECURITY_SETTINGS.keys()].some((key) => event.affectsConfiguration(key))) this.reportIgnored();
      }),
    );
  }

  /** Reads the store for this workspace; until it is read, nothing from the workspace applies. */
  async load(): Promise<void> {
    try {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      this.workspaceKey = folder === undefined ? undefined : await workspaceSettingsKey(folder);
      this.snapshot = await this.store.read();
    } catch (error) {
      // Fails closed: with no decisions read, only the user's own values apply.
      this.snapshot = WorkspaceSettingSnapshot.empty();
      this.log.error(`could not read ${this.store.path}: ${String(error)}; workspace settings are ignored`);
    }
    this.loaded = true;
    this.changed.fire();
    this.reportIgnored();
  }

  /** One setting as it is in force now. */
  resolved(key: SecuritySettingKey): ResolvedSetting {
    const resolved = this.all().get(key);
    if (resolved === undefined) throw new Error(`unknown security setting ${key}`);
    return resolved;
  }

  /** The value in force, or undefined when nobody set one. */
  value(key: SecuritySettingKey): string | undefined {
    return this.resolved(key).value;
  }

  all(): ReadonlyMap<SecuritySettingKey, ResolvedSetting> {
    return resolveSecuritySettings({ levels, workspaceTrusted: vscode.workspace.isTrusted, workspace: this.workspaceKey, snapshot: this.snapshot });
  }

  /** The user's own choice for this workspace (the pack picker); their user setting's value clears it. */
  async choose(key: SecuritySettingKey, value: string): Promise<void> {
    if (this.workspaceKey === undefined) throw new Error('open a folder first: a choice for this workspace needs one');
    const user = levels(key).user ?? securitySetting(key).defaultValue;
    await this.store.choose(this.workspaceKey, key, value === user ? undefined : value);
    await this.load();
  }

  /** "Airlock: Review Workspace Settings…": asks about each workspace value that waits or was refused. */
  async review(only?: SecuritySettingKey): Promise<number> {
    const askable = [...this.all().values()].filter((resolved) => (only === undefined || resolved.key === only) && isAskable(resolved));
    for (const resolved of askable) await this.ask(resolved);
    return askable.length;
  }

  /** The modal: names the setting, the user's value and the repository's; pinned to that value. Enter keeps the user's. */
  private async ask(resolved: ResolvedSetting): Promise<void> {
    const { request, key } = resolved;
    const workspace = this.workspaceKey;
    if (request === undefined || workspace === undefined) return;
    const setting = securitySetting(key);
    const yours = resolved.userValue ?? `${setting.defaultValue} (default)`;
    const detail = [
      `This workspace's settings (.vscode/settings.json) set ${key} to:\n${request.value}`,
      `Your value (${settingSourceLabel(resolved.source)}):\n${yours}`,
      CONSEQUENCES.get(key) ?? '',
      'Approval is pinned to this exact value and kept in Airlock\'s own settings outside the repository; a changed value asks again.',
    ].join('\n\n');
    const choice = await vscode.window.showWarningMessage(`Airlock: use this workspace's ${setting.label}?`, { modal: true, detail }, KEEP_MINE, USE_WORKSPACE_VALUE);
    if (choice === undefined) return;
    const approved = choice === USE_WORKSPACE_VALUE;
    await (approved ? this.store.approve(workspace, key, request.value) : this.store.reject(workspace, key, request.value));
    this.audit.record({ actor: 'user', action: 'settings.workspace.approve', target: key, decision: approved ? 'allow' : 'deny', detail: { value: request.value, yours } });
    this.log.info(`${key}: ${approved ? 'approved' : 'refused'} the workspace's value "${request.value}"`);
    await this.load();
  }

  /** Once per value per window: a log line and a notification whose "Review" asks. */
  private reportIgnored(): void {
    // Before the decisions are read, an approved value would look ignored.
    if (!this.loaded) return;
    for (const resolved of this.all().values()) {
      const { request } = resolved;
      if (request === undefined || !isIgnoredRequest(request.status)) continue;
      const seen = `${resolved.key}\0${request.value}\0${request.status}`;
      if (this.reported.has(seen)) continue;
      this.reported.add(seen);
      const message = `Airlock ignored this workspace's ${resolved.key} = "${request.value}" (${workspaceRequestLabel(request.status)}); in force: ${resolved.value ?? securitySetting(resolved.key).defaultValue} from ${settingSourceLabel(resolved.source)}.`;
      this.log.warn(message);
      this.audit.record({ actor: 'system', action: 'settings.workspace.ignore', target: resolved.key, decision: 'deny', reason: request.status, detail: { value: request.value, level: request.level } });
      if (request.status === 'rejected') continue;
      void vscode.window.showWarningMessage(message, REVIEW).then((choice) => {
        if (choice !== REVIEW) return;
        return isAskable(resolved) ? this.review(resolved.key) : vscode.commands.executeCommand('workbench.action.openWorkspaceSettingsFile');
      });
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * A setting no workspace may ask for, read before the store is: the audit log's location is
 * needed before anything else starts. Ignored workspace values are still reported by the service.
 */
export function userOnlySetting(key: 'airlock.audit.path' | 'airlock.audit.syslog' | 'airlock.policy.managedPath'): string | undefined {
  return resolveSetting({ setting: securitySetting(key), levels: levels(key), workspaceTrusted: vscode.workspace.isTrusted, decision: () => 'unknown' }).value;
}

function isAskable(resolved: ResolvedSetting): boolean {
  const status = resolved.request?.status;
  return status === 'awaiting-approval' || status === 'rejected';
}

/** The setting at each level; the folder level is read for the first folder, as the policy is. */
function levels(key: SecuritySettingKey): SettingLevels {
  const section = key.slice(0, key.lastIndexOf('.'));
  const name = key.slice(key.lastIndexOf('.') + 1);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const inspected = vscode.workspace.getConfiguration(section, folder).inspect<unknown>(name);
  return { user: inspected?.globalValue, workspace: inspected?.workspaceValue, workspaceFolder: inspected?.workspaceFolderValue };
}
