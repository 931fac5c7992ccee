import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { fileStamp } from '../core/files/fileStamp';
import type { PolicyError } from '../core/policy/policyError';
import { openPolicyError } from './policyErrorLocation';
import type { AuditSink } from '../core/audit/auditSink';
import { DEFAULT_PACK_NAME } from '../core/policy/builtinPacks';
import { PolicyStore, type EffectivePolicy, type PendingOverlay } from '../core/policy/effectivePolicy';
import { editInForce, type EditStanding } from '../core/policy/editInForce';
import type { FirewallEditResult } from '../core/policy/firewallEditor';
import { OverlayTrustStore } from '../core/policy/overlayTrust';
import { overlayPath, resolveConfigDir, resolveManagedPolicyPath } from '../core/policy/policyPaths';
import type { PolicyPack } from '../core/policy/policySchema';
import type { SecuritySettings } from './securitySettings';

export const POLICY_SECTION = 'airlock.policy';
const APPROVE = 'Approve Overlay';
const KEEP_IGNORING = 'Keep Ignoring';
const OPEN_FILE = 'Open File';
/** How often the overlay file itself is looked at, beside the watcher. */
const OVERLAY_CHECK_MS = 2_000;

/**
 * The effective policy for this window: built-in pack, workspace overlay, managed policy. It
 * reloads when any of them or the settings change, with no window reload, and asks before a
 * repository-shipped overlay may loosen anything.
 */
export class PolicyService implements vscode.Disposable {
  private readonly store = new PolicyStore();
  private readonly changed = new vscode.EventEmitter<EffectivePolicy>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private effective: EffectivePolicy | undefined;
  private reloading: Promise<EffectivePolicy> | undefined;
  private reloadAgain = false;
  private readonly askedOverlays = new Set<string>();
  private readonly reportedErrors = new Set<string>();

  readonly onDidChange = this.changed.event;
  readonly configDir = resolveConfigDir(process.env, homedir());
  readonly trust = new OverlayTrustStore(this.configDir);

  constructor(
    private readonly builtinDir: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly audit: AuditSink,
    private readonly settings: SecuritySettings,
  ) {
    // The folders too: a `.airlock/policy/` made and filled at once (a checkout, a hand edit) is
    // reported as the folder's creation alone, and the overlay in it would go unnoticed until a reload.
    const watcher = vscode.workspace.createFileSystemWatcher('**/.airlock{,/policy,/policy/*.yaml}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => void this.reload()),
      watcher.onDidChange(() => void this.reload()),
      watcher.onDidDelete(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(POLICY_SECTION)) void this.reload();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      // The user approved (or chose) a pack for this workspace: no settings change tells us.
      settings.onDidChange(() => void this.reload()),
    );
    this.watchManagedFile();
    this.watchFile(this.trust.path);
    // Seen in code-server: VS Code's watcher can drop a change that lands just after another write
    // of the same file, and a policy edit would then not be enforced until a reload. The overlay's
    // stamp is looked at too, so a missed event costs seconds, not the rest of the session.
    const timer = setInterval(() => void this.reloadIfOverlayChanged(), OVERLAY_CHECK_MS);
    this.disposables.push({ dispose: () => clearInterval(timer) });
  }

  private overlayStamp: string | undefined;

  private async reloadIfOverlayChanged(): Promise<void> {
    const folder = this.workspaceFolder;
    if (folder === undefined) return;
    const stamp = await fileStamp(overlayPath(folder, this.packName));
    const previous = this.overlayStamp;
    this.overlayStamp = stamp;
    if (previous !== undefined && previous !== stamp) await this.reload();
  }

  /** The policy in force. Before the first load, the strictest answer: no tools, nothing allowed. */
  get policy(): PolicyPack | undefined {
    return this.effective?.policy;
  }

  get current(): EffectivePolicy | undefined {
    return this.effective;
  }

  /** The policy the agent's tools run under: none while a policy file fails to load (fail closed). */
  get toolPolicy(): PolicyPack | undefined {
    return this.effective !== undefined && this.effective.errors.length === 0 ? this.effective.policy : undefined;
  }

  /** Where a policy error's file is on disk: overlay errors name it relative to the workspace. */
  errorPath(file: string): string {
    const folder = this.workspaceFolder;
    return isAbsolute(file) || folder === undefined ? file : join(folder, file);
  }

  /** The user's pack (or one stricter or approved for this workspace); never the repository's say-so alone. */
  get packName(): string {
    return this.settings.value('airlock.policy.pack') || DEFAULT_PACK_NAME;
  }

  get workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** The other layers an overlay edit is merged with before it is written. */
  get compositionFiles(): { readonly builtinDir: string; readonly managedPath?: string } {
    const managedPath = resolveManagedPolicyPath(process.env, this.settings.value('airlock.policy.managedPath'));
    return { builtinDir: this.builtinDir, ...(managedPath === undefined ? {} : { managedPath }) };
  }

  /** Reloads after an edit and says whether the written overlay is the policy in force now. */
  async confirmEdit(edit: Pick<FirewallEditResult, 'path' | 'file' | 'sha256' | 'trusted'>): Promise<EditStanding> {
    return editInForce(await this.reload(), edit);
  }

  /** Reloads now; concurrent calls share one load and a change during a load triggers one more. */
  reload(): Promise<EffectivePolicy> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = this.loadLoop().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async loadLoop(): Promise<EffectivePolicy> {
    let result: EffectivePolicy;
    do {
      this.reloadAgain = false;
      result = await this.loadOnce();
    } while (this.reloadAgain);
    return result;
  }

  private async loadOnce(): Promise<EffectivePolicy> {
    const managedSetting = this.settings.value('airlock.policy.managedPath');
    const workspaceFolder = this.workspaceFolder;
    const managedPath = resolveManagedPolicyPath(process.env, managedSetting);
    const effective = await this.store.load({
      packName: this.packName,
      builtinDir: this.builtinDir,
      workspaceTrusted: vscode.workspace.isTrusted,
      configDir: this.configDir,
      ...(workspaceFolder === undefined ? {} : { workspaceFolder }),
      ...(managedPath === undefined ? {} : { managedPath }),
    });
    this.effective = effective;
    this.report(effective);
    this.changed.fire(effective);
    if (effective.pendingOverlay && !effective.pendingOverlay.rejected) void this.askAboutOverlay(effective.pendingOverlay);
    return effective;
  }

  private report(effective: EffectivePolicy): void {
    this.log.info(`policy "${effective.packName}" from ${effective.sources.map((s) => `${s.kind} ${s.file}${s.current ? '' : ' (last valid)'}`).join(', ')}`);
    for (const warning of effective.warnings) this.log.warn(`policy: ${warning}`);
    for (const error of effective.errors) {
      this.log.error(`policy: ${error.message}`);
      if (this.reportedErrors.has(error.message)) continue;
      this.reportedErrors.add(error.message);
      void this.notifyLoadFailure(error);
    }
  }

  /** One notification per distinct error; its button opens the file at the line. */
  private async notifyLoadFailure(error: PolicyError): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`Airlock: the policy failed to load — ${error.message}. Agent tools are off until it is fixed.`, OPEN_FILE);
    if (choice === OPEN_FILE) await openPolicyError(error, this.errorPath(error.file));
  }

  /** "Airlock: Review Workspace Policy Overlay…": asks again, also about one the user refused. */
  async reviewOverlay(): Promise<boolean> {
    const pending = (await this.reload()).pendingOverlay;
    if (!pending) return false;
    this.askedOverlays.delete(`${pending.key}@${pending.sha256}`);
    await this.askAboutOverlay(pending);
    return true;
  }

  /** A repository's overlay is honoured only once the user approves this exact content. */
  private async askAboutOverlay(pending: PendingOverlay): Promise<void> {
    const asked = `${pending.key}@${pending.sha256}`;
    if (this.askedOverlays.has(asked)) return;
    this.askedOverlays.add(asked);
    const loosens = pending.loosens.length > 0 ? pending.loosens.map((line) => `• ${line}`).join('\n') : '• nothing that Airlock can see; it only adds restrictions';
    const detail = `${pending.file} came with this workspace, not from your own firewall commands. Until you approve it, Airlock ignores it.\n\nIt would loosen:\n${loosens}\n\nApproval is pinned to this exact content (SHA-256 ${pending.sha256.slice(0, 12)}…); any change asks again.`;
    const choice = await vscode.window.showWarningMessage('Airlock: approve the workspace policy overlay?', { modal: true, detail }, APPROVE, KEEP_IGNORING);
    if (choice === APPROVE) {
      await this.trust.trust(pending.key, pending.sha256, 'approved');
      this.audit.record({ actor: 'user', action: 'policy.overlay.approve', target: pending.file, decision: 'allow', detail: { sha256: pending.sha256, loosens: pending.loosens } });
    } else {
      await this.trust.reject(pending.key, pending.sha256);
      this.audit.record({ actor: 'user', action: 'policy.overlay.approve', target: pending.file, decision: 'deny', reason: choice === undefined ? 'dismissed' : 'kept ignoring', detail: { sha256: pending.sha256 } });
    }
    await this.reload();
  }

  private watchManagedFile(): void {
    const managed = resolveManagedPolicyPath(process.env, this.settings.value('airlock.policy.managedPath'));
    if (managed !== undefined) this.watchFile(managed);
  }

  /** Files outside the workspace (managed policy, trust store written by the CLI) need their own watcher. */
  private watchFile(path: string): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path)));
    this.disposables.push(watcher, watcher.onDidChange(() => void this.reload()), watcher.onDidCreate(() => void this.reload()), watcher.onDidDelete(() => void this.reload()));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
