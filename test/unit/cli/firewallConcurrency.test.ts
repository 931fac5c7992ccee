import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyStore } from '../../../src/core/policy/effectivePolicy';
import { addFirewallRule, removeFirewallRule } from '../../../src/core/policy/firewallEditor';
import { parseOverlay } from '../../../src/core/policy/policyLoader';
import { REPO_POLICY_DIR } from '../core/policy/policyFixtures';
import { PolicyWorkspace } from './policyCliFixtures';

const REPO = join(__dirname, '../../..');
const PROCESSES = 10;
const IN_PROCESS = 10;

/** `airlock …` as its own process (from source, with tsx), as a user's shell would start it. */
function spawnCli(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: REPO, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject).on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('firewall edits at the same moment (CLI processes and in-process)', function () {
  this.timeout(90_000);
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  it('loses no rule, and every snapshot of the file is a valid overlay', async () => {
    const keep = ['keep1.example.com', 'keep2.example.com'];
    const doomed = ['gone1.example.com', 'gone2.example.com', 'gone3.example.com'];
    await ws.writeTrustedOverlay(`# shared overlay; edits must keep this comment\nversion: 1\negress:\n  allow:\n${[...keep, ...doomed].map((host) => `    - ${host}\n`).join('')}`);

    const snapshots = { read: 0, invalid: [] as string[] };
    let running = true;
    const watcher = (async () => {
      while (running) {
        if (existsSync(ws.overlay)) {
          const text = readFileSync(ws.overlay, 'utf8');
          snapshots.read++;
          if (!parseOverlay({ text, file: 'snapshot', expectedName: 'default' }).ok) snapshots.invalid.push(text);
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const edit = { workspaceFolder: ws.folder, packName: 'default', configDir: ws.configDir, builtinDir: REPO_POLICY_DIR };
    const cliHosts = Array.from({ length: PROCESSES }, (_, index) => `cli${index}.example.com`);
    const localHosts = Array.from({ length: IN_PROCESS }, (_, index) => `local${index}.example.com`);
    const results = await Promise.all([
      ...cliHosts.map((host, index) => spawnCli(['firewall', 'allow', ...(index % 2 === 0 ? [] : ['--tool', 'web.fetch']), host, '--workspace', ws.folder], ws.env)),
      ...localHosts.map(async (pattern) => { await addFirewallRule({ ...edit, pattern }); return { code: 0, stderr: '' }; }),
      spawnCli(['firewall', 'remove', doomed[0] ?? '', '--workspace', ws.folder], ws.env),
      ...doomed.slice(1).map(async (pattern) => { await removeFirewallRule({ ...edit, pattern }); return { code: 0, stderr: '' }; }),
    ]);
    running = false;
    await watcher;

    for (const result of results) assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(snapshots.invalid, [], 'a reader saw a half-written or invalid file');
    assert.ok(snapshots.read > 0);

    const text = readFileSync(ws.overlay, 'utf8');
    assert.ok(text.startsWith('# shared overlay; edits must keep this comment\n'), text);
    const parsed = parseOverlay({ text, file: 'final', expectedName: 'default' });
    assert.ok(parsed.ok);
    const everyTool = parsed.value.egress?.allow ?? [];
    const webFetch = parsed.value.egress?.tools?.['web.fetch']?.allow ?? [];
    assert.deepEqual([...everyTool].sort(), [...keep, ...localHosts, ...cliHosts.filter((_, index) => index % 2 === 0)].sort());
    assert.deepEqual([...webFetch].sort(), cliHosts.filter((_, index) => index % 2 === 1).sort());

    const effective = await new PolicyStore().load({ workspaceFolder: ws.folder, packName: 'default', builtinDir: join(REPO, 'policy'), workspaceTrusted: true, configDir: ws.configDir });
    assert.equal(effective.pendingOverlay, undefined, 'the last writer\'s content is recorded as written by Airlock');
    assert.ok(!existsSync(`${ws.overlay}.lock`), 'every lock was released');
  });
});
