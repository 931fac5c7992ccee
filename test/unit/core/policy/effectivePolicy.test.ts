import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyStore, type PolicyLoadOptions } from '../../../../src/core/policy/effectivePolicy';
import { isDefaultDeny } from '../../../../src/core/policy/firewallRules';
import { OverlayTrustStore } from '../../../../src/core/policy/overlayTrust';
import { REPO_POLICY_DIR, temporaryFolder } from './policyFixtures';
import { PROTOTYPE_NAMES } from './prototypeNames';

const REPO_OVERLAY = '# shipped with the repository\nversion: 1\negress:\n  allow: [docs.python.org]\n';

describe('effective policy (PolicyStore)', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let options: PolicyLoadOptions;
  let overlay: string;

  beforeEach(() => {
    folder = temporaryFolder('effective');
    const workspaceFolder = join(folder.path, 'repo');
    mkdirSync(join(workspaceFolder, '.airlock', 'policy'), { recursive: true });
    overlay = join(workspaceFolder, '.airlock', 'policy', 'default.yaml');
    options = { workspaceFolder, packName: 'default', builtinDir: REPO_POLICY_DIR, workspaceTrusted: true, configDir: join(folder.path, 'config') };
  });
  afterEach(() => folder.remove());

  async function approvePending(store: PolicyStore): Promise<void> {
    const pending = (await store.load(options)).pendingOverlay;
    assert.ok(pending, 'an overlay is pending');
    await new OverlayTrustStore(options.configDir).trust(pending.key, pending.sha256, 'approved');
  }

  it('without an overlay: the built-in pack alone, default deny', async () => {
    const result = await new PolicyStore().load(options);
    assert.deepEqual(result.sources.map((source) => source.kind), ['builtin']);
    assert.deepEqual(result.errors, []);
    assert.equal(result.pendingOverlay, undefined);
    assert.ok(isDefaultDeny(result.policy));
  });

  for (const name of PROTOTYPE_NAMES) {
    it(`a pack named "${name}" (an Object.prototype name): the default pack, with an error naming it`, async () => {
      const result = await new PolicyStore().load({ ...options, packName: name });
      assert.equal(result.packName, 'default');
      assert.ok(result.errors.some((error) => error.code === 'POLICY_UNKNOWN_PACK' && error.detail.includes(`"${name}"`)), JSON.stringify(result.errors.map((error) => error.message)));
    });
  }

  it('without a workspace folder there is no overlay', async () => {
    writeFileSync(overlay, REPO_OVERLAY);
    const result = await new PolicyStore().load({ ...options, workspaceFolder: undefined });
    assert.deepEqual(result.sources.map((source) => source.kind), ['builtin']);
    assert.equal(result.pendingOverlay, undefined);
  });

  it('a repository overlay is not honoured until approved, and the dialog gets what it loosens', async () => {
    writeFileSync(overlay, REPO_OVERLAY);
    const store = new PolicyStore();
    const before = await store.load(options);
    assert.deepEqual(before.policy.egress.allow, []);
    assert.deepEqual(before.pendingOverlay?.loosens, ['network: lets every tool reach docs.python.org without asking (egress.allow)']);
    assert.equal(before.pendingOverlay?.file, '.airlock/policy/default.yaml');
    assert.equal(before.pendingOverlay?.rejected, false);

    await approvePending(store);
    const after = await store.load(options);
    assert.equal(after.pendingOverlay, undefined);
    assert.deepEqual(after.policy.egress.allow, ['docs.python.org']);
    assert.deepEqual(after.sources.map((source) => source.kind), ['builtin', 'overlay']);
    assert.ok(!isDefaultDeny(after.policy));
  });

  it('approval is pinned to the content hash: a changed file asks again', async () => {
    writeFileSync(overlay, REPO_OVERLAY);
    const store = new PolicyStore();
    await approvePending(store);
    writeFileSync(overlay, `${REPO_OVERLAY}  block: [evil.example.com]\n`.replace('docs.python.org', 'docs.python.org, pypi.org'));
    const result = await store.load(options);
    assert.deepEqual(result.policy.egress.allow, [], 'the changed overlay does not apply');
    assert.deepEqual(result.pendingOverlay?.loosens, [
      'network: lets every tool reach docs.python.org without asking (egress.allow)',
      'network: lets every tool reach pypi.org without asking (egress.allow)',
    ]);
  });

  it('a rejected overlay is reported as rejected, so the UI need not ask again', async () => {
    writeFileSync(overlay, REPO_OVERLAY);
    const store = new PolicyStore();
    const pending = (await store.load(options)).pendingOverlay;
    assert.ok(pending);
    await new OverlayTrustStore(options.configDir).reject(pending.key, pending.sha256);
    assert.equal((await store.load(options)).pendingOverlay?.rejected, true);
  });

  it('in an untrusted workspace the overlay is ignored, even when approved', async () => {
    writeFileSync(overlay, REPO_OVERLAY);
    const store = new PolicyStore();
    await approvePending(store);
    const result = await store.load({ ...options, workspaceTrusted: false });
    assert.deepEqual(result.policy.egress.allow, []);
    assert.equal(result.pendingOverlay, undefined);
    assert.deepEqual(result.warnings, ['.airlock/policy/default.yaml: ignored, because the workspace is not trusted']);
  });

  it('an overlay that turns invalid keeps its last valid content in force and reports the error', async () => {
    writeFileSync(overlay, REPO_OVERLAY);
    const store = new PolicyStore();
    await approvePending(store);
    assert.deepEqual((await store.load(options)).policy.egress.allow, ['docs.python.org']);
    writeFileSync(overlay, 'version: 1\negress:\n  allow: ["*"]\n');
    const result = await store.load(options);
    assert.deepEqual(result.policy.egress.allow, ['docs.python.org']);
    assert.equal(result.errors[0]?.message, '.airlock/policy/default.yaml:3:11: egress.allow[0]: "*" would allow every host; name the hosts instead');
    assert.equal(result.sources.find((source) => source.kind === 'overlay')?.current, false);
  });

  it('an overlay that was never valid leaves the built-in pack in force', async () => {
    writeFileSync(overlay, 'version: 1\negress: [oops\n');
    const result = await new PolicyStore().load(options);
    assert.deepEqual(result.sources.map((source) => source.kind), ['builtin']);
    assert.equal(result.errors[0]?.code, 'POLICY_YAML_SYNTAX');
    assert.match(result.errors[0]?.message ?? '', /^\.airlock\/policy\/default\.yaml:\d+:\d+: /);
  });

  it('an overlay that is a symbolic link out of the workspace is refused', async () => {
    const outside = join(folder.path, 'outside.yaml');
    writeFileSync(outside, REPO_OVERLAY);
    symlinkSync(outside, overlay);
    const result = await new PolicyStore().load(options);
    assert.equal(result.errors[0]?.code, 'POLICY_OUTSIDE_WORKSPACE');
    assert.equal(result.pendingOverlay, undefined);
    assert.deepEqual(result.policy.egress.allow, []);
  });

  it('a .airlock folder that is a symbolic link out of the workspace is refused', async () => {
    const workspaceFolder = options.workspaceFolder ?? assert.fail();
    const elsewhere = join(folder.path, 'elsewhere');
    mkdirSync(join(elsewhere, 'policy'), { recursive: true });
    writeFileSync(join(elsewhere, 'policy', 'default.yaml'), REPO_OVERLAY);
    rmSync(join(workspaceFolder, '.airlock'), { recursive: true });
    symlinkSync(elsewhere, join(workspaceFolder, '.airlock'));
    const result = await new PolicyStore().load(options);
    assert.equal(result.errors[0]?.code, 'POLICY_OUTSIDE_WORKSPACE');
  });

  it('warns about a tool the overlay adds without a risk, and that Airlock does not know it yet', async () => {
    writeFileSync(overlay, 'version: 1\ntools:\n  db.query: { enabled: true }\n');
    const result = await new PolicyStore().load(options);
    assert.deepEqual(result.warnings, [
      '.airlock/policy/default.yaml:3:13: tools["db.query"]: the "default" pack has no tool db.query, so it gets risk "critical"; give it a risk',
      '.airlock/policy/default.yaml:3:13: tools["db.query"]: "db.query" is not a tool Airlock knows, so this entry has no effect for now',
    ]);
  });

  describe('managed policy', () => {
    let managedPath: string;
    beforeEach(() => {
      managedPath = join(folder.path, 'managed.yaml');
    });

    it('applies above the overlay: its block stays, its bounds cap, its disabled tool stays off', async () => {
      writeFileSync(managedPath, 'version: 1\negress:\n  block: [pastebin.com]\ntools:\n  web.fetch: { enabled: false }\nfiles:\n  maxFileSizeMb: 1\n');
      writeFileSync(overlay, 'version: 1\negress:\n  allow: [pastebin.com]\ntools:\n  web.fetch: { enabled: true }\nfiles:\n  maxFileSizeMb: 100\n');
      const store = new PolicyStore();
      await approvePending(store);
      const result = await store.load({ ...options, managedPath });
      assert.deepEqual(result.sources.map((source) => source.kind), ['builtin', 'overlay', 'managed']);
      assert.ok(result.policy.egress.block.includes('pastebin.com'));
      assert.equal(result.policy.tools['web.fetch']?.enabled, false);
      assert.equal(result.policy.files.maxFileSizeMb, 1);
    });

    it('the pending overlay\'s loosening is measured with the managed policy applied', async () => {
      writeFileSync(managedPath, 'version: 1\nfiles:\n  maxFileSizeMb: 1\n');
      writeFileSync(overlay, 'version: 1\nfiles:\n  maxFileSizeMb: 100\n');
      const result = await new PolicyStore().load({ ...options, managedPath });
      assert.deepEqual(result.pendingOverlay?.loosens, [], 'the managed bound makes the raise moot');
    });

    it('a managed file that turns invalid keeps its last valid content', async () => {
      writeFileSync(managedPath, 'version: 1\negress:\n  block: [pastebin.com]\n');
      const store = new PolicyStore();
      await store.load({ ...options, managedPath });
      writeFileSync(managedPath, 'version: 1\negress:\n  blok: [pastebin.com]\n');
      const result = await store.load({ ...options, managedPath });
      assert.ok(result.policy.egress.block.includes('pastebin.com'));
      assert.equal(result.errors[0]?.code, 'POLICY_SCHEMA');
      assert.match(result.errors[0]?.message ?? '', /managed\.yaml:3:3: egress\.blok: unknown field "blok"; did you mean "block"\?$/);
    });

    it('a configured managed file that is missing is an error', async () => {
      const result = await new PolicyStore().load({ ...options, managedPath });
      assert.equal(result.errors[0]?.code, 'POLICY_READ_FAILED');
      assert.deepEqual(result.sources.map((source) => source.kind), ['builtin']);
    });
  });

  describe('built-in pack', () => {
    it('an unknown pack name falls back to the default pack, with an error', async () => {
      const result = await new PolicyStore().load({ ...options, packName: 'paranoid' });
      assert.equal(result.packName, 'default');
      assert.equal(result.errors[0]?.code, 'POLICY_UNKNOWN_PACK');
      assert.deepEqual(result.warnings, ['using the built-in "default" pack instead of "paranoid"']);
    });

    it('a built-in pack that turns invalid (a broken install) keeps the last valid one', async () => {
      const builtinDir = join(folder.path, 'policy');
      cpSync(REPO_POLICY_DIR, builtinDir, { recursive: true });
      const store = new PolicyStore();
      await store.load({ ...options, builtinDir, packName: 'strict' });
      writeFileSync(join(builtinDir, 'strict.yaml'), 'version: 1\n');
      const result = await store.load({ ...options, builtinDir, packName: 'strict' });
      assert.equal(result.packName, 'strict');
      assert.equal(result.sources[0]?.current, false);
      assert.equal(result.errors[0]?.code, 'POLICY_SCHEMA');
    });

    it('a broken default pack with nothing to fall back on throws', async () => {
      const builtinDir = join(folder.path, 'policy');
      mkdirSync(builtinDir);
      writeFileSync(join(builtinDir, 'default.yaml'), 'version: 1\nname: default\napprovals:\n  require: []\n');
      await assert.rejects(new PolicyStore().load({ ...options, builtinDir }), { name: 'PolicyError', code: 'POLICY_UNSAFE_RULE' });
    });
  });
});
