import { SECURITY_SETTINGS, type SecuritySettingKey } from './securitySettings';
import { resolveSetting, type ResolvedSetting, type SettingLevels } from './settingResolution';
import type { WorkspaceSettingSnapshot } from './workspaceSettingStore';

export interface SecuritySettingsInput {
  /** Each setting's values at each level, as the editor (or the CLI) found them. */
  readonly levels: (key: SecuritySettingKey) => SettingLevels;
  readonly workspaceTrusted: boolean;
  /** The workspace's key in the store (`workspaceSettingsKey`); none: no folder, nothing approved. */
  readonly workspace: string | undefined;
  readonly snapshot: WorkspaceSettingSnapshot;
}

/** Every security setting resolved against the user's decisions for this workspace. */
export function resolveSecuritySettings(input: SecuritySettingsInput): ReadonlyMap<SecuritySettingKey, ResolvedSetting> {
  const { workspace, snapshot } = input;
  return new Map([...SECURITY_SETTINGS.values()].map((setting) => [setting.key, resolveSetting({
    setting,
    levels: input.levels(setting.key),
    workspaceTrusted: input.workspaceTrusted,
    chosenForWorkspace: workspace === undefined ? undefined : snapshot.chosen(workspace, setting.key),
    decision: (value) => (workspace === undefined ? 'unknown' : snapshot.decision(workspace, setting.key, value)),
  })]));
}
