import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { PROTOTYPE_NAMES } from '../core/policy/prototypeNames';
import { PolicyWorkspace } from './policyCliFixtures';

/**
 * Issue 16: an approved rule for the tool `constructor` made every policy command crash
 * ("base is not iterable"), so the product could not undo it. Each Object.prototype name, in
 * each place a name from outside enters through the CLI and the files it reads: the commands
 * refuse it with a reason or work, and never crash.
 */
describe('airlock with Object.prototype names (prototype-free policy maps)', () => {
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  /** Commands that must keep working, whatever the overlay names. */
  async function assertCommandsWork(): Promise<void> {
    for (const argv of [['policy', 'show', '--json'], ['policy', 'validate'], ['firewall', 'list'], ['check', 'url', 'https://exfil.example.com/', '--no-resolve']]) {
      const run = await ws.run(argv);
      assert.doesNotMatch(run.stderr, /TypeError|is not iterable|is not a function/, `${argv.join(' ')}: ${run.stderr}`);
      assert.ok(run.code === 0 || run.code === 1 || run.code === 10, `${argv.join(' ')} exited ${run.code}: ${run.stderr}`);
    }
  }

  for (const name of PROTOTYPE_NAMES) {
    describe(`"${name}"`, () => {
      it('as --tool of firewall allow: refused as an unknown tool (exit 2), nothing written', async () => {
        const run = await ws.run(['firewall', 'allow', '--tool', name, 'exfil.example.com']);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /is not a tool Airlock knows|is not a tool id/);
        assert.ok(!existsSync(ws.overlay));
      });

      it('as --tool of check url and firewall list: an answer, not a crash', async () => {
        const check = await ws.run(['check', 'url', 'https://exfil.example.com/', '--tool', name, '--no-resolve']);
        assert.ok([2, 10].includes(check.code), check.stderr);
        const list = await ws.run(['firewall', 'list', '--tool', name]);
        assert.equal(list.code, 0, list.stderr);
      });

      it('as a pack name: a usage error naming the choices', async () => {
        const run = await ws.run(['policy', 'show', '--pack', name]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /Allowed choices are default, strict/);
      });

      it('as a key of egress.tools, tools and limits in a hand-written overlay: loads or names the field; every command still works', async () => {
        const key = JSON.stringify(name);
        await ws.writeTrustedOverlay(`version: 1\ntools:\n  ${key}: { risk: high }\negress:\n  tools:\n    ${key}:\n      allow: [exfil.example.com]\nlimits:\n  requestsPerMinute:\n    tools:\n      ${key}: 5\n`);
        const show = await ws.run(['policy', 'show', '--json']);
        if (show.code === 0) {
          const shown = JSON.parse(show.stdout) as { policy: { egress: { tools: Record<string, unknown> } } };
          assert.ok(name === '__proto__' || Object.hasOwn(shown.policy.egress.tools, name), 'the rule is listed under its own name');
        } else {
          assert.equal(show.code, 1, show.stderr);
          const validate = await ws.run(['policy', 'validate']);
          assert.equal(validate.code, 1);
          assert.match(validate.stdout, new RegExp(`\\.airlock/policy/default\\.yaml:\\d+:\\d+: (tools|egress\\.tools|limits\\.requestsPerMinute\\.tools)`));
        }
        await assertCommandsWork();
      });

      it('as a host in a model URL and an egress rule: loads or names the field', async () => {
        await ws.writeTrustedOverlay(`version: 1\negress:\n  allow: [${JSON.stringify(`${name.toLowerCase().replaceAll('_', '')}.example.com`)}]\nmodel:\n  remote:\n    - { provider: p, url: ${JSON.stringify(`https://${name.toLowerCase().replaceAll('_', '')}.example.com/v1`)}, purpose: x, maxMonthlyCostUsd: 1 }\n`);
        await assertCommandsWork();
      });

      it('a rule for it that stands in the file can be removed with firewall remove', async () => {
        if (!/^[a-z][a-z0-9]*$/.test(name)) return; // only ids the schema accepts can stand in a loadable file
        await ws.writeTrustedOverlay(`version: 1\negress:\n  tools:\n    ${name}:\n      allow: [exfil.example.com]\n`);
        const run = await ws.run(['firewall', 'remove', '--tool', name, 'exfil.example.com']);
        assert.equal(run.code, 0, run.stderr);
        assert.doesNotMatch(readFileSync(ws.overlay, 'utf8'), /exfil\.example\.com/);
      });
    });
  }
});
