import assert from 'node:assert/strict';
import { PolicyWorkspace } from './policyCliFixtures';

const REPO_OVERLAY = '# shipped with the repository\nversion: 1\negress:\n  allow: [docs.python.org]\n';

interface Change {
  readonly name: string;
  readonly setup?: (ws: PolicyWorkspace) => Promise<void>;
  readonly argv: (ws: PolicyWorkspace) => Promise<string[]>;
  readonly entry: { action: string; target: RegExp; decision: string };
}

async function pendingHash(ws: PolicyWorkspace): Promise<string> {
  const shown = JSON.parse((await ws.run(['policy', 'show', '--json'])).stdout) as { pendingOverlay: { sha256: string } | null };
  return shown.pendingOverlay?.sha256 ?? assert.fail('no pending overlay');
}

const changes: readonly Change[] = [
  { name: 'firewall allow widens what the agent may reach', argv: () => Promise.resolve(['firewall', 'allow', 'pypi.org']), entry: { action: 'firewall.allow', target: /^pypi\.org \*$/, decision: 'allow' } },
  { name: 'firewall allow for one tool', argv: () => Promise.resolve(['firewall', 'allow', 'api.github.com', '--tool', 'web.fetch']), entry: { action: 'firewall.allow', target: /^api\.github\.com web\.fetch$/, decision: 'allow' } },
  { name: 'firewall remove', setup: async (ws) => { await ws.run(['firewall', 'allow', 'pypi.org']); }, argv: () => Promise.resolve(['firewall', 'remove', 'pypi.org']), entry: { action: 'firewall.remove', target: /^pypi\.org \*$/, decision: 'allow' } },
  { name: 'policy approve makes a repository overlay apply', setup: (ws) => { ws.writeRepositoryOverlay(REPO_OVERLAY); return Promise.resolve(); }, argv: async (ws) => ['policy', 'approve', '--sha256', await pendingHash(ws)], entry: { action: 'policy.overlay.approve', target: /\.airlock\/policy\/default\.yaml$/, decision: 'allow' } },
];

describe('airlock: every CLI change to what the agent may do is audited as actor cli', () => {
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  for (const change of changes) {
    it(`${change.name}: an entry ${change.entry.action} by cli, and the log verifies`, async () => {
      await change.setup?.(ws);
      const run = await ws.run(await change.argv(ws));
      assert.equal(run.code, 0, run.stderr);
      const tail = await ws.run(['audit', 'tail', '--json', '-n', '1000']);
      assert.equal(tail.code, 0, tail.stderr);
      const entries = tail.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { actor: string; action: string; target?: string; decision?: string });
      const last = entries.at(-1);
      assert.equal(last?.actor, 'cli', tail.stdout);
      assert.equal(last.action, change.entry.action);
      assert.match(last.target ?? '', change.entry.target);
      assert.equal(last.decision, change.entry.decision);
      const verify = await ws.run(['audit', 'verify']);
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    });
  }

  it('a refused change (a rule that is not there) is audited as denied', async () => {
    const run = await ws.run(['firewall', 'remove', 'not-there.example']);
    assert.equal(run.code, 1);
    const tail = await ws.run(['audit', 'tail', '--json']);
    const last = JSON.parse(tail.stdout.trimEnd().split('\n').at(-1) ?? '{}') as { actor?: string; action?: string; decision?: string };
    assert.deepEqual([last.actor, last.action, last.decision], ['cli', 'firewall.remove', 'deny']);
  });
});
