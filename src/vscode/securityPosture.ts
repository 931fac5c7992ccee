import * as vscode from 'vscode';
import { nativeAgentNotice } from '../core/posture/sideDoors';
import { settingSourceLabel } from '../core/settings/settingSourceLabel';
import type { ModelConnection } from './modelConnection';
import type { PolicyService } from './policyService';
import type { SecuritySettings } from './securitySettings';
import type { SideDoors } from './sideDoors';

/**
 * One line saying where the model endpoint and the pack in force come from, for the panel header;
 * led by a notice when the policy requires VS Code's own agent off and it is not.
 */
export interface SecurityPosture {
  readonly describe: () => string;
  readonly onDidChange: vscode.Event<unknown>;
}

export function securityPosture(policy: PolicyService, settings: SecuritySettings, connection: ModelConnection, doors: SideDoors): SecurityPosture {
  return {
    describe: () => {
      const model = connection.status.source;
      const pack = settingSourceLabel(settings.resolved('airlock.policy.pack').source);
      const managed = policy.current?.sources.some((source) => source.kind === 'managed') === true;
      const sources = `Endpoint: ${model || '…'} · Pack ${policy.packName}: ${pack}${managed ? ', capped by the managed policy' : ''}`;
      // Said in the panel, not only in VS Code's banner: the user should know why the agent cannot act.
      const trust = vscode.workspace.isTrusted ? sources : `Restricted Mode: chat only, the agent has no tools and the repository's policy overlay is ignored until you trust this folder · ${sources}`;
      const notice = nativeAgentNotice(doors.current, policy.policy?.posture.requireNativeAgentOff === true);
      return notice === undefined ? trust : `${notice} · ${trust}`;
    },
    onDidChange: (listener) => vscode.Disposable.from(policy.onDidChange(listener), settings.onDidChange(listener), connection.onDidChange(listener), doors.onDidChange(listener), vscode.workspace.onDidGrantWorkspaceTrust(listener)),
  };
}
