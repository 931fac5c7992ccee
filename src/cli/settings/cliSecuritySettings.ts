import { homedir } from 'node:os';
import { resolveConfigDir } from '../../core/policy/policyPaths';
import { resolveSecuritySettings } from '../../core/settings/resolveSecuritySettings';
import type { SecuritySettingKey } from '../../core/settings/securitySettings';
import type { ResolvedSetting } from '../../core/settings/settingResolution';
import { WorkspaceSettingStore, workspaceSettingsKey } from '../../core/settings/workspaceSettingStore';
import type { CliContext } from '../cliContext';
import { readWorkspaceSettingsFile } from './workspaceSettingsFile';

export interface CliSecuritySettings {
  readonly resolved: ReadonlyMap<SecuritySettingKey, ResolvedSetting>;
  readonly problem?: string;
}

/**
 * The security settings as the extension would use them in `folder`: the CLI's options stand
 * for the user's settings, the workspace's `.vscode/settings.json` may ask, and the user's
 * decisions come from the same store the extension writes. The shell is the user's, so the
 * folder counts as trusted.
 */
export async function cliSecuritySettings(folder: string, user: ReadonlyMap<SecuritySettingKey, string>, context: CliContext): Promise<CliSecuritySettings> {
  const file = await readWorkspaceSettingsFile(folder);
  const store = new WorkspaceSettingStore(resolveConfigDir(context.env, context.env.HOME ?? homedir()));
  const resolved = resolveSecuritySettings({
    levels: (key) => ({ user: user.get(key), workspace: file.values.get(key) }),
    workspaceTrusted: true,
    workspace: await workspaceSettingsKey(folder),
    snapshot: await store.read(),
  });
  return { resolved, ...(file.problem === undefined ? {} : { problem: file.problem }) };
}
