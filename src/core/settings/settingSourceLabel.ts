import type { SettingSource, WorkspaceRequestStatus } from './settingResolution';

const SOURCE_LABELS: ReadonlyMap<SettingSource, string> = new Map<SettingSource, string>([
  ['default', 'default'],
  ['user', 'user settings'],
  ['chosen-for-workspace', 'chosen for this workspace'],
  ['workspace-approved', 'approved for this workspace'],
  ['workspace-stricter', 'workspace, stricter'],
]);

const REQUEST_LABELS: ReadonlyMap<WorkspaceRequestStatus, string> = new Map<WorkspaceRequestStatus, string>([
  ['applied-stricter', 'applied: it is stricter'],
  ['approved', 'applied: you approved it'],
  ['awaiting-approval', 'ignored until you approve it'],
  ['rejected', 'ignored: you kept your own'],
  ['user-settings-only', 'ignored: read from user settings only'],
  ['not-offered', 'ignored: not a value Airlock offers'],
  ['invalid', 'ignored: not text'],
  ['restricted-mode', 'ignored: Restricted Mode'],
]);

/** Where a value comes from, as the status bar, the panel and the CLI print it. */
export function settingSourceLabel(source: SettingSource): string {
  return SOURCE_LABELS.get(source) ?? source;
}

/** What became of a workspace's request, in the same words everywhere. */
export function workspaceRequestLabel(status: WorkspaceRequestStatus): string {
  return REQUEST_LABELS.get(status) ?? status;
}

/** Whether a request was left out, so the user is told once. */
export function isIgnoredRequest(status: WorkspaceRequestStatus): boolean {
  return status !== 'applied-stricter' && status !== 'approved';
}
