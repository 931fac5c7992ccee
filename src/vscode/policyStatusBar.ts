import * as vscode from 'vscode';
import type { EffectivePolicy } from '../core/policy/effectivePolicy';
import { isDefaultDeny } from '../core/policy/firewallRules';
import { sideDoorCount } from '../core/posture/sideDoors';
import { isIgnoredRequest, settingSourceLabel, workspaceRequestLabel } from '../core/settings/settingSourceLabel';
import type { ModelConnection } from './modelConnection';
import type { PolicyService } from './policyService';
import type { SecuritySettings } from './securitySettings';
import type { SideDoors } from './sideDoors';

/**
 * Shows the active pack and, when either is not the user's own, where the pack and the model
 * endpoint come from, and whether the firewall is default-deny; the tooltip adds the endpoint and
 * ignored workspace values; a warning mark counts the side doors open (what acts in this workspace
 * outside the guard), which the tooltip names.
 * A click shows the policy.
 */
export function policyStatusBar(policy: PolicyService, settings: SecuritySettings, connection: ModelConnection, doors: SideDoors): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('airlock.policy', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Airlock Policy';
  item.command = 'airlock.showEffectivePolicy';
  const update = (effective: EffectivePolicy): void => {
    const deny = isDefaultDeny(effective.policy);
    const open = doors.current;
    const nativeRequired = effective.policy.posture.requireNativeAgentOff && open.some((door) => door.native);
    const attention = effective.errors.length > 0 || (effective.pendingOverlay !== undefined && !effective.pendingOverlay.rejected) || nativeRequired;
    const pack = settings.resolved('airlock.policy.pack');
    const fromWorkspace = pack.source !== 'user' && pack.source !== 'default';
    const managed = effective.sources.find((source) => source.kind === 'managed');
    // The user's own endpoint goes without saying; one this workspace supplied is always named.
    const endpoint = settings.resolved('airlock.model.baseUrl').source;
    const workspaceModel = endpoint === 'workspace-approved' ? ` · model ${settingSourceLabel(endpoint)}` : '';
    const failed = effective.errors.length > 0;
    const sideDoors = open.length > 0 ? ` · $(warning) ${sideDoorCount(open.length)}` : '';
    item.text = `${failed ? `$(error) ${effective.packName} · policy error, tools off` : `$(${attention ? 'shield-x' : 'shield'}) ${effective.packName}${fromWorkspace ? ` (${settingSourceLabel(pack.source)})` : ''}${managed ? ' · managed' : ''}${workspaceModel}${deny ? ' · default deny' : ''}`}${sideDoors}`;
    const model = connection.status;
    const ignored = [...settings.all().values()].filter((resolved) => resolved.request !== undefined && isIgnoredRequest(resolved.request.status));
    item.tooltip = [
      `Airlock policy pack "${effective.packName}" from ${settingSourceLabel(pack.source)}`,
      ...(managed ? [`Managed policy ${managed.file} caps it`] : []),
      model.endpoint ? `Model ${model.model} at ${model.endpoint} from ${model.source}` : `Model: ${model.detail}`,
      ...ignored.map((resolved) => `Workspace asks ${resolved.key} = "${resolved.request?.value ?? ''}": ${workspaceRequestLabel(resolved.request?.status ?? 'awaiting-approval')}`),
      deny ? 'Firewall: default deny, no host allowed' : 'Firewall: some hosts allowed (Airlock: Firewall: List Rules)',
      ...effective.errors.map((error) => `Error: ${error.message}`),
      ...(failed ? ['The policy failed to load: agent tools are off until it is fixed.'] : []),
      ...(effective.pendingOverlay ? [`Overlay ${effective.pendingOverlay.file} is not approved and is ignored`] : []),
      ...(open.length > 0 ? [`${sideDoorCount(open.length)} open, outside Airlock's guard (Airlock: Review Side Doors…):`, ...open.map((door) => `  ${door.label}`)] : []),
      ...(nativeRequired ? ['The policy requires VS Code\'s own agent off (posture.requireNativeAgentOff).'] : []),
    ].join('\n');
    item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.errorBackground') : attention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const refresh = (): void => {
    if (policy.current) update(policy.current);
  };
  const listeners = [policy.onDidChange(update), settings.onDidChange(refresh), connection.onDidChange(refresh), doors.onDidChange(refresh)];
  refresh();
  return vscode.Disposable.from(item, ...listeners);
}
