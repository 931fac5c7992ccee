import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveSecuritySettings } from '../../../../src/core/settings/resolveSecuritySettings';
import { SECURITY_SETTINGS, type SecuritySettingKey } from '../../../../src/core/settings/securitySettings';
import type { SettingLevels } from '../../../../src/core/settings/settingResolution';
import { WorkspaceSettingStore } from '../../../../src/core/settings/workspaceSettingStore';
import { temporaryFolder } from '../policy/policyFixtures';

const REPO = '/work/repo';
const REPO_URL = 'http://127.0.0.1:5173/v1';

describe('security settings resolved against the store', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let store: WorkspaceSettingStore;

  beforeEach(async () => {
    folder = temporaryFolder('resolve');
    store = new WorkspaceSettingStore(join(folder.path, 'config'));
    await store.approve(REPO, 'airlock.model.baseUrl', REPO_URL);
    await store.choose(REPO, 'airlock.policy.pack', 'strict');
  });
  afterEach(() => folder.remove());

  const levels = (key: SecuritySettingKey): SettingLevels => (key === 'airlock.model.baseUrl' ? { user: 'http://127.0.0.1:11434/v1', workspace: REPO_URL } : {});

  const rows: readonly [string, string | undefined, string | undefined, string | undefined][] = [
    // [attack, workspace key, endpoint in force, pack in force]
    ['the workspace the user approved it for gets the approved endpoint and the chosen pack', REPO, REPO_URL, 'strict'],
    ['another workspace with the same settings file gets neither', '/work/other', 'http://127.0.0.1:11434/v1', undefined],
    ['no folder open: nothing from the store applies', undefined, 'http://127.0.0.1:11434/v1', undefined],
  ];
  for (const [attack, workspace, endpoint, pack] of rows) {
    it(attack, async () => {
      const resolved = resolveSecuritySettings({ levels, workspaceTrusted: true, workspace, snapshot: await store.read() });
      assert.deepEqual([...resolved.keys()], [...SECURITY_SETTINGS.keys()], 'every security setting is resolved');
      assert.equal(resolved.get('airlock.model.baseUrl')?.value, endpoint);
      assert.equal(resolved.get('airlock.policy.pack')?.value, pack);
    });
  }
});
