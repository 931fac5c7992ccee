import assert from 'node:assert/strict';
import { SECURITY_SETTINGS, securitySetting, type SecuritySettingKey } from '../../../../src/core/settings/securitySettings';
import { resolveSetting, type SettingLevels, type SettingSource, type WorkspaceRequestStatus, type WorkspaceValueDecision } from '../../../../src/core/settings/settingResolution';

const USER_URL = 'http://127.0.0.1:11500/v1';
const REPO_URL = 'http://127.0.0.1:5173/v1';
const FOLDER_URL = 'http://127.0.0.1:3000/v1';

interface Row {
  readonly attack: string;
  readonly key: SecuritySettingKey;
  readonly levels: SettingLevels;
  readonly decisions?: Readonly<Record<string, WorkspaceValueDecision>>;
  readonly trusted?: boolean;
  readonly chosen?: string;
  readonly value: string | undefined;
  readonly source: SettingSource;
  readonly request?: { readonly value: string; readonly level: 'workspace' | 'workspaceFolder'; readonly status: WorkspaceRequestStatus };
}

function resolve(row: Pick<Row, 'key' | 'levels' | 'decisions' | 'trusted' | 'chosen'>) {
  const decisions = new Map(Object.entries(row.decisions ?? {}));
  return resolveSetting({
    setting: securitySetting(row.key),
    levels: row.levels,
    workspaceTrusted: row.trusted ?? true,
    chosenForWorkspace: row.chosen,
    decision: (value) => decisions.get(value) ?? 'unknown',
  });
}

const ROWS: readonly Row[] = [
  // airlock.model.baseUrl: a repository must not pick the server every turn of the chat goes to.
  { attack: 'nothing set: the default applies', key: 'airlock.model.baseUrl', levels: {}, value: undefined, source: 'default' },
  { attack: 'user only: the user\'s server', key: 'airlock.model.baseUrl', levels: { user: USER_URL }, value: USER_URL, source: 'user' },
  { attack: 'repository names its dev server as the model (user set none)', key: 'airlock.model.baseUrl', levels: { workspace: REPO_URL }, value: undefined, source: 'default', request: { value: REPO_URL, level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'repository overrides the user\'s server', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: REPO_URL }, value: USER_URL, source: 'user', request: { value: REPO_URL, level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'folder-level settings override the user\'s server', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspaceFolder: FOLDER_URL }, value: USER_URL, source: 'user', request: { value: FOLDER_URL, level: 'workspaceFolder', status: 'awaiting-approval' } },
  { attack: 'workspace and folder both set: the folder\'s request is the one judged', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: REPO_URL, workspaceFolder: FOLDER_URL }, value: USER_URL, source: 'user', request: { value: FOLDER_URL, level: 'workspaceFolder', status: 'awaiting-approval' } },
  { attack: 'workspace repeats the user\'s value: nothing to ask', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: USER_URL }, value: USER_URL, source: 'user' },
  { attack: 'workspace repeats the default while the user set none: nothing to ask', key: 'airlock.model.baseUrl', levels: { workspace: 'http://127.0.0.1:11434/v1' }, value: undefined, source: 'default' },
  { attack: 'approved value applies', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: REPO_URL }, decisions: { [REPO_URL]: 'approved' }, value: REPO_URL, source: 'workspace-approved', request: { value: REPO_URL, level: 'workspace', status: 'approved' } },
  { attack: 'approval of one value does not carry to a changed value', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: FOLDER_URL }, decisions: { [REPO_URL]: 'approved' }, value: USER_URL, source: 'user', request: { value: FOLDER_URL, level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'approved workspace value is shadowed by an unapproved folder value', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: REPO_URL, workspaceFolder: FOLDER_URL }, decisions: { [REPO_URL]: 'approved' }, value: USER_URL, source: 'user', request: { value: FOLDER_URL, level: 'workspaceFolder', status: 'awaiting-approval' } },
  { attack: 'refused value stays out and is not offered again', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: REPO_URL }, decisions: { [REPO_URL]: 'rejected' }, value: USER_URL, source: 'user', request: { value: REPO_URL, level: 'workspace', status: 'rejected' } },
  { attack: 'Restricted Mode ignores even an approved value', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: REPO_URL }, decisions: { [REPO_URL]: 'approved' }, trusted: false, value: USER_URL, source: 'user', request: { value: REPO_URL, level: 'workspace', status: 'restricted-mode' } },
  { attack: 'a number instead of a URL is ignored', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: 5173 }, value: USER_URL, source: 'user', request: { value: '5173', level: 'workspace', status: 'invalid' } },
  { attack: 'an object is ignored, not spread into anything', key: 'airlock.model.baseUrl', levels: { user: USER_URL, workspace: { __proto__: { polluted: true } } }, value: USER_URL, source: 'user', request: { value: '{}', level: 'workspace', status: 'invalid' } },
  { attack: 'a user number is passed on as text for the endpoint check to name', key: 'airlock.model.baseUrl', levels: { user: 8080 }, value: '8080', source: 'user' },
  // airlock.model.name: the model is the user's choice too.
  { attack: 'repository swaps the model name', key: 'airlock.model.name', levels: { user: 'qwen2.5-coder', workspace: 'evil-finetune' }, value: 'qwen2.5-coder', source: 'user', request: { value: 'evil-finetune', level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'repository names a model where the user set none', key: 'airlock.model.name', levels: { workspaceFolder: 'evil-finetune' }, value: undefined, source: 'default', request: { value: 'evil-finetune', level: 'workspaceFolder', status: 'awaiting-approval' } },
  { attack: 'a model named like a prototype property is only a request', key: 'airlock.model.name', levels: { workspace: '__proto__' }, value: undefined, source: 'default', request: { value: '__proto__', level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'approved model name applies', key: 'airlock.model.name', levels: { user: 'a', workspace: 'b' }, decisions: { b: 'approved' }, value: 'b', source: 'workspace-approved', request: { value: 'b', level: 'workspace', status: 'approved' } },
  // airlock.policy.pack: loosening needs the user, tightening does not.
  { attack: 'repository loosens the user\'s strict to default', key: 'airlock.policy.pack', levels: { user: 'strict', workspace: 'default' }, value: 'strict', source: 'user', request: { value: 'default', level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'folder settings loosen strict to default', key: 'airlock.policy.pack', levels: { user: 'strict', workspaceFolder: 'default' }, value: 'strict', source: 'user', request: { value: 'default', level: 'workspaceFolder', status: 'awaiting-approval' } },
  { attack: 'workspace tightens default to strict: applies without asking', key: 'airlock.policy.pack', levels: { user: 'default', workspace: 'strict' }, value: 'strict', source: 'workspace-stricter', request: { value: 'strict', level: 'workspace', status: 'applied-stricter' } },
  { attack: 'workspace tightens the default pack (user set none)', key: 'airlock.policy.pack', levels: { workspace: 'strict' }, value: 'strict', source: 'workspace-stricter', request: { value: 'strict', level: 'workspace', status: 'applied-stricter' } },
  { attack: 'workspace says strict, folder loosens back to default', key: 'airlock.policy.pack', levels: { user: 'strict', workspace: 'strict', workspaceFolder: 'default' }, value: 'strict', source: 'user', request: { value: 'default', level: 'workspaceFolder', status: 'awaiting-approval' } },
  { attack: 'approved loosening applies', key: 'airlock.policy.pack', levels: { user: 'strict', workspace: 'default' }, decisions: { default: 'approved' }, value: 'default', source: 'workspace-approved', request: { value: 'default', level: 'workspace', status: 'approved' } },
  { attack: 'a pack Airlock does not ship is not offered', key: 'airlock.policy.pack', levels: { user: 'strict', workspace: 'permissive' }, value: 'strict', source: 'user', request: { value: 'permissive', level: 'workspace', status: 'not-offered' } },
  { attack: 'a pack named "constructor" is not offered', key: 'airlock.policy.pack', levels: { user: 'strict', workspace: 'constructor' }, decisions: { 'constructor': 'approved' as const }, value: 'strict', source: 'user', request: { value: 'constructor', level: 'workspace', status: 'not-offered' } },
  { attack: 'a pack named "__proto__" is not offered', key: 'airlock.policy.pack', levels: { workspace: '__proto__' }, value: undefined, source: 'default', request: { value: '__proto__', level: 'workspace', status: 'not-offered' } },
  { attack: 'the user\'s own choice for this workspace wins over their user setting', key: 'airlock.policy.pack', levels: { user: 'strict' }, chosen: 'default', value: 'default', source: 'chosen-for-workspace' },
  { attack: 'the repository cannot loosen the user\'s choice for this workspace', key: 'airlock.policy.pack', levels: { user: 'default', workspace: 'default' }, chosen: 'strict', value: 'strict', source: 'chosen-for-workspace', request: { value: 'default', level: 'workspace', status: 'awaiting-approval' } },
  { attack: 'Restricted Mode ignores even a tightening', key: 'airlock.policy.pack', levels: { user: 'default', workspace: 'strict' }, trusted: false, value: 'default', source: 'user', request: { value: 'strict', level: 'workspace', status: 'restricted-mode' } },
  // airlock.policy.managedPath and airlock.audit.path: user settings only, never approvable.
  { attack: 'repository points the managed policy at its own file', key: 'airlock.policy.managedPath', levels: { user: '/etc/airlock/managed.yaml', workspace: '.airlock/managed.yaml' }, decisions: { '.airlock/managed.yaml': 'approved' }, value: '/etc/airlock/managed.yaml', source: 'user', request: { value: '.airlock/managed.yaml', level: 'workspace', status: 'user-settings-only' } },
  { attack: 'repository sets a managed policy where the user has none', key: 'airlock.policy.managedPath', levels: { workspaceFolder: '/tmp/x.yaml' }, value: undefined, source: 'default', request: { value: '/tmp/x.yaml', level: 'workspaceFolder', status: 'user-settings-only' } },
  { attack: 'repository clears the managed policy with an empty value', key: 'airlock.policy.managedPath', levels: { user: '/etc/airlock/managed.yaml', workspace: '' }, value: '/etc/airlock/managed.yaml', source: 'user', request: { value: '', level: 'workspace', status: 'user-settings-only' } },
  { attack: 'repository redirects the audit log into itself', key: 'airlock.audit.path', levels: { workspace: './audit.jsonl' }, decisions: { './audit.jsonl': 'approved' }, value: undefined, source: 'default', request: { value: './audit.jsonl', level: 'workspace', status: 'user-settings-only' } },
  { attack: 'repository redirects the user\'s audit log', key: 'airlock.audit.path', levels: { user: '/var/log/airlock/', workspace: '/dev/null', workspaceFolder: '/tmp/' }, value: '/var/log/airlock/', source: 'user', request: { value: '/tmp/', level: 'workspaceFolder', status: 'user-settings-only' } },
  { attack: 'user\'s audit path applies', key: 'airlock.audit.path', levels: { user: '/var/log/airlock/' }, value: '/var/log/airlock/', source: 'user' },
];

describe('security setting resolution (user settings win; a workspace may only ask)', () => {
  for (const row of ROWS) {
    it(`${row.key}: ${row.attack}`, () => {
      const resolved = resolve(row);
      assert.equal(resolved.value, row.value, 'value in force');
      assert.equal(resolved.source, row.source, 'source');
      assert.deepEqual(resolved.request, row.request, 'workspace request');
    });
  }

  // Every combination of user, workspace and workspace-folder values, for each setting: a value
  // from the repository is in force only when it is stricter or the user approved that exact value.
  const USER_VALUES = new Map<SecuritySettingKey, string>([
    ['airlock.model.baseUrl', USER_URL], ['airlock.model.name', 'user-model'], ['airlock.policy.pack', 'strict'],
    ['airlock.policy.managedPath', '/etc/airlock/managed.yaml'], ['airlock.audit.path', '/var/log/airlock/'],
  ]);
  const OTHER_VALUES = new Map<SecuritySettingKey, readonly [string, string]>([
    ['airlock.model.baseUrl', [REPO_URL, FOLDER_URL]], ['airlock.model.name', ['repo-model', 'folder-model']], ['airlock.policy.pack', ['default', 'default']],
    ['airlock.policy.managedPath', ['/repo/managed.yaml', '/folder/managed.yaml']], ['airlock.audit.path', ['/repo/audit/', '/folder/audit/']],
  ]);
  for (const setting of SECURITY_SETTINGS.values()) {
    const user = USER_VALUES.get(setting.key) ?? '';
    const [repo, folder] = OTHER_VALUES.get(setting.key) ?? ['', ''];
    for (const userLevel of [undefined, user]) {
      for (const workspace of [undefined, user, repo]) {
        for (const workspaceFolder of [undefined, user, folder]) {
          for (const decision of ['unknown', 'rejected', 'approved'] as const) {
            const levels: SettingLevels = { user: userLevel, workspace, workspaceFolder };
            it(`${setting.key}: user ${String(userLevel)}, workspace ${String(workspace)}, folder ${String(workspaceFolder)}, ${decision}`, () => {
              const resolved = resolveSetting({ setting, levels, workspaceTrusted: true, decision: () => decision });
              const requested = workspaceFolder ?? workspace;
              const fromWorkspace = requested !== undefined && requested !== (userLevel ?? setting.defaultValue);
              const rank = (value: string): number => setting.strictness?.indexOf(value) ?? -1;
              const stricter = fromWorkspace && rank(requested) >= 0 && rank(requested) < rank(userLevel ?? setting.defaultValue);
              const approved = fromWorkspace && !stricter && setting.workspaceMayAsk && decision === 'approved';
              assert.equal(resolved.value, stricter || approved ? requested : userLevel);
              assert.equal(resolved.source, stricter ? 'workspace-stricter' : approved ? 'workspace-approved' : userLevel === undefined ? 'default' : 'user');
              assert.equal(resolved.request?.value, fromWorkspace ? requested : undefined, 'the request is reported exactly when the workspace differs');
            });
          }
        }
      }
    }
  }
});
