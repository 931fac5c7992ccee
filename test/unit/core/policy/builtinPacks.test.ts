import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { BUILTIN_PACK_NAMES, loadBuiltinPack } from '../../../../src/core/policy/builtinPacks';
import { isDefaultDeny } from '../../../../src/core/policy/firewallRules';
import { describeLoosening } from '../../../../src/core/policy/policyLoosening';
import { applyManaged, mergeOverlay } from '../../../../src/core/policy/policyMerge';
import { REPO_POLICY_DIR } from './policyFixtures';



describe('built-in packs (policy/*.yaml)', () => {
  it('BUILTIN_PACK_NAMES lists exactly the YAML files in policy/', () => {
    const files = readdirSync(REPO_POLICY_DIR).filter((name) => name.endsWith('.yaml')).map((name) => name.replace(/\.yaml$/, ''));
    assert.deepEqual([...files].sort(), [...BUILTIN_PACK_NAMES].sort());
  });

  for (const name of BUILTIN_PACK_NAMES) {
    it(`${name}.yaml validates, without warnings, and is named for its file`, async () => {
      const pack = await loadBuiltinPack(REPO_POLICY_DIR, name);
      assert.ok(pack.ok, pack.ok ? '' : pack.errors.map((error) => error.message).join('\n'));
      assert.deepEqual(pack.warnings, []);
      assert.equal(pack.value.name, name);
      assert.match(pack.sha256 ?? '', /^[0-9a-f]{64}$/);
    });
  }

  it('default: loopback model only, no web access, edits need approval, secrets and VCS internals denied', async () => {
    const pack = await loadBuiltinPack(REPO_POLICY_DIR, 'default');
    assert.ok(pack.ok);
    const policy = pack.value;
    assert.deepEqual(policy.model.remote, []);
    assert.ok(isDefaultDeny(policy));
    assert.ok(policy.approvals.require.includes(policy.tools['fs.write']?.risk ?? 'low'), 'fs.write needs approval');
    for (const glob of ['**/.env', '**/*.pem', '**/.ssh/**', '**/.aws/**', '**/.git/**']) assert.ok(policy.files.deny.includes(glob), glob);
  });

  it('strict: read-only, no network tool, nothing allowed out', async () => {
    const pack = await loadBuiltinPack(REPO_POLICY_DIR, 'strict');
    assert.ok(pack.ok);
    const policy = pack.value;
    assert.deepEqual(policy.files.readonly, ['**']);
    assert.equal(policy.tools['web.fetch']?.enabled, false);
    assert.equal(policy.tools['fs.write']?.enabled, false);
    assert.ok(isDefaultDeny(policy));
  });

  for (const name of BUILTIN_PACK_NAMES) {
    it(`${name}: names no MCP server; one an overlay adds (as it may enable shell.run) is listed for approval, and the managed file can switch it off`, async () => {
      const pack = await loadBuiltinPack(REPO_POLICY_DIR, name);
      assert.ok(pack.ok);
      assert.deepEqual(Object.keys(pack.value.mcp.servers), []);
      const added = mergeOverlay(pack.value, { version: 1, mcp: { servers: { fs: { stdio: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'], env: [] }, tools: { allow: ['read_file'] } } } } });
      assert.deepEqual(describeLoosening(pack.value, added), ['mcp: adds the server "fs", which runs `npx -y @modelcontextprotocol/server-filesystem .` in the sandbox; offers the tools read_file; gets 100 MB of its own storage']);
      assert.equal(applyManaged(added, { version: 1, mcp: { servers: { fs: { enabled: false } } } }).mcp.servers.fs?.enabled, false);
    });
  }

  it('an unknown pack name is POLICY_UNKNOWN_PACK, and a name cannot reach another folder', async () => {
    for (const name of ['nope', '../policy/default', 'policy.schema']) {
      const pack = await loadBuiltinPack(REPO_POLICY_DIR, name);
      assert.ok(!pack.ok);
      assert.equal(pack.errors[0]?.code, 'POLICY_UNKNOWN_PACK');
    }
  });

  it('a missing directory is POLICY_READ_FAILED naming the file', async () => {
    const pack = await loadBuiltinPack('/nonexistent/airlock/policy', 'default');
    assert.ok(!pack.ok);
    assert.equal(pack.errors[0]?.code, 'POLICY_READ_FAILED');
    assert.match(pack.errors[0]?.message ?? '', /^\/nonexistent\/airlock\/policy\/default\.yaml: the file does not exist/);
  });
});
