import * as vscode from 'vscode';
import type { EffectivePolicy } from '../core/policy/effectivePolicy';
import { isDefaultDeny } from '../core/policy/firewallRules';
import type { PolicyService } from './policyService';

/** Shows the active pack and whether the firewall is default-deny; a click shows the policy. */
export function policyStatusBar(policy: PolicyService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('airlock.policy', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Airlock Policy';
  item.command = 'airlock.showEffectivePolicy';
  const update = (effective: EffectivePolicy): void => {
    const deny = isDefaultDeny(effective.policy);
    const attention = effective.errors.length > 0 || (effective.pendingOverlay !== undefined && !effective.pendingOverlay.rejected);
    item.text = `$(${attention ? 'shield-x' : 'shield'}) ${effective.packName}${deny ? ' · default deny' : ''}`;
    item.tooltip = [
      `Airlock policy pack "${effective.packName}"`,
      deny ? 'Firewall: default deny, no host allowed' : 'Firewall: some hosts allowed (Airlock: Firewall: List Rules)',
      ...effective.errors.map((error) => `Error: ${error.message}`),
      ...(effective.pendingOverlay ? [`Overlay ${effective.pendingOverlay.file} is not approved and is ignored`] : []),
    ].join('\n');
    item.backgroundColor = attention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const listener = policy.onDidChange(update);
  if (policy.current) update(policy.current);
  return vscode.Disposable.from(item, listener);
}
