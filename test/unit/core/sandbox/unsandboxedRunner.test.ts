import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUnsandboxed, type UnsandboxedRequest } from '../../../../src/core/sandbox/unsandboxedRunner';

// The explicit opt-in without a sandbox keeps what needs none: the folder, a clean environment,
// the limits, and Stop. (Everything else about it is that every command asks first.)

const LIMITS = { cpuSeconds: 30, wallSeconds: 30, memoryMb: 1024, outputBytes: 1024 * 1024 };

describe('core/sandbox/unsandboxedRunner: commands.unsandboxed', function () {
  this.timeout(30_000);
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'airlock-unsandboxed-'));
    mkdirSync(join(folder, 'sub dir'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function run(command: string, overrides: Partial<UnsandboxedRequest> = {}): Promise<{ reason: string; endedBy: string | undefined; output: string }> {
    let output = '';
    const result = await runUnsandboxed({ command, cwd: join(folder, 'sub dir'), limits: LIMITS, parentEnv: { PATH: '/usr/bin:/bin', HOME: folder, GITHUB_TOKEN: 'ghp_SECRET', AWS_SECRET_ACCESS_KEY: 'SECRET2' }, onOutput: (_stream, chunk) => (output += chunk.toString('utf8')), ...overrides });
    return { reason: result.reason, endedBy: result.ran ? result.endedBy : undefined, output };
  }

  it('runs in the folder asked for (a name with a space) and reports the exit code', async () => {
    const { output, reason } = await run('pwd; exit 4');
    assert.equal(output.trim(), join(folder, 'sub dir'));
    assert.equal(reason, 'exited with code 4');
  });

  it('attack: credentials in the editor\'s environment are not passed on', async () => {
    const { output } = await run('env');
    assert.doesNotMatch(output, /SECRET/);
  });

  it('limit: a sleeper is killed at the wall time; Stop kills it too', async () => {
    assert.equal((await run('sleep 600', { limits: { ...LIMITS, wallSeconds: 1 } })).endedBy, 'wall');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    assert.equal((await run('sleep 600', { signal: controller.signal })).endedBy, 'stopped');
  });
});
