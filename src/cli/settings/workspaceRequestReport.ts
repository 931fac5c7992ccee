import type { SecuritySettingKey } from '../../core/settings/securitySettings';
import type { ResolvedSetting, SettingSource, WorkspaceRequestStatus } from '../../core/settings/settingResolution';
import { isIgnoredRequest, settingSourceLabel, workspaceRequestLabel } from '../../core/settings/settingSourceLabel';

/** A value the workspace's `.vscode/settings.json` asks for, and what became of it. */
export interface WorkspaceRequestReport {
  readonly setting: SecuritySettingKey;
  readonly value: string;
  readonly status: WorkspaceRequestStatus;
}

/** The requests among `keys`, in that order. */
export function workspaceRequestReports(resolved: ReadonlyMap<SecuritySettingKey, ResolvedSetting>, keys: readonly SecuritySettingKey[]): WorkspaceRequestReport[] {
  return keys.flatMap((key) => {
    const request = resolved.get(key)?.request;
    return request === undefined ? [] : [{ setting: key, value: request.value, status: request.status }];
  });
}

/** One line per request, in the words the extension uses, with the way to approve an ignored one. */
export function renderWorkspaceRequest(request: WorkspaceRequestReport): string {
  const how = request.status === 'awaiting-approval' || request.status === 'rejected' ? ' (approve in VS Code: "Airlock: Review Workspace Settings…")' : '';
  return `${request.setting} = "${request.value}": ${workspaceRequestLabel(request.status)}${how}`;
}

/** Whether any request was left out, for the reader's attention. */
export function anyIgnored(requests: readonly WorkspaceRequestReport[]): boolean {
  return requests.some((request) => isIgnoredRequest(request.status));
}

/**
 * Where a value comes from, as the CLI says it: the option that stands for the user's setting,
 * the workspace when approved or stricter, else the environment variable or the default.
 */
export function cliSourceLabel(source: SettingSource, option: string, envValue: string | undefined, envName: string): string {
  if (source === 'user') return option;
  if (source !== 'default') return settingSourceLabel(source);
  // Same rule as resolveModelEndpoint: a blank variable counts as unset.
  return envValue !== undefined && envValue.trim() !== '' ? envName : 'default';
}
