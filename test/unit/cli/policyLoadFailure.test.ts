import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PolicyWorkspace } from './policyCliFixtures';

/** A hand edit the checks refuse: an allow rule for every host. */
const UNLOADABLE = 'version: 1\negress:\n  allow: ["*", docs.python.org]\n';
const NAMED = /\.airlock\/policy\/default\.yaml:3:\d+: egress\.allow\[0\]/;

/**
 * Issue 16: a policy that fails to load is loud in the CLI too. Every command that reads the
 * workspace policy names the file and the field and exits non-zero; firewall remove repairs it.
 */
describe('airlock with a workspace policy that fails to load', () => {
  let ws: PolicyWorkspace;
  beforeEach(async () => {
    ws = new PolicyWorkspace();
    await ws.writeTrustedOverlay('version: 1\n');
    ws.writeRepositoryOverlay(UNLOADABLE);
  });
  afterEach(() => ws.remove());

  const commands: [string, string[]][] = [
    ['doctor (the model is fine, the policy is not)', ['doctor', '--base-url', 'http://127.0.0.1:9/v1']],
    ['policy validate', ['policy', 'validate']],
    ['policy show', ['policy', 'show']],
    ['firewall list', ['firewall', 'list']],
    ['firewall allow (refused: fix the file first)', ['firewall', 'allow', 'pypi.org']],
    ['check url (the agent would have no tools)', ['check', 'url', 'https://docs.example.com/', '--no-resolve']],
    ['check path', ['check', 'path', 'README.md']],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: names file and field, exits non-zero`, async () => {
      const run = await ws.run(argv);
      assert.notEqual(run.code, 0, run.stdout);
      assert.match(`${run.stdout}${run.stderr}`, NAMED);
    });
  }

  it('firewall remove takes out the bad entry as it stands in the file; the file then loads and waits for approval', async () => {
    const run = await ws.run(['firewall', 'remove', '*']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /waits for your approval|applies once you approve it/);
    assert.match(readFileSync(ws.overlay, 'utf8'), /allow: \[ ?docs\.python\.org ?\]/, 'the rest of the file is untouched');
    const validate = await ws.run(['policy', 'validate']);
    assert.equal(validate.code, 0, validate.stdout);
  });

  it('firewall remove of a good entry from a file that still cannot load: written, but says it is not in force (exit 1)', async () => {
    const run = await ws.run(['firewall', 'remove', 'docs.python.org']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /not in force: the policy failed to load: .*egress\.allow\[0\]/);
  });

  it('the same for the other sections: firewall remove --field takes a bad model endpoint out', async () => {
    ws.writeRepositoryOverlay('version: 1\nmodel:\n  endpoints: [127.0.0.1, 10.0.0.1]\n');
    const run = await ws.run(['firewall', 'remove', '--field', 'model.endpoints', '10.0.0.1']);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(readFileSync(ws.overlay, 'utf8'), /10\.0\.0\.1/);
    assert.match(readFileSync(ws.overlay, 'utf8'), /127\.0\.0\.1/);
    assert.equal((await ws.run(['policy', 'validate'])).code, 0);
  });

  it('--field names only a list outside egress: anything else is a usage error, nothing written', async () => {
    const run = await ws.run(['firewall', 'remove', '--field', 'egress.tools', '*']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /"egress\.tools" is not a list of the overlay outside egress/);
    assert.equal(readFileSync(ws.overlay, 'utf8'), UNLOADABLE);
  });

  it('policy validate FILE runs the merge too, and names file and field', async () => {
    const run = await ws.run(['policy', 'validate', ws.overlay]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /default\.yaml:3:\d+: egress\.allow\[0\]/);
  });
});
