import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateAuditLog } from '../../../src/core/audit';
import { runCli } from './cliHarness';

// The audit log and its key go to a folder of the test's own, never the user's.
const ENV = { PATH: '/usr/bin:/bin', HOME: '/nonexistent-home', GITHUB_TOKEN: 'ghp_PARENT_SECRET', AIRLOCK_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'airlock-cli-sandbox-config-')) };

describe('airlock sandbox run', function () {
  this.timeout(60_000);
  let workspace: string;

  beforeEach(() => {
    workspace = mkdtempSync('/tmp/airlock-cli-sandbox-');
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), '{}');
  });

  afterEach(() => rmSync(workspace, { recursive: true, force: true }));
  after(() => rmSync(ENV.AIRLOCK_CONFIG_DIR, { recursive: true, force: true }));

  it('one argument is a command line: it runs in the workspace and its exit status is the CLI\'s', async () => {
    const run = await runCli(['sandbox', 'run', '--workspace', workspace, '--', 'echo hi > out.txt && cat out.txt; exit 4'], { env: ENV });
    assert.equal(run.stdout, 'hi\n');
    assert.equal(run.code, 4);
    assert.equal(readFileSync(join(workspace, 'out.txt'), 'utf8'), 'hi\n');
  });

  it('several arguments are an argv: quoted, never re-read as shell syntax', async () => {
    const run = await runCli(['sandbox', 'run', '--workspace', workspace, '--', 'printf', '%s|', 'a b', '$GITHUB_TOKEN; touch pwned'], { env: ENV });
    assert.equal(run.stdout, 'a b|$GITHUB_TOKEN; touch pwned|');
    assert.equal(existsSync(join(workspace, 'pwned')), false);
    assert.equal(run.code, 0);
  });

  it('attack: the parent\'s secrets are absent and control files are read-only', async () => {
    const run = await runCli(['sandbox', 'run', '--workspace', workspace, '--', 'env; echo "{\\"x\\":1}" > .vscode/settings.json'], { env: ENV });
    assert.doesNotMatch(run.stdout, /PARENT_SECRET/);
    assert.match(run.stderr, /Read-only file system/);
    assert.equal(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8'), '{}');
    assert.equal(run.code, 2);
  });

  it('attack: a .env the default pack denies is hidden from the command', async () => {
    writeFileSync(join(workspace, '.env'), 'API_KEY=PLANTED_VALUE');
    const run = await runCli(['sandbox', 'run', '--workspace', workspace, '--', 'cat .env; echo end'], { env: ENV });
    assert.doesNotMatch(run.stdout + run.stderr, /PLANTED_VALUE/);
    assert.match(run.stdout, /end/);
  });

  it('a command killed at the wall-time limit exits 124 and says which limit', async () => {
    const managed = join(workspace, '..', `${workspace.split('/').pop() ?? 'x'}-managed.yaml`);
    writeFileSync(managed, 'version: 1\ncommands:\n  limits:\n    wallSeconds: 1\n');
    try {
      const run = await runCli(['sandbox', 'run', '--workspace', workspace, '--', 'sleep 600'], { env: { ...ENV, AIRLOCK_MANAGED_POLICY: managed } });
      assert.equal(run.code, 124);
      assert.match(run.stderr, /airlock sandbox: killed, with every process it started, after the wall-time limit of 1 s \(commands\.limits\.wallSeconds\)/);
    } finally {
      rmSync(managed, { force: true });
    }
  });

  it('a created control file is removed after the command, and the CLI says so', async () => {
    const run = await runCli(['sandbox', 'run', '--workspace', workspace, '--', 'echo "registry=http://evil.example/" > .npmrc; echo end'], { env: ENV });
    assert.equal(run.code, 0);
    assert.equal(existsSync(join(workspace, '.npmrc')), false);
    assert.match(run.stderr, /airlock sandbox: removed .*\.npmrc: the command created it, and commands may not write control files/);
  });

  it('the network is the egress proxy: a host the policy does not allow is refused with the rule to add, never reached, and audited to the workspace log', async () => {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('reached');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const refused = await runCli(['sandbox', 'run', '--workspace', workspace, '--', `curl -sS --max-time 10 http://127.0.0.1:${port}/refused`], { env: ENV });
      assert.match(refused.stdout, /Airlock refused this shell request: GET http:\/\/127\.0\.0\.1:\d+\/refused/);
      assert.deepEqual(hits, [], 'no request reached the server');
      const { file } = locateAuditLog({ configDir: ENV.AIRLOCK_CONFIG_DIR, workspaceFolder: workspace });
      const entries = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { actor: string; action: string });
      assert.deepEqual(entries.filter((entry) => entry.action.startsWith('egress.')).map((entry) => `${entry.actor} ${entry.action}`), ['cli egress.block']);
    } finally {
      server.close();
    }
  });

  it('a missing workspace is a usage error, and nothing runs', async () => {
    const run = await runCli(['sandbox', 'run', '--workspace', join(workspace, 'missing'), '--', 'true'], { env: ENV });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no such folder/);
  });
});
