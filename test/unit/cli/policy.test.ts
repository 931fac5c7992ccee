import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from './cliHarness';
import { PolicyWorkspace } from './policyCliFixtures';

const TESTDATA = join(__dirname, '../core/policy/testdata');
const REPO_OVERLAY = '# shipped with the repository\nversion: 1\negress:\n  allow: [docs.python.org]\ntools:\n  fs.write: { risk: low }\n';

describe('airlock help for the policy commands', () => {
  const cases: readonly [string[], RegExp][] = [
    [['--help'], /firewall[\s\S]*policy[\s\S]*check/],
    [['firewall', '--help'], /list[\s\S]*allow[\s\S]*remove/],
    [['firewall', 'allow', '--help'], /--workspace <dir>[\s\S]*--pack <name>[\s\S]*--tool <id>/],
    [['policy', '--help'], /validate[\s\S]*show[\s\S]*approve/],
    [['check', 'path', '--help'], /--mode <mode>[\s\S]*--jsonl[\s\S]*10 denied/],
  ];
  for (const [argv, stdout] of cases) {
    it(`airlock ${argv.join(' ')} exits 0`, async () => {
      const run = await runCli(argv);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, stdout);
    });
  }

  it('an unknown subcommand is a usage error', async () => {
    assert.equal((await runCli(['firewall', 'open'])).code, 2);
  });
});

describe('airlock policy', () => {
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  describe('validate FILE', () => {
    const cases: readonly { name: string; args: string[]; code: number; stdout: RegExp }[] = [
      { name: 'a valid overlay', args: [join(TESTDATA, 'valid/team-overlay.yaml'), '--kind', 'overlay'], code: 0, stdout: /^ok: .*team-overlay\.yaml is a valid overlay file\n$/ },
      { name: 'a built-in pack (a pack by default outside .airlock/policy)', args: [join(__dirname, '../../../policy/strict.yaml')], code: 0, stdout: /is a valid pack\n$/ },
      { name: 'a managed file', args: [join(TESTDATA, 'valid/managed.yaml'), '--kind', 'managed'], code: 0, stdout: /valid managed file/ },
      { name: 'an overlay with two schema errors: every one as file:line:column: field', args: [join(TESTDATA, 'broken/wrong-type.yaml'), '--kind', 'overlay'], code: 1, stdout: /wrong-type\.yaml:3:18: files\.maxFileSizeMb: .*\n.*wrong-type\.yaml:5:17: limits\.maxRedirects: Too big/ },
      { name: 'a duplicate key', args: [join(TESTDATA, 'broken/duplicate-key.yaml'), '--kind', 'overlay'], code: 1, stdout: /duplicate-key\.yaml:5:3: files\.deny: this key appears twice/ },
      { name: 'an overlay file read as a pack lacks a name', args: [join(TESTDATA, 'valid/team-overlay.yaml')], code: 1, stdout: /team-overlay\.yaml:2:1: name: is required/ },
      { name: 'a file that does not exist', args: [join(TESTDATA, 'nope.yaml')], code: 1, stdout: /nope\.yaml: the file does not exist/ },
    ];
    for (const c of cases) {
      it(`${c.name}: exit ${c.code}`, async () => {
        const run = await runCli(['policy', 'validate', ...c.args], { env: ws.env });
        assert.equal(run.code, c.code, run.stdout + run.stderr);
        assert.match(run.stdout, c.stdout);
      });
    }

    it('a file under .airlock/policy/ is an overlay, named for its pack', async () => {
      const path = ws.file('.airlock/policy/strict.yaml', 'version: 1\nname: default\n');
      const run = await runCli(['policy', 'validate', path], { env: ws.env });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /strict\.yaml:2:7: name: "default" does not match: this overlay applies to the "strict" pack/);
    });

    it('an unknown --kind is a usage error', async () => {
      const run = await runCli(['policy', 'validate', 'x.yaml', '--kind', 'secret'], { env: ws.env });
      assert.equal(run.code, 2);
    });
  });

  describe('validate (the workspace)', () => {
    it('no overlay: the built-in pack is valid, exit 0', async () => {
      const run = await ws.run(['policy', 'validate']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^ok: .*policy\/default\.yaml\n$/);
    });

    it('an invalid overlay: exit 1 with file:line:field', async () => {
      ws.writeRepositoryOverlay('version: 1\nmodel:\n  endpoints: [api.openai.com]\n');
      const run = await ws.run(['policy', 'validate']);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, '.airlock/policy/default.yaml:3:15: model.endpoints[0]: api.openai.com is not on this machine; model endpoints must be loopback (127.0.0.1, [::1], localhost). Name a remote model API under model.remote instead\n');
    });

    it('a valid overlay that is not approved: valid (exit 0), with a note', async () => {
      ws.writeRepositoryOverlay(REPO_OVERLAY);
      const run = await ws.run(['policy', 'validate']);
      assert.equal(run.code, 0);
      assert.match(run.stderr, /note: \.airlock\/policy\/default\.yaml is valid but not approved/);
    });

    it('a broken managed policy file fails validation', async () => {
      const managed = ws.file('../managed.yaml', 'version: 1\nlimits:\n  maxRedirects: -1\n');
      const run = await ws.run(['policy', 'validate'], { env: { AIRLOCK_MANAGED_POLICY: managed } });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /managed\.yaml:3:17: limits\.maxRedirects: Too small/);
    });
  });

  describe('show', () => {
    it('shows the sources, the pending overlay with what it loosens and how to approve it, and the policy', async () => {
      ws.writeRepositoryOverlay(REPO_OVERLAY);
      const run = await ws.run(['policy', 'show']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Pack: default \(default deny\)\n/);
      assert.match(run.stdout, /Not applied: \.airlock\/policy\/default\.yaml was not written by Airlock and is not approved\./);
      assert.match(run.stdout, /- network: lets every tool reach docs\.python\.org without asking \(egress\.allow\)\n {4}- tools: lowers the risk of fs\.write from high to low\n/);
      assert.match(run.stdout, /To apply it: airlock policy approve --workspace \S+ --pack default --sha256 [0-9a-f]{64}\n/);
      assert.match(run.stdout, /Effective policy:\nversion: 1\nname: default\n/);
    });

    it('--json: policy, sources, pending overlay, errors and warnings', async () => {
      ws.writeRepositoryOverlay(REPO_OVERLAY);
      const run = await ws.run(['policy', 'show', '--json']);
      assert.equal(run.code, 0);
      const shown = JSON.parse(run.stdout) as { packName: string; defaultDeny: boolean; sources: { kind: string }[]; pendingOverlay: { sha256: string; loosens: string[] }; errors: unknown[]; policy: { egress: { allow: string[] } } };
      assert.equal(shown.packName, 'default');
      assert.equal(shown.defaultDeny, true);
      assert.deepEqual(shown.sources.map((source) => source.kind), ['builtin']);
      assert.equal(shown.pendingOverlay.loosens.length, 2);
      assert.deepEqual(shown.errors, []);
      assert.deepEqual(shown.policy.egress.allow, []);
    });

    it('errors in a policy file: shown, exit 1', async () => {
      ws.writeRepositoryOverlay('version: 1\nfiles: [x]\n');
      const run = await ws.run(['policy', 'show', '--json']);
      assert.equal(run.code, 1);
      const shown = JSON.parse(run.stdout) as { errors: { code: string; line: number; field: string }[] };
      assert.deepEqual(shown.errors.map(({ code, line, field }) => ({ code, line, field })), [{ code: 'POLICY_SCHEMA', line: 2, field: 'files' }]);
    });

    it('--pack strict shows the strict pack', async () => {
      const run = await ws.run(['policy', 'show', '--pack', 'strict']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Pack: strict/);
    });
  });

  describe('approve', () => {
    async function pendingHash(): Promise<string> {
      const shown = JSON.parse((await ws.run(['policy', 'show', '--json'])).stdout) as { pendingOverlay: { sha256: string } | null };
      return shown.pendingOverlay?.sha256 ?? assert.fail('no pending overlay');
    }

    it('approves the reviewed content: it applies, and the firewall may then edit it', async () => {
      ws.writeRepositoryOverlay(REPO_OVERLAY);
      const run = await ws.run(['policy', 'approve', '--sha256', await pendingHash()]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^approved: \.airlock\/policy\/default\.yaml/);
      assert.match((await ws.run(['firewall', 'list'])).stdout, /allow\s+docs\.python\.org\s+\.airlock\/policy\/default\.yaml/);
      assert.equal((await ws.run(['firewall', 'allow', 'pypi.org'])).code, 0);
    });

    it('a hash that is not the file\'s (it changed since review): exit 1, nothing approved', async () => {
      ws.writeRepositoryOverlay(REPO_OVERLAY);
      const reviewed = await pendingHash();
      ws.writeRepositoryOverlay(`${REPO_OVERLAY}  # and a sneaky change\n`);
      const run = await ws.run(['policy', 'approve', '--sha256', reviewed]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /--sha256 does not match \.airlock\/policy\/default\.yaml/);
      assert.notEqual(await pendingHash(), reviewed);
    });

    it('nothing to approve: exit 1', async () => {
      const run = await ws.run(['policy', 'approve', '--sha256', '0'.repeat(64)]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /no overlay waiting for approval/);
    });

    it('without --sha256: usage error', async () => {
      assert.equal((await ws.run(['policy', 'approve'])).code, 2);
    });
  });
});
