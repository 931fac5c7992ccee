import * as vscode from 'vscode';
import type { EffectivePolicy } from '../core/policy/effectivePolicy';
import { isDefaultDeny } from '../core/policy/firewallRules';
import { isIgnoredRequest, settingSourceLabel, workspaceRequestLabel } from '../core/settings/settingSourceLabel';
import type { ModelConnection } from './modelConnection';
import type { PolicyService } from './policyService';
import type { SecuritySettings } from './securitySettings';

/**
 * Shows the active pack and, when either is not the user's own, where the pack and the model
 * endpoint come from, and whether the firewall is default-deny; the tooltip adds the endpoint and
 * ignored workspace values.
 * A click shows the policy.
 */
export function policyStatusBar(policy: PolicyService, settings: SecuritySettings, connection: ModelConnection): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('airlock.policy', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Airlock Policy';
  item.command = 'airlock.showEffectivePolicy';
  const update = (effective: EffectivePolicy): void => {
    const deny = isDefaultDeny(effective.policy);
    const attention = effective.errors.length > 0 || (effective.pendingOverlay !== undefined && !effective.pendingOverlay.rejected);
    const pack = settings.resolved('airlock.policy.pack');
    const fromWorkspace = pack.source !== 'user' && pack.source !== 'default';
    const managed = effective.sources.find((source) => source.kind === 'managed');
    // The user's own endpoint goes without saying; one this workspace supplied is always named.
    const endpoint = settings.resolved('airlock.model.baseUrl').source;
    const workspaceModel = endpoint === 'workspace-approved' ? ` · model ${settingSourceLabel(endpoint)}` : '';
    const failed = effective.errors.length > 0;
    item.text = failed ? `$(error) ${effective.packName} · policy error, tools off` : `$(${attention ? 'shield-x' : 'shield'}) ${effective.packName}${fromWorkspace ? ` (${settingSourceLabel(pack.source)})` : ''}${managed ? ' · managed' : ''}${workspaceModel}${deny ? ' · default deny' : ''}`;
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
    ].join('\n');
    item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.errorBackground') : attention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const refresh = (): void => {
    if (policy.current) update(policy.current);
  };
  const listeners = [policy.onDidChange(update), settings.onDidChange(refresh), connection.onDidChange(refresh)];
  refresh();
  return vscode.Disposable.from(item, ...listeners);
}
