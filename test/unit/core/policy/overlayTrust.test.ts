import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OverlayTrustStore, overlayTrustKey } from '../../../../src/core/policy/overlayTrust';
import { sha256Of } from '../../../../src/core/policy/policyFile';
import { temporaryFolder } from './policyFixtures';

describe('overlay trust store (pinned to content hashes)', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let store: OverlayTrustStore;
  const key = '/work/repo/.airlock/policy/default.yaml';
  const approved = sha256Of('version: 1\n');
  const changed = sha256Of('version: 1\negress:\n  allow: [evil.example.com]\n');

  beforeEach(() => {
    folder = temporaryFolder('trust');
    store = new OverlayTrustStore(join(folder.path, 'config', 'airlock'));
  });
  afterEach(() => folder.remove());

  it('knows nothing at first, and nothing without a file', async () => {
    assert.equal(await store.status(key, approved), 'unknown');
  });

  it('an approved hash is trusted; a changed file (other hash) asks again', async () => {
    await store.trust(key, approved, 'approved');
    assert.equal(await store.status(key, approved), 'trusted');
    assert.equal(await store.status(key, changed), 'unknown');
  });

  it('approval is per overlay path: the same content elsewhere is not trusted', async () => {
    await store.trust(key, approved, 'approved');
    assert.equal(await store.status('/work/other/.airlock/policy/default.yaml', approved), 'unknown');
  });

  it('a rejected hash stays rejected until approved', async () => {
    await store.reject(key, changed);
    assert.equal(await store.status(key, changed), 'rejected');
    await store.trust(key, changed, 'approved');
    assert.equal(await store.status(key, changed), 'trusted');
  });

  it('writes a private file, atomically replaced, in the config folder', async () => {
    await store.trust(key, approved, 'written');
    const file = JSON.parse(readFileSync(store.path, 'utf8')) as { overlays: Record<string, { trusted: { origin: string }[] }> };
    assert.equal(file.overlays[key]?.trusted[0]?.origin, 'written');
    assert.equal(statSync(store.path).mode & 0o777, 0o600);
    assert.equal(statSync(store.configDir).mode & 0o777, 0o700);
  });

  it('a corrupt file trusts nothing (fails closed) and is replaced on the next write', async () => {
    mkdirSync(store.configDir, { recursive: true });
    writeFileSync(store.path, '{ not json');
    assert.equal(await store.status(key, approved), 'unknown');
    await store.trust(key, approved, 'approved');
    assert.equal(await store.status(key, approved), 'trusted');
  });

  it('concurrent approvals of different overlays all survive (locked read-modify-write)', async () => {
    const keys = Array.from({ length: 25 }, (_, index) => `/work/repo${index}/.airlock/policy/default.yaml`);
    await Promise.all(keys.map((each) => store.trust(each, approved, 'approved')));
    for (const each of keys) assert.equal(await store.status(each, approved), 'trusted', each);
  });

  it('keeps a bounded history of hashes per overlay', async () => {
    for (let index = 0; index < 30; index++) await store.trust(key, sha256Of(`v${index}`), 'written');
    assert.equal(await store.status(key, sha256Of('v29')), 'trusted');
    assert.equal(await store.status(key, sha256Of('v0')), 'unknown');
  });

  it('an overlay is keyed by its folder\'s real path, so a symlinked checkout shares approvals', async () => {
    const real = join(folder.path, 'repo');
    mkdirSync(join(real, '.airlock', 'policy'), { recursive: true });
    symlinkSync(real, join(folder.path, 'link'));
    assert.equal(await overlayTrustKey(join(folder.path, 'link', '.airlock', 'policy', 'default.yaml')), join(real, '.airlock', 'policy', 'default.yaml'));
  });
});
