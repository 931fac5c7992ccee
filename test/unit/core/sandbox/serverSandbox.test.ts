import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findSandboxBackend } from '../../../../src/core/sandbox/sandboxBackend';
import { execLine, startSandboxedServer, type ServerSandboxRequest } from '../../../../src/core/sandbox/serverSandbox';

describe('core/sandbox/serverSandbox: a long-running server in the real sandbox', function () {
  this.timeout(30_000);
  let workspace: string;

  /** Runs a shell script as the "server" and returns what it wrote to stdout and stderr. */
  async function run(script: string, overrides: Partial<ServerSandboxRequest> = {}): Promise<string> {
    const started = await startSandboxedServer({ argv: ['/bin/sh', '-c', script], workspace, readonlyGlobs: [], writable: false, storageMb: 1, memoryMb: 1024, parentEnv: { PATH: '/usr/bin:/bin' }, serverEnv: {}, ...overrides });
    assert.ok(started.ok, started.ok ? '' : started.reason);
    let output = '';
    started.process.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    started.process.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    started.process.stdin.end();
    await started.process.exited;
    return output;
  }

  before(async () => {
    const backend = await findSandboxBackend();
    assert.ok(backend.ok, backend.ok ? '' : `no sandbox on this machine: ${backend.reason}`);
  });

  beforeEach(() => {
    workspace = mkdtempSync('/tmp/airlock-server-ws-');
  });

  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('attack: shell words in the command\'s arguments are passed literally, never run', async () => {
    const output = await run('printf "%s|" "$@"', { argv: ['/bin/sh', '-c', 'printf "%s|" "$@"', 'sh', "it's", '$(touch pwned)', '; echo injected'] });
    assert.equal(output, "it's|$(touch pwned)|; echo injected|");
    assert.equal(execLine(['a b', "c'd"]), `exec 'a b' 'c'\\''d'`);
  });

  it('limit: the server may write only its capped /tmp (HOME in it); the workspace, hidden folders and /dev are read-only', async () => {
    const output = await run(`echo "home=$HOME"; touch "$HOME/ok" && echo home-writable; dd if=/dev/zero of=/tmp/big bs=1024 count=4096 2>&1; echo x > ${workspace}/planted; echo x > /root/planted; echo x > /dev/planted`);
    assert.match(output, /home=\/tmp\/home\nhome-writable/);
    assert.match(output, /No space left on device|File size limit exceeded/);
    assert.equal((output.match(/Read-only file system/g) ?? []).length, 3, output);
    assert.equal(existsSync(join(workspace, 'planted')), false);
  });

  it('writable: the workspace may be written when the policy says so', async () => {
    await run(`echo x > ${workspace}/made`, { writable: true });
    assert.equal(existsSync(join(workspace, 'made')), true);
  });

  it('the variables the policy names pass even when their names look secret; the sandbox\'s own names win', async () => {
    const output = await run('echo "key=$SEARCH_API_KEY path=$PATH home=$HOME"', { serverEnv: { SEARCH_API_KEY: 'from-storage', PATH: '/workspace/evil-bin', HOME: '/elsewhere' } });
    assert.equal(output.trim(), 'key=from-storage path=/usr/bin:/bin home=/tmp/home');
  });

  it('fails closed: no command, or a workspace that is /, starts nothing and says why', async () => {
    const request = { workspace, readonlyGlobs: [], writable: false, storageMb: 1, memoryMb: 1024, parentEnv: {}, serverEnv: {} };
    assert.deepEqual(await startSandboxedServer({ ...request, argv: [] }), { ok: false, reason: 'the server has no command to run' });
    assert.deepEqual(await startSandboxedServer({ ...request, argv: ['true'], workspace: '/' }), { ok: false, reason: 'the workspace is the root folder: a sandbox that may write everywhere is none' });
  });
});
