import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace } from './policyCliFixtures';

const TEAM_OVERLAY = `# Team overlay (reviewed in PR #12)
version: 1

egress:
  allow:
    - docs.python.org   # Python docs
  tools:
    web.fetch:
      allow: [api.github.com]  # GitHub API
`;

describe('airlock firewall', () => {
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  describe('list', () => {
    it('a fresh workspace: the built-in pack\'s block rules, default deny, exit 0', async () => {
      const run = await ws.run(['firewall', 'list']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /default deny/);
      assert.match(run.stdout, /\* \(all tools\)\s+block\s+169\.254\.169\.254\s+built-in "default" pack/);
      assert.equal(run.stderr, '');
    });

    it('--json lists rows with tool, list, pattern, source and file; --tool keeps that tool\'s rules and the shared ones', async () => {
      await ws.writeTrustedOverlay(TEAM_OVERLAY);
      const all = await ws.run(['firewall', 'list', '--json']);
      assert.equal(all.code, 0, all.stderr);
      const rows = JSON.parse(all.stdout) as { tool: string; list: string; pattern: string; source: string; file: string }[];
      assert.deepEqual(rows.filter((row) => row.source === 'overlay'), [
        { tool: '*', list: 'allow', pattern: 'docs.python.org', source: 'overlay', file: '.airlock/policy/default.yaml' },
        { tool: 'web.fetch', list: 'allow', pattern: 'api.github.com', source: 'overlay', file: '.airlock/policy/default.yaml' },
      ]);
      const fsRead = JSON.parse((await ws.run(['firewall', 'list', '--json', '--tool', 'fs.read'])).stdout) as { tool: string }[];
      assert.ok(fsRead.every((row) => row.tool === '*'));
    });

    it('an overlay waiting for approval is not listed as applied, and the list says why', async () => {
      ws.writeRepositoryOverlay(TEAM_OVERLAY);
      const run = await ws.run(['firewall', 'list']);
      assert.equal(run.code, 0);
      assert.ok(!run.stdout.includes('docs.python.org'));
      assert.match(run.stdout, /Not applied: \.airlock\/policy\/default\.yaml is waiting for approval/);
    });

    it('an invalid overlay: errors on stderr with file:line:field, exit 1', async () => {
      await ws.writeTrustedOverlay('version: 1\negress:\n  allow: ["*"]\n');
      const run = await ws.run(['firewall', 'list']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^error: \.airlock\/policy\/default\.yaml:3:11: egress\.allow\[0\]: "\*" would allow every host/m);
    });
  });

  describe('allow', () => {
    it('creates the overlay, and list shows the rule at once', async () => {
      const run = await ws.run(['firewall', 'allow', 'Docs.Python.org']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'allowed: docs.python.org for every tool in .airlock/policy/default.yaml\n');
      assert.match(readFileSync(ws.overlay, 'utf8'), /^# Airlock workspace overlay/);
      assert.match((await ws.run(['firewall', 'list'])).stdout, /\* \(all tools\)\s+allow\s+docs\.python\.org\s+\.airlock\/policy\/default\.yaml/);
    });

    it('keeps the comments of a policy file on disk it edits', async () => {
      await ws.writeTrustedOverlay(TEAM_OVERLAY);
      assert.equal((await ws.run(['firewall', 'allow', 'pypi.org'])).code, 0);
      assert.equal((await ws.run(['firewall', 'allow', '--tool', 'web.fetch', 'raw.githubusercontent.com'])).code, 0);
      const text = readFileSync(ws.overlay, 'utf8');
      for (const comment of ['# Team overlay (reviewed in PR #12)', '# Python docs', '# GitHub API']) assert.ok(text.includes(comment), `${comment} kept:\n${text}`);
      assert.match(text, /- docs\.python\.org +# Python docs\n +- pypi\.org\n/);
      assert.match(text, /allow: \[api\.github\.com, raw\.githubusercontent\.com\] +# GitHub API/);
    });

    it('allowing twice: "already allowed", exit 0, file unchanged', async () => {
      await ws.run(['firewall', 'allow', 'pypi.org']);
      const before = readFileSync(ws.overlay, 'utf8');
      const run = await ws.run(['firewall', 'allow', 'pypi.org']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^already allowed: pypi\.org/);
      assert.equal(readFileSync(ws.overlay, 'utf8'), before);
    });

    it('warns when a block rule outweighs the new allow', async () => {
      const managed = ws.file('../managed.yaml', 'version: 1\negress:\n  block: [pastebin.com]\n');
      const run = await ws.run(['firewall', 'allow', 'pastebin.com'], { env: { AIRLOCK_MANAGED_POLICY: managed } });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /warning: pastebin\.com is also blocked by the managed policy .*managed\.yaml, and block wins over allow/);
    });

    const usage: readonly [string, string[], RegExp][] = [
      ['an allow-everything pattern', ['*'], /"\*" would allow every host/],
      ['a URL instead of a host', ['https://example.com/x'], /is not a host pattern/],
      ['a tool that does not exist', ['--tool', 'web.fecth', 'example.com'], /"web\.fecth" is not a tool Airlock knows; known tools: .*web\.fetch/],
      ['a prototype name as a tool (constructor)', ['--tool', 'constructor', 'exfil.example.com'], /"constructor" is not a tool Airlock knows/],
      ['an unknown pack', ['--pack', 'paranoid', 'example.com'], /argument 'paranoid' is invalid/],
      ['a missing pattern', [], /missing required argument/],
    ];
    for (const [name, args, stderr] of usage) {
      it(`${name}: usage error, exit 2, nothing written`, async () => {
        const run = await ws.run(['firewall', 'allow', ...args]);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, stderr);
        assert.ok(!existsSync(ws.overlay));
      });
    }

    it('the metadata service: refused with the reason, exit 1, nothing written', async () => {
      const run = await ws.run(['firewall', 'allow', '169.254.169.254']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /169\.254\.169\.254 is a link-local address/);
      assert.ok(!existsSync(ws.overlay));
    });

    it('an overlay that came with the repository is not edited until approved: exit 1, bytes unchanged', async () => {
      ws.writeRepositoryOverlay(TEAM_OVERLAY);
      const run = await ws.run(['firewall', 'allow', 'pypi.org']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /was not written by Airlock and has not been approved/);
      assert.equal(readFileSync(ws.overlay, 'utf8'), TEAM_OVERLAY);
    });

    it('a --workspace that does not exist is a usage error', async () => {
      const run = await ws.run(['firewall', 'allow', 'pypi.org', '--workspace', join(ws.root, 'nope')]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--workspace .*nope: no such folder/);
    });
  });

  describe('remove', () => {
    it('removes a rule of the overlay, exit 0', async () => {
      await ws.writeTrustedOverlay(TEAM_OVERLAY);
      const run = await ws.run(['firewall', 'remove', 'docs.python.org']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'removed: docs.python.org for every tool in .airlock/policy/default.yaml\n');
      assert.ok(!readFileSync(ws.overlay, 'utf8').includes('docs.python.org'));
    });

    it('a rule that is not in the overlay: clear message, exit 1', async () => {
      await ws.writeTrustedOverlay(TEAM_OVERLAY);
      const run = await ws.run(['firewall', 'remove', 'pypi.org']);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, 'airlock: pypi.org is not in egress.allow (every tool) of .airlock/policy/default.yaml\n');
    });

    it('a rule for another tool than the one named: exit 1', async () => {
      await ws.writeTrustedOverlay(TEAM_OVERLAY);
      const run = await ws.run(['firewall', 'remove', 'api.github.com']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /api\.github\.com is not in egress\.allow \(every tool\)/);
      assert.equal((await ws.run(['firewall', 'remove', '--tool', 'web.fetch', 'api.github.com'])).code, 0);
    });

    it('a rule of the built-in pack: exit 1, and it says where the rule comes from', async () => {
      const run = await ws.run(['firewall', 'remove', 'metadata.google.internal']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /does not exist\nnote: metadata\.google\.internal \(block\) comes from the built-in "default" pack; a workspace overlay can only add rules/);
      assert.ok(!existsSync(join(ws.folder, '.airlock')));
    });
  });
});
