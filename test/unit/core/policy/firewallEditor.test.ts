import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyStore } from '../../../../src/core/policy/effectivePolicy';
import { addFirewallRule, removeFirewallRule, type FirewallEdit } from '../../../../src/core/policy/firewallEditor';
import { OverlayTrustStore, overlayTrustKey } from '../../../../src/core/policy/overlayTrust';
import { sha256Of } from '../../../../src/core/policy/policyFile';
import { parseOverlay } from '../../../../src/core/policy/policyLoader';
import { REPO_POLICY_DIR, temporaryFolder } from './policyFixtures';

const COMMENTED = `# Team overlay: hosts our docs tooling needs.
version: 1 # format

egress:
  # every tool
  allow:
    - docs.python.org # Python docs
  tools:
    web.fetch:
      allow: [api.github.com] # GitHub API
files:
  deny: ["**/fixtures/secrets/**"]
`;

describe('firewall editor (overlay edits)', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let workspaceFolder: string;
  let overlay: string;
  let base: Omit<FirewallEdit, 'pattern'>;

  beforeEach(() => {
    folder = temporaryFolder('firewall');
    workspaceFolder = join(folder.path, 'repo');
    mkdirSync(workspaceFolder);
    overlay = join(workspaceFolder, '.airlock', 'policy', 'default.yaml');
    base = { workspaceFolder, packName: 'default', configDir: join(folder.path, 'config'), builtinDir: REPO_POLICY_DIR };
  });
  afterEach(() => folder.remove());

  /** Puts an overlay in place as if Airlock had written it (trusted). */
  async function trustedOverlay(text: string): Promise<void> {
    mkdirSync(join(workspaceFolder, '.airlock', 'policy'), { recursive: true });
    writeFileSync(overlay, text);
    await new OverlayTrustStore(base.configDir).trust(await overlayTrustKey(overlay), sha256Of(text), 'written');
  }

  async function effectiveAllow(): Promise<readonly string[]> {
    const result = await new PolicyStore().load({ workspaceFolder, packName: 'default', builtinDir: REPO_POLICY_DIR, workspaceTrusted: true, configDir: base.configDir });
    assert.equal(result.pendingOverlay, undefined, 'an overlay written by Airlock is trusted');
    return result.policy.egress.allow;
  }

  it('creates the overlay with a header, and the effective policy applies it at once (no approval)', async () => {
    const result = await addFirewallRule({ ...base, pattern: 'Docs.Python.org' });
    assert.deepEqual(result, { path: overlay, file: '.airlock/policy/default.yaml', pattern: 'docs.python.org', changed: true, created: true, sha256: sha256Of(readFileSync(overlay, 'utf8')), trusted: true });
    const text = readFileSync(overlay, 'utf8');
    assert.match(text, /^# Airlock workspace overlay for the built-in "default" pack\.\n/);
    assert.match(text, /\nversion: 1\negress:\n {2}allow:\n {4}- docs\.python\.org\n$/);
    assert.deepEqual(await effectiveAllow(), ['docs.python.org']);
  });

  it('keeps comments and layout when adding to an existing overlay', async () => {
    await trustedOverlay(COMMENTED);
    await addFirewallRule({ ...base, pattern: 'pypi.org' });
    await addFirewallRule({ ...base, pattern: 'raw.githubusercontent.com', tool: 'web.fetch' });
    assert.equal(readFileSync(overlay, 'utf8'), COMMENTED
      .replace('    - docs.python.org # Python docs\n', '    - docs.python.org # Python docs\n    - pypi.org\n')
      .replace('allow: [api.github.com] # GitHub API', 'allow: [api.github.com, raw.githubusercontent.com] # GitHub API'));
  });

  it('keeps a file\'s unindented list style', async () => {
    const text = 'version: 1\negress:\n  allow:\n  - docs.python.org\n';
    await trustedOverlay(text);
    await addFirewallRule({ ...base, pattern: 'pypi.org' });
    assert.equal(readFileSync(overlay, 'utf8'), `${text}  - pypi.org\n`);
  });

  it('adding a rule that is there already changes nothing, byte for byte', async () => {
    await trustedOverlay(COMMENTED);
    const result = await addFirewallRule({ ...base, pattern: 'DOCS.python.org' });
    assert.equal(result.changed, false);
    assert.equal(readFileSync(overlay, 'utf8'), COMMENTED);
  });

  it('creates a per-tool list where there was none', async () => {
    await addFirewallRule({ ...base, pattern: 'api.github.com', tool: 'web.fetch' });
    const parsed = parseOverlay({ text: readFileSync(overlay, 'utf8'), file: 'o.yaml' });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.egress, { tools: { 'web.fetch': { allow: ['api.github.com'] } } });
  });

  it('removes a rule with its comment and keeps the rest', async () => {
    await trustedOverlay(COMMENTED);
    const result = await removeFirewallRule({ ...base, pattern: 'docs.python.org' });
    assert.equal(result.changed, true);
    const text = readFileSync(overlay, 'utf8');
    assert.ok(!text.includes('docs.python.org') && !text.includes('# Python docs'), text);
    assert.ok(text.includes('# Team overlay') && text.includes('allow: [api.github.com] # GitHub API'), text);
  });

  const lastHost: { name: string; before: string; remove: { pattern: string; tool?: string }; after: string }[] = [
    { name: 'the last host of egress.allow takes the list and the emptied egress map with it', before: 'version: 1\negress:\n  allow:\n    - docs.python.org\n', remove: { pattern: 'docs.python.org' }, after: 'version: 1\n' },
    { name: 'the last host of one tool takes that tool\'s entry and the emptied tools map, keeping egress.allow', before: 'version: 1\negress:\n  allow:\n    - pypi.org\n  tools:\n    web.fetch:\n      allow: [api.github.com]\n', remove: { pattern: 'api.github.com', tool: 'web.fetch' }, after: 'version: 1\negress:\n  allow:\n    - pypi.org\n' },
    { name: 'a tool that keeps another list keeps its entry', before: 'version: 1\negress:\n  tools:\n    web.fetch:\n      allow: [api.github.com]\n      block: [evil.example]\n', remove: { pattern: 'api.github.com', tool: 'web.fetch' }, after: 'version: 1\negress:\n  tools:\n    web.fetch:\n      block: [evil.example]\n' },
  ];
  for (const row of lastHost) {
    it(`removing ${row.name}: no empty \`allow: []\` is left behind`, async () => {
      await trustedOverlay(row.before);
      await removeFirewallRule({ ...base, ...row.remove });
      assert.equal(readFileSync(overlay, 'utf8'), row.after);
      assert.ok(parseOverlay({ text: row.after, file: 'o.yaml' }).ok, 'what is left is a valid overlay');
    });
  }

  it('removing a rule the overlay does not hold is FIREWALL_RULE_NOT_FOUND and changes nothing', async () => {
    await trustedOverlay(COMMENTED);
    await assert.rejects(removeFirewallRule({ ...base, pattern: 'pypi.org' }), { code: 'FIREWALL_RULE_NOT_FOUND', message: 'pypi.org is not in egress.allow (every tool) of .airlock/policy/default.yaml' });
    await assert.rejects(removeFirewallRule({ ...base, pattern: 'docs.python.org', tool: 'web.fetch' }), { code: 'FIREWALL_RULE_NOT_FOUND' });
    assert.equal(readFileSync(overlay, 'utf8'), COMMENTED);
  });

  it('removing from a workspace without an overlay creates nothing', async () => {
    await assert.rejects(removeFirewallRule({ ...base, pattern: 'pypi.org' }), { code: 'FIREWALL_RULE_NOT_FOUND' });
    assert.ok(!existsSync(join(workspaceFolder, '.airlock')));
  });

  it('refuses to edit a repository overlay that was never approved (no laundering), leaving it byte for byte', async () => {
    mkdirSync(join(workspaceFolder, '.airlock', 'policy'), { recursive: true });
    writeFileSync(overlay, COMMENTED);
    await assert.rejects(addFirewallRule({ ...base, pattern: 'pypi.org' }), { code: 'FIREWALL_OVERLAY_NOT_APPROVED' });
    await assert.rejects(removeFirewallRule({ ...base, pattern: 'docs.python.org' }), { code: 'FIREWALL_OVERLAY_NOT_APPROVED' });
    assert.equal(readFileSync(overlay, 'utf8'), COMMENTED);
    assert.equal(await new OverlayTrustStore(base.configDir).status(await overlayTrustKey(overlay), sha256Of(COMMENTED)), 'unknown');
  });

  it('refuses a hand-edited overlay until it is approved again', async () => {
    await trustedOverlay(COMMENTED);
    writeFileSync(overlay, `${COMMENTED}# edited by hand\n`);
    await assert.rejects(addFirewallRule({ ...base, pattern: 'pypi.org' }), { code: 'FIREWALL_OVERLAY_NOT_APPROVED' });
  });

  const refused: readonly [string, Partial<FirewallEdit>, string][] = [
    ['an allow-everything pattern', { pattern: '*' }, 'FIREWALL_INVALID_PATTERN'],
    ['a URL instead of a host', { pattern: 'https://example.com/path' }, 'FIREWALL_INVALID_PATTERN'],
    ['the cloud metadata service', { pattern: '169.254.169.254' }, 'FIREWALL_RULE_REFUSED'],
    ['a private address (SSRF)', { pattern: '192.168.0.1' }, 'FIREWALL_RULE_REFUSED'],
    ['localhost (the model goes under model.endpoints)', { pattern: 'localhost:8080' }, 'FIREWALL_RULE_REFUSED'],
    ['a malformed tool id', { pattern: 'pypi.org', tool: 'Web Fetch' }, 'FIREWALL_INVALID_TOOL'],
    ['a tool that does not exist, named like Object.prototype.constructor', { pattern: 'exfil.example.com', tool: 'constructor' }, 'FIREWALL_UNKNOWN_TOOL'],
    ['an addition to a list outside egress (only removals may name one)', { pattern: '**', field: 'files.allow' }, 'FIREWALL_INVALID_FIELD'],
    ['a pack that does not exist (or a path)', { pattern: 'pypi.org', packName: '../../etc' }, 'FIREWALL_UNKNOWN_PACK'],
  ];
  for (const [name, change, code] of refused) {
    it(`refuses ${name}: ${code}, nothing written`, async () => {
      await assert.rejects(addFirewallRule({ ...base, pattern: '', ...change }), { code });
      assert.ok(!existsSync(overlay));
    });
  }

  it('repairs a hand edit that cannot load: the bad entry can be removed, and the file then waits for approval', async () => {
    await trustedOverlay(COMMENTED);
    const broken = COMMENTED.replace('version: 1', 'version: 1\nmodel:\n  endpoints: [10.0.0.1]');
    writeFileSync(overlay, broken);
    await assert.rejects(addFirewallRule({ ...base, pattern: 'pypi.org' }), { code: 'FIREWALL_OVERLAY_INVALID' });
    assert.equal(readFileSync(overlay, 'utf8'), broken, 'a refused edit leaves the file byte for byte');
    writeFileSync(overlay, `version: 1\negress:\n  allow: ["*", docs.python.org]\n`);
    const result = await removeFirewallRule({ ...base, pattern: '*' });
    assert.equal(result.trusted, false, 'content Airlock did not write from a loadable file is not recorded as its own');
    const effective = await new PolicyStore().load({ workspaceFolder, packName: 'default', builtinDir: REPO_POLICY_DIR, workspaceTrusted: true, configDir: base.configDir });
    assert.deepEqual(effective.errors, []);
    assert.equal(effective.pendingOverlay?.sha256, result.sha256);
  });

  it('refuses to edit a trusted overlay that is invalid', async () => {
    await trustedOverlay('version: 1\negress:\n  alow: [pypi.org]\n');
    await assert.rejects(addFirewallRule({ ...base, pattern: 'docs.python.org' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'FIREWALL_OVERLAY_INVALID');
      assert.match(error.message, /\.airlock\/policy\/default\.yaml:3:3: egress\.alow: unknown field "alow"; did you mean "allow"\?/);
      return true;
    });
  });

  it('refuses to follow a .airlock symbolic link out of the workspace, creating nothing there', async () => {
    const elsewhere = join(folder.path, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(workspaceFolder, '.airlock'));
    await assert.rejects(addFirewallRule({ ...base, pattern: 'pypi.org' }), { code: 'FIREWALL_OVERLAY_OUTSIDE_WORKSPACE' });
    assert.ok(!existsSync(join(elsewhere, 'policy')));
  });

  it('concurrent in-process edits all survive, and the file stays valid', async () => {
    const hosts = Array.from({ length: 30 }, (_, index) => `host${index}.example.com`);
    await Promise.all(hosts.map((pattern, index) => addFirewallRule({ ...base, pattern, tool: index % 2 === 0 ? undefined : 'web.fetch' })));
    const parsed = parseOverlay({ text: readFileSync(overlay, 'utf8'), file: 'o.yaml', expectedName: 'default' });
    assert.ok(parsed.ok);
    const written = [...(parsed.value.egress?.allow ?? []), ...(parsed.value.egress?.tools?.['web.fetch']?.allow ?? [])];
    assert.deepEqual([...written].sort(), [...hosts].sort());
    await effectiveAllow();
  });
});
