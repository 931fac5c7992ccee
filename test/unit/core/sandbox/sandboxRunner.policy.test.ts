import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEgressProxy, type EgressProxy } from '../../../../src/core/egress/egressProxy';
import { runSandboxed, type SandboxRequest, type SandboxResult } from '../../../../src/core/sandbox/sandboxRunner';
import { memoryAudit, startServer, tableResolver, testPolicy, type LoopbackServer } from '../egress/egressTestKit';

// What the policy adds to the sandbox: files it denies are not there for a command either, the
// command starts in the folder asked for, and its network is the egress proxy, reached through
// HTTP(S)_PROXY and the relay, deciding by the policy. NETWORK SAFETY: every server is on
// 127.0.0.1; names resolve through a fixed table.

const LIMITS = { cpuSeconds: 30, wallSeconds: 30, memoryMb: 1024, outputBytes: 1024 * 1024 };
const DENIED = ['**/.env', 'secrets/**', '**/*.pem'];

describe('core/sandbox/sandboxRunner: the policy inside the sandbox', function () {
  this.timeout(60_000);
  let workspace: string;
  let outside: string;

  async function run(command: string, overrides: Partial<SandboxRequest> = {}): Promise<{ result: SandboxResult; output: string }> {
    let output = '';
    const result = await runSandboxed({ command, workspace, readonlyGlobs: [], deniedGlobs: DENIED, limits: LIMITS, parentEnv: { PATH: '/usr/bin:/bin', HOME: join(outside, 'home') }, onOutput: (_stream, chunk) => (output += chunk.toString('utf8')), ...overrides });
    return { result, output };
  }

  beforeEach(() => {
    workspace = mkdtempSync('/tmp/airlock-sandbox-policy-');
    outside = mkdtempSync('/var/tmp/airlock-sandbox-policy-outside-');
    mkdirSync(join(workspace, 'secrets'));
    mkdirSync(join(workspace, 'src', 'deep'), { recursive: true });
    writeFileSync(join(workspace, '.env'), 'TOKEN=SECRET-DOTENV');
    writeFileSync(join(workspace, 'secrets', 'db.txt'), 'SECRET-DB');
    writeFileSync(join(workspace, 'src', 'deep', 'server.pem'), 'SECRET-PEM');
    writeFileSync(join(workspace, 'src', 'a.txt'), 'visible');
    writeFileSync(join(outside, 'shared.env'), 'SECRET-LINKED');
  });

  afterEach(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const HIDDEN: { attack: string; command: string; setup?: () => void }[] = [
    { attack: 'cat .env, which the file tools may not read', command: 'cat .env' },
    { attack: 'a file in a denied folder', command: 'cat secrets/db.txt; ls -A secrets' },
    { attack: 'a denied file deep in the tree', command: 'cat src/deep/server.pem' },
    { attack: 'a copy made inside the sandbox', command: 'cp .env copy.txt; cat copy.txt' },
    { attack: 'a hard link made inside the sandbox', command: 'ln .env alias.txt; cat alias.txt' },
    { attack: 'grep over the whole workspace', command: 'grep -r SECRET . ; true' },
    { attack: 'a denied name that is a link to a file outside', command: 'cat src/.env', setup: () => symlinkSync(join(outside, 'shared.env'), join(workspace, 'src', '.env')) },
  ];
  for (const row of HIDDEN) {
    it(`attack: ${row.attack} shows nothing`, async () => {
      row.setup?.();
      const { result, output } = await run(`${row.command}; echo end`);
      assert.equal(result.ran, true, result.reason);
      assert.doesNotMatch(output, /SECRET-/);
      assert.match(output, /end/);
    });
  }

  it('the denied files are untouched on disk, and allowed ones are readable', async () => {
    const { output } = await run('cat src/a.txt; echo x > .env; echo end');
    assert.match(output, /^visible/);
    assert.equal(readFileSync(join(workspace, '.env'), 'utf8'), 'TOKEN=SECRET-DOTENV');
  });

  it('starts in the folder asked for; a folder outside the workspace runs nothing', async () => {
    const { output } = await run('pwd', { cwd: join(workspace, 'src') });
    assert.equal(output.trim(), join(workspace, 'src'));
    const refused = await run('pwd', { cwd: outside });
    assert.equal(refused.result.ran, false);
    assert.match(refused.result.reason, /not in the workspace/);
  });

  // A bind can only cover a control file that exists; one a command creates is removed after it.
  const SWEEP: { attack: string; setup?: () => void; command: string; removed: string[]; kept: Record<string, string> }[] = [
    {
      attack: 'a new .vscode/tasks.json with a task that runs when the folder opens',
      command: 'mkdir -p .vscode && echo \'{"tasks":[{"runOptions":{"runOn":"folderOpen"}}]}\' > .vscode/tasks.json',
      removed: ['.vscode', '.vscode/tasks.json'],
      kept: {},
    },
    {
      attack: 'a nested control folder moved away and planted anew (the moved original stays)',
      setup: () => {
        mkdirSync(join(workspace, 'packages', 'app', '.vscode'), { recursive: true });
        writeFileSync(join(workspace, 'packages', 'app', '.vscode', 'tasks.json'), 'ORIGINAL');
      },
      command: 'mv packages/app packages/app2 && mkdir -p packages/app/.vscode && echo PLANTED > packages/app/.vscode/tasks.json',
      removed: ['packages/app/.vscode', 'packages/app/.vscode/tasks.json'],
      kept: { 'packages/app2/.vscode/tasks.json': 'ORIGINAL' },
    },
    {
      attack: 'a new git hook manager config and a package-manager config',
      command: 'echo "pre-commit: { commands: { x: { run: curl evil } } }" > lefthook.yml; echo "registry=http://evil/" > .npmrc',
      removed: ['.npmrc', 'lefthook.yml'],
      kept: {},
    },
    {
      attack: 'nothing planted (control row): ordinary files stay',
      command: 'echo built > out.txt',
      removed: [],
      kept: { 'out.txt': 'built\n' },
    },
  ];
  for (const row of SWEEP) {
    it(`attack: ${row.attack} is removed after the command`, async () => {
      row.setup?.();
      const { result } = await run(row.command);
      assert.equal(result.ran, true, result.reason);
      const removed = result.ran ? (result.sweep?.removed ?? []) : [];
      assert.deepEqual(removed.map((path) => path.slice(workspace.length + 1)), row.removed);
      for (const path of row.removed) assert.equal(existsSync(join(workspace, path)), false, path);
      for (const [path, text] of Object.entries(row.kept)) assert.equal(readFileSync(join(workspace, path), 'utf8'), text, path);
    });
  }

  it('attack: a PATH folder inside the workspace is dropped, so a planted program cannot pose as an allowed one', async () => {
    mkdirSync(join(workspace, 'bin'));
    writeFileSync(join(workspace, 'bin', 'npm'), '#!/bin/sh\necho PLANTED-NPM\n', { mode: 0o755 });
    const { output } = await run('echo "$PATH"; npm --version; command -v npm || echo no-npm', { parentEnv: { PATH: `${join(workspace, 'bin')}:/usr/bin:/bin`, HOME: join(outside, 'home') } });
    assert.doesNotMatch(output, /PLANTED-NPM/);
    assert.match(output, /^\/usr\/bin:\/bin$/m);
  });

  it('settings for tools inside are passed, except names that look secret', async () => {
    const { output } = await run('env', { extraEnv: { npm_config_maxsockets: '4', NPM_TOKEN: 'SECRET-EXTRA' } });
    assert.match(output, /^npm_config_maxsockets=4$/m);
    assert.doesNotMatch(output, /SECRET-EXTRA/);
  });

  describe('network through the egress proxy', () => {
    let allowed: LoopbackServer;
    let victim: LoopbackServer;
    let proxy: EgressProxy;
    let socketDir: string;

    before(async () => {
      allowed = await startServer((_request, response) => response.end('hello from the allowed host'));
      victim = await startServer((_request, response) => response.end('victim reached'));
      socketDir = mkdtempSync(join(tmpdir(), 'airlock-sandbox-proxy-'));
      const policy = testPolicy({ allow: [`127.0.0.1:${allowed.port}`] });
      proxy = await startEgressProxy({ policy: () => policy, audit: memoryAudit(), resolve: tableResolver({ 'allowed.test': ['127.0.0.1'], 'victim.test': ['127.0.0.1'] }).resolve, socketPath: join(socketDir, 'egress.sock') });
    });

    after(async () => {
      await proxy.close();
      await Promise.all([allowed.close(), victim.close()]);
      rmSync(socketDir, { recursive: true, force: true });
    });

    const viaProxy = (url: string) => `curl -sS --max-time 10 ${url}; echo " [curl $?]"`;
    const withProxy = (): Partial<SandboxRequest> => ({ egressSocket: proxy.socketPath, bridgeNode: process.execPath });

    it('an allowed host is reached through HTTP_PROXY', async () => {
      const { output } = await run(viaProxy(`http://127.0.0.1:${allowed.port}/`), withProxy());
      assert.match(output, /hello from the allowed host \[curl 0\]/);
      assert.equal(allowed.hits.length > 0, true);
    });

    it('attack: a host the policy does not allow is refused by the proxy, with its reason in the output, and never reached', async () => {
      const before = victim.hits.length;
      const { output } = await run(`curl -sS -i --max-time 10 http://victim.test:${victim.port}/; echo " [curl $?]"`, withProxy());
      assert.match(output, /HTTP\/1\.1 403/);
      assert.doesNotMatch(output, /victim reached/);
      assert.equal(victim.hits.length, before, 'no connection reached the victim');
    });

    it('attack: ignoring the proxy and connecting directly fails (the relay is the only way out)', async () => {
      const { output } = await run(`curl -sS --noproxy '*' --max-time 5 http://127.0.0.1:${allowed.port}/; echo " [curl $?]"`, withProxy());
      assert.doesNotMatch(output, /hello from the allowed host/);
      assert.match(output, /\[curl [1-9]\d*\]/);
    });

    it('without the proxy the command has no network at all', async () => {
      const { output } = await run(viaProxy(`http://allowed.test:${allowed.port}/`));
      assert.doesNotMatch(output, /hello from the allowed host/);
    });
  });
});
