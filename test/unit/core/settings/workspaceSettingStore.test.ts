import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceSettingStore, workspaceSettingsKey } from '../../../../src/core/settings/workspaceSettingStore';
import { temporaryFolder } from '../policy/policyFixtures';

describe('workspace setting store (the user\'s decisions, outside every repository)', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let store: WorkspaceSettingStore;
  const repo = '/work/repo';
  const setting = 'airlock.model.baseUrl';
  const approvedUrl = 'http://127.0.0.1:5173/v1';
  const changedUrl = 'http://127.0.0.1:5174/v1';

  beforeEach(() => {
    folder = temporaryFolder('settings');
    store = new WorkspaceSettingStore(join(folder.path, 'config', 'airlock'));
  });
  afterEach(() => folder.remove());

  it('knows nothing at first, and nothing without a file', async () => {
    assert.equal((await store.read()).decision(repo, setting, approvedUrl), 'unknown');
  });

  it('an approval is pinned to the exact value: a changed value asks again', async () => {
    await store.approve(repo, setting, approvedUrl);
    const snapshot = await store.read();
    assert.equal(snapshot.decision(repo, setting, approvedUrl), 'approved');
    assert.equal(snapshot.decision(repo, setting, changedUrl), 'unknown');
    assert.equal(snapshot.decision(repo, setting, `${approvedUrl}/`), 'unknown', 'a trailing slash is another value');
  });

  const scopes: readonly [string, string, string][] = [
    ['another repository does not inherit the approval', '/work/other', setting],
    ['another setting does not inherit the approval', repo, 'airlock.model.name'],
    ['a repository keyed "__proto__" finds nothing', '__proto__', setting],
    ['a setting keyed "constructor" finds nothing', repo, 'constructor'],
  ];
  for (const [attack, workspace, key] of scopes) {
    it(attack, async () => {
      await store.approve(repo, setting, approvedUrl);
      assert.equal((await store.read()).decision(workspace, key, approvedUrl), 'unknown');
    });
  }

  it('a value the user refused stays refused until approved', async () => {
    await store.reject(repo, setting, changedUrl);
    assert.equal((await store.read()).decision(repo, setting, changedUrl), 'rejected');
    await store.approve(repo, setting, changedUrl);
    assert.equal((await store.read()).decision(repo, setting, changedUrl), 'approved');
  });

  it('the palette\'s choice for a workspace is kept, and cleared back to the user setting', async () => {
    await store.choose(repo, 'airlock.policy.pack', 'strict');
    assert.equal((await store.read()).chosen(repo, 'airlock.policy.pack'), 'strict');
    assert.equal((await store.read()).chosen('/work/other', 'airlock.policy.pack'), undefined);
    await store.choose(repo, 'airlock.policy.pack', undefined);
    assert.equal((await store.read()).chosen(repo, 'airlock.policy.pack'), undefined);
  });

  it('a "__proto__" key neither pollutes prototypes nor reads back as approved (fails closed), and other entries survive', async () => {
    await store.approve(repo, setting, approvedUrl);
    await store.approve('__proto__', '__proto__', 'x');
    const snapshot = await store.read();
    assert.equal(snapshot.decision('__proto__', '__proto__', 'x'), 'unknown');
    assert.equal(snapshot.decision(repo, setting, approvedUrl), 'approved');
    assert.equal(({} as Record<string, unknown>).approved, undefined);
  });

  it('writes a private file in the config folder', async () => {
    await store.approve(repo, setting, approvedUrl);
    const file = JSON.parse(readFileSync(store.path, 'utf8')) as { workspaces: Record<string, Record<string, { approved: { value: string }[] }>> };
    assert.equal(file.workspaces[repo]?.[setting]?.approved[0]?.value, approvedUrl);
    assert.equal(statSync(store.path).mode & 0o777, 0o600);
    assert.equal(statSync(store.configDir).mode & 0o777, 0o700);
  });

  it('a corrupt file approves nothing (fails closed) and is replaced on the next write', async () => {
    mkdirSync(store.configDir, { recursive: true });
    writeFileSync(store.path, '{ "version": 1, "workspaces": { "/work/repo": 7 } }');
    assert.equal((await store.read()).decision(repo, setting, approvedUrl), 'unknown');
    await store.approve(repo, setting, approvedUrl);
    assert.equal((await store.read()).decision(repo, setting, approvedUrl), 'approved');
  });

  it('concurrent approvals in different workspaces all survive (locked read-modify-write)', async () => {
    const repos = Array.from({ length: 25 }, (_, index) => `/work/repo${index}`);
    await Promise.all(repos.map((each) => store.approve(each, setting, approvedUrl)));
    const snapshot = await store.read();
    for (const each of repos) assert.equal(snapshot.decision(each, setting, approvedUrl), 'approved', each);
  });

  it('keeps a bounded history of values per setting', async () => {
    for (let index = 0; index < 30; index++) await store.approve(repo, setting, `http://127.0.0.1:${9000 + index}/v1`);
    const snapshot = await store.read();
    assert.equal(snapshot.decision(repo, setting, 'http://127.0.0.1:9029/v1'), 'approved');
    assert.equal(snapshot.decision(repo, setting, 'http://127.0.0.1:9000/v1'), 'unknown');
  });

  it('refuses to store a value too long to be a URL or a name', async () => {
    await assert.rejects(store.approve(repo, setting, `http://127.0.0.1/${'a'.repeat(5000)}`), RangeError);
  });

  it('a workspace is keyed by its real path, so a symlinked checkout shares decisions', async () => {
    const real = join(folder.path, 'repo');
    mkdirSync(real);
    symlinkSync(real, join(folder.path, 'link'));
    assert.equal(await workspaceSettingsKey(join(folder.path, 'link')), real);
  });
});
