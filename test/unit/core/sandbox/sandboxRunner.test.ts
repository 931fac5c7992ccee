import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { findSandboxBackend } from '../../../../src/core/sandbox/sandboxBackend';
import { runSandboxed, type SandboxRequest, type SandboxResult } from '../../../../src/core/sandbox/sandboxRunner';

const LIMITS = { cpuSeconds: 30, wallSeconds: 30, memoryMb: 1024, outputBytes: 1024 * 1024 };

interface Run {
  readonly result: SandboxResult;
  readonly output: string;
}

describe('core/sandbox/sandboxRunner: real commands in the real sandbox', function () {
  this.timeout(60_000);
  let workspace: string;
  // Outside /tmp, which the sandbox replaces anyway: these must be hidden by the sandbox's own rules.
  let outside: string;

  async function run(command: string, overrides: Partial<SandboxRequest> = {}): Promise<Run> {
    let output = '';
    const result = await runSandboxed({ command, workspace, readonlyGlobs: ['locked/**'], limits: LIMITS, parentEnv: { PATH: '/usr/bin:/bin', HOME: join(outside, 'home') }, onOutput: (_stream, chunk) => (output += chunk.toString('utf8')), ...overrides });
    return { result, output };
  }

  before(async () => {
    const backend = await findSandboxBackend();
    // Fails, never skips: a machine without bubblewrap must not pass these as if sandboxed.
    assert.ok(backend.ok, backend.ok ? '' : `no sandbox on this machine: ${backend.reason} (scripts/bootstrap.sh installs bubblewrap)`);
  });

  beforeEach(() => {
    workspace = mkdtempSync('/tmp/airlock-sandbox-ws-');
    outside = mkdtempSync('/var/tmp/airlock-sandbox-outside-');
    mkdirSync(join(outside, 'home', '.ssh'), { recursive: true });
    writeFileSync(join(outside, 'home', '.ssh', 'id_rsa'), 'PRIVATE-KEY-MATERIAL');
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'tasks.json'), '{}');
    mkdirSync(join(workspace, '.git', 'hooks'), { recursive: true });
    mkdirSync(join(workspace, 'locked'));
    writeFileSync(join(workspace, 'locked', 'data.txt'), 'original');
  });

  afterEach(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('runs a command in the workspace and reports its exit code; the workspace is writable', async () => {
    const { result, output } = await run('echo made > made.txt && pwd && exit 3');
    assert.deepEqual(result, { ran: true, endedBy: 'exit', exitCode: 3, reason: 'exited with code 3' });
    assert.equal(output.trim(), workspace);
    assert.equal(readFileSync(join(workspace, 'made.txt'), 'utf8'), 'made\n');
  });

  it('attack: writing outside the workspace fails', async () => {
    const target = join(outside, 'planted.txt');
    const { output } = await run(`echo x > ${target}; touch /usr/airlock-planted; echo done`);
    assert.match(output, /Read-only file system/);
    assert.equal(existsSync(target), false);
    assert.equal(existsSync('/usr/airlock-planted'), false);
  });

  it('attack: reading a key in HOME/.ssh fails (the home folder is an empty tmpfs)', async () => {
    const { result, output } = await run('cat "$HOME/.ssh/id_rsa"; ls -A "$HOME"');
    assert.equal(result.ran, true);
    assert.doesNotMatch(output, /PRIVATE-KEY-MATERIAL/);
    assert.match(output, /No such file or directory/);
  });

  it('attack: unmounting what hides the home folder or covers a control file fails (no capabilities, even as root)', async () => {
    const { output } = await run('umount "$HOME"; umount .vscode; cat "$HOME/.ssh/id_rsa"; echo x > .vscode/tasks.json; echo end');
    assert.doesNotMatch(output, /PRIVATE-KEY-MATERIAL/);
    assert.match(output, /end/);
    assert.equal(readFileSync(join(workspace, '.vscode', 'tasks.json'), 'utf8'), '{}');
  });

  it('attack: the workspace is the home folder; its credential folders are still hidden', async () => {
    mkdirSync(join(workspace, '.ssh'));
    writeFileSync(join(workspace, '.ssh', 'id_rsa'), 'PRIVATE-KEY-MATERIAL');
    const { output } = await run('cat .ssh/id_rsa; echo end', { parentEnv: { PATH: '/usr/bin:/bin', HOME: workspace } });
    assert.doesNotMatch(output, /PRIVATE-KEY-MATERIAL/);
    assert.match(output, /end/);
  });

  it('attack: connecting to a loopback server the test started fails (no network namespace shared)', async () => {
    let connections = 0;
    const server: Server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const { result, output } = await run(`bash -c 'echo hi > /dev/tcp/127.0.0.1/${port}' && echo connected`);
      assert.equal(result.ran, true);
      assert.doesNotMatch(output, /connected/);
      assert.equal(connections, 0);
    } finally {
      server.close();
    }
  });

  it('attack: secrets in the parent environment are absent inside', async () => {
    const parentEnv = { PATH: '/usr/bin:/bin', HOME: join(outside, 'home'), GITHUB_TOKEN: 'ghp_SECRET1', AWS_SECRET_ACCESS_KEY: 'SECRET2', NPM_TOKEN: 'SECRET3', OPENAI_API_KEY: 'SECRET4', DB_PASSWORD: 'SECRET5' };
    const { output } = await run('env', { parentEnv });
    assert.doesNotMatch(output, /SECRET/);
    assert.match(output, /^PATH=\/usr\/bin:\/bin$/m);
  });

  it('attack: control files and files.readonly paths are read-only inside; other files are not', async () => {
    const { output } = await run('echo x > .vscode/tasks.json; echo x > .git/hooks/pre-commit; echo x > locked/data.txt; echo x > free.txt; echo end');
    assert.equal((output.match(/Read-only file system/g) ?? []).length, 3, output);
    assert.equal(readFileSync(join(workspace, '.vscode', 'tasks.json'), 'utf8'), '{}');
    assert.equal(existsSync(join(workspace, '.git', 'hooks', 'pre-commit')), false);
    assert.equal(readFileSync(join(workspace, 'locked', 'data.txt'), 'utf8'), 'original');
    assert.equal(readFileSync(join(workspace, 'free.txt'), 'utf8'), 'x\n');
  });

  it('limit: a CPU spin ends at the CPU-time limit', async () => {
    const { result } = await run('while :; do :; done', { limits: { ...LIMITS, cpuSeconds: 1 } });
    assert.deepEqual(result, { ran: true, endedBy: 'cpu', exitCode: 152, reason: 'killed by the CPU-time limit of 1 s per process (commands.limits.cpuSeconds)' });
  });

  it('limit: a sleeper ends at the wall-time limit', async () => {
    const { result } = await run('sleep 600', { limits: { ...LIMITS, wallSeconds: 1 } });
    assert.equal(result.ran && result.endedBy, 'wall');
    assert.match(result.reason, /wall-time limit of 1 s \(commands\.limits\.wallSeconds\)/);
  });

  it('limit: a memory hog ends at the memory limit', async () => {
    const { result } = await run('/usr/bin/python3 -c "bytearray(2 * 1024 ** 3)"', { limits: { ...LIMITS, memoryMb: 256 } });
    assert.equal(result.ran && result.endedBy, 'memory', result.reason);
    assert.match(result.reason, /limit of 256 MB per process/);
  });

  it('limit: endless output ends at the output limit, and no more than it is passed on', async () => {
    const { result, output } = await run('yes', { limits: { ...LIMITS, outputBytes: 4096 } });
    assert.equal(result.ran && result.endedBy, 'output');
    assert.equal(Buffer.byteLength(output), 4096);
  });

  it('Stop kills the whole process tree (a bounded fork of sleepers)', async () => {
    const controller = new AbortController();
    const marker = 271_828 + Math.floor(Math.random() * 1000);
    let seen = '';
    const running = runSandboxed({
      command: `for i in 1 2 3 4 5 6 7 8; do (sleep ${marker} & sleep ${marker}) & done; echo started; wait`,
      workspace, readonlyGlobs: [], limits: LIMITS, parentEnv: { PATH: '/usr/bin:/bin' }, signal: controller.signal,
      onOutput: (_stream, chunk) => {
        seen += chunk.toString('utf8');
        if (seen.includes('started')) controller.abort();
      },
    });
    const result = await running;
    assert.equal(result.ran && result.endedBy, 'stopped');
    // The kernel reaps the PID namespace right after bwrap dies; allow it a moment, then insist.
    for (let tries = 0; tries < 50 && processesRunning(`sleep\0${marker}`).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(processesRunning(`sleep\0${marker}`), [], 'no sleeper survives');
  });

  it('fails closed: the root folder as workspace, or a missing one, runs nothing', async () => {
    assert.deepEqual(await runSandboxed({ command: 'true', workspace: '/', readonlyGlobs: [], limits: LIMITS, parentEnv: {} }), { ran: false, reason: 'the workspace is the root folder: a sandbox that may write everywhere is none' });
    const missing = await runSandboxed({ command: 'true', workspace: join(outside, 'nope'), readonlyGlobs: [], limits: LIMITS, parentEnv: {} });
    assert.equal(missing.ran, false);
  });

  it('fails closed: no sandbox outside Linux, and says so', async () => {
    const result = await findSandboxBackend('darwin');
    assert.deepEqual(result, { ok: false, reason: 'no sandbox on darwin: commands run sandboxed only on Linux, under bubblewrap' });
  });
});

/** Pids whose command line contains `needle` (arguments joined by NUL, as /proc shows them). */
function processesRunning(needle: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
    } catch {
      return false;
    }
  });
}
