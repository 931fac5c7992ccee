import { BUILTIN_PACK_NAMES, DEFAULT_PACK_NAME } from '../policy/builtinPacks';
import { DEFAULT_BASE_URL, DEFAULT_MODEL } from '../model/modelEndpoint';

/**
 * The settings that change what the guard allows, where traffic goes or what is recorded. They
 * are the user's: read from user (or machine) settings only. A repository's `.vscode/settings.json`
 * may ask for its own value of some of them, and the user decides.
 */
export type SecuritySettingKey =
  | 'airlock.model.baseUrl'
  | 'airlock.model.name'
  | 'airlock.policy.pack'
  | 'airlock.policy.managedPath'
  | 'airlock.audit.path'
  | 'airlock.audit.syslog';

export interface SecuritySetting {
  readonly key: SecuritySettingKey;
  /** How dialogs and the status bar name it: "model endpoint". */
  readonly label: string;
  /** The value in force when the user set none (the model's may still come from the environment). */
  readonly defaultValue: string;
  /**
   * Whether a workspace may ask for its own value. Where a per-repository value has no honest use
   * (redirecting the managed policy or the audit log), the workspace's value is only reported.
   */
  readonly workspaceMayAsk: boolean;
  /**
   * The only values a workspace may ask for, strictest first: asking for one stricter than the
   * user's needs no approval. Absent: any string may be asked for, and every one needs approval.
   */
  readonly strictness?: readonly string[];
}

/** Strictest first: `strict` is read-only with no network; `default` allows edits with approval. */
const PACK_STRICTNESS: readonly string[] = ['strict', ...BUILTIN_PACK_NAMES.filter((name) => name !== 'strict')];

export const SECURITY_SETTINGS: ReadonlyMap<SecuritySettingKey, SecuritySetting> = new Map<SecuritySettingKey, SecuritySetting>([
  ['airlock.model.baseUrl', { key: 'airlock.model.baseUrl', label: 'model endpoint', defaultValue: DEFAULT_BASE_URL, workspaceMayAsk: true }],
  ['airlock.model.name', { key: 'airlock.model.name', label: 'model name', defaultValue: DEFAULT_MODEL, workspaceMayAsk: true }],
  ['airlock.policy.pack', { key: 'airlock.policy.pack', label: 'policy pack', defaultValue: DEFAULT_PACK_NAME, workspaceMayAsk: true, strictness: PACK_STRICTNESS }],
  ['airlock.policy.managedPath', { key: 'airlock.policy.managedPath', label: 'managed policy file', defaultValue: '', workspaceMayAsk: false }],
  ['airlock.audit.path', { key: 'airlock.audit.path', label: 'audit log location', defaultValue: '', workspaceMayAsk: false }],
  ['airlock.audit.syslog', { key: 'airlock.audit.syslog', label: 'audit copy to syslog', defaultValue: '', workspaceMayAsk: false }],
]);

/** The registry entry for a key this module defines; throws only on a programming error. */
export function securitySetting(key: SecuritySettingKey): SecuritySetting {
  const setting = SECURITY_SETTINGS.get(key);
  if (setting === undefined) throw new Error(`unknown security setting ${key}`);
  return setting;
}
