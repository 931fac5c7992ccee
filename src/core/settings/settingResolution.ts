import type { SecuritySetting, SecuritySettingKey } from './securitySettings';

/** A setting's values at each level, as the editor reports them; anything may be in a settings file. */
export interface SettingLevels {
  readonly user?: unknown;
  readonly workspace?: unknown;
  readonly workspaceFolder?: unknown;
}

/** What the user decided earlier about a workspace asking for this exact value. */
export type WorkspaceValueDecision = 'approved' | 'rejected' | 'unknown';

export interface SettingResolutionInput {
  readonly setting: SecuritySetting;
  readonly levels: SettingLevels;
  /** In Restricted Mode nothing in the workspace counts. */
  readonly workspaceTrusted: boolean;
  /** The user's own choice for this workspace (the palette's pack picker), kept outside the repository. */
  readonly chosenForWorkspace?: string | undefined;
  readonly decision: (value: string) => WorkspaceValueDecision;
}

/** Where the value in force comes from. */
export type SettingSource = 'default' | 'user' | 'chosen-for-workspace' | 'workspace-approved' | 'workspace-stricter';

/** What became of a workspace's request for its own value. */
export type WorkspaceRequestStatus =
  | 'applied-stricter'
  | 'approved'
  | 'awaiting-approval'
  | 'rejected'
  | 'user-settings-only'
  | 'not-offered'
  | 'invalid'
  | 'restricted-mode';

export interface WorkspaceRequest {
  /** The value the repository asks for, as text. */
  readonly value: string;
  readonly level: 'workspace' | 'workspaceFolder';
  readonly status: WorkspaceRequestStatus;
}

export interface ResolvedSetting {
  readonly key: SecuritySettingKey;
  /** The value in force; undefined when nobody set one (the model's then comes from the environment). */
  readonly value: string | undefined;
  readonly source: SettingSource;
  /** What applies without the workspace: the user's choice for it, the user's setting, or undefined. */
  readonly userValue: string | undefined;
  readonly request?: WorkspaceRequest;
}

/**
 * Decides which value of a security setting is in force. In order:
 * 1. the user's baseline: their choice for this workspace, else their user setting, else unset;
 * 2. no workspace value, or the same as the baseline: the baseline;
 * 3. Restricted Mode, a setting a workspace may not ask for, or a value that is not text or not
 *    offered: the baseline, and the request is reported as ignored;
 * 4. a value strictly stricter than the baseline (`default` → `strict`): applies without asking;
 * 5. a value the user approved for this workspace: applies;
 * 6. otherwise the baseline, and the request waits for the user (or stays refused).
 * The workspace-folder value stands for the workspace when both exist, as in VS Code.
 */
export function resolveSetting(input: SettingResolutionInput): ResolvedSetting {
  const { setting } = input;
  const baseline = baselineOf(input);
  const raw = input.levels.workspaceFolder ?? input.levels.workspace;
  const level = input.levels.workspaceFolder !== undefined ? 'workspaceFolder' : 'workspace';
  const requested = raw === undefined ? undefined : textOf(raw);
  if (raw === undefined || requested === (baseline.value ?? setting.defaultValue)) return baseline;
  const ignore = (status: WorkspaceRequestStatus): ResolvedSetting => ({ ...baseline, request: { value: requested ?? JSON.stringify(raw), level, status } });
  if (!input.workspaceTrusted) return ignore('restricted-mode');
  if (!setting.workspaceMayAsk) return ignore('user-settings-only');
  if (typeof raw !== 'string') return ignore('invalid');
  if (setting.strictness !== undefined && !setting.strictness.includes(raw)) return ignore('not-offered');
  const apply = (source: SettingSource, status: WorkspaceRequestStatus): ResolvedSetting => ({ ...baseline, value: raw, source, request: { value: raw, level, status } });
  if (isStricter(setting, raw, baseline.value ?? setting.defaultValue)) return apply('workspace-stricter', 'applied-stricter');
  const decision = input.decision(raw);
  if (decision === 'approved') return apply('workspace-approved', 'approved');
  return ignore(decision === 'rejected' ? 'rejected' : 'awaiting-approval');
}

function baselineOf(input: SettingResolutionInput): ResolvedSetting {
  const { key } = input.setting;
  if (input.chosenForWorkspace !== undefined) return { key, value: input.chosenForWorkspace, source: 'chosen-for-workspace', userValue: input.chosenForWorkspace };
  const user = input.levels.user === undefined ? undefined : textOf(input.levels.user);
  return { key, value: user, source: user === undefined ? 'default' : 'user', userValue: user };
}

/** Only a value ranked strictly stricter counts; an unranked one (a typo) never does. */
function isStricter(setting: SecuritySetting, requested: string, baseline: string): boolean {
  if (setting.strictness === undefined) return false;
  const requestedRank = setting.strictness.indexOf(requested);
  const baselineRank = setting.strictness.indexOf(baseline);
  return requestedRank >= 0 && baselineRank >= 0 && requestedRank < baselineRank;
}

/** A non-string (a number typed into settings.json) is kept as JSON so the consumer's check names it. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
