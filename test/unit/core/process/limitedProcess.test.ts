import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { runLimited, type LimitedProcessSpec } from '../../../../src/core/process/limitedProcess';

const BASE: LimitedProcessSpec = { file: '/bin/sh', args: [], env: { PATH: '/usr/bin:/bin' }, wallMs: 30_000, outputBytes: 1024 * 1024 };

function sh(script: string, overrides: Partial<LimitedProcessSpec> = {}): LimitedProcessSpec {
  return { ...BASE, args: ['-c', script], ...overrides };
}

/** Pids whose command line contains `needle` (arguments joined by NUL). */
function running(needle: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
    } catch {
      return false;
    }
  });
}

async function gone(needle: string): Promise<string[]> {
  for (let tries = 0; tries < 50 && running(needle).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  return running(needle);
}

describe('core/process/limitedProcess: a child process with a wall time, an output budget and Stop', function () {
  this.timeout(30_000);

  it('reports the exit code and passes the output on', async () => {
    let output = '';
    const end = await runLimited(sh('echo out; echo err >&2; exit 7', { onOutput: (_stream, chunk) => (output += chunk.toString('utf8')) }));
    assert.deepEqual(end, { endedBy: 'exit', exitCode: 7, outputBytes: 8, status: '' });
    assert.match(output, /out\n/);
  });

  it('a process killed by a signal it did not get from here reports 128 + the signal, as a shell does', async () => {
    const end = await runLimited(sh('kill -TERM $$'));
    assert.equal(end.endedBy === 'exit' && end.exitCode, 143);
  });

  it('only the given environment reaches the child', async () => {
    process.env.AIRLOCK_TEST_PARENT_SECRET = 'x';
    try {
      let output = '';
      await runLimited(sh('env', { onOutput: (_stream, chunk) => (output += chunk.toString('utf8')) }));
      assert.doesNotMatch(output, /AIRLOCK_TEST_PARENT_SECRET/);
    } finally {
      delete process.env.AIRLOCK_TEST_PARENT_SECRET;
    }
  });

  it('the wall time kills the whole process group, children in the background included', async () => {
    const marker = `${314_159 + Math.floor(Math.random() * 1000)}`;
    const end = await runLimited(sh(`sleep ${marker} & sleep ${marker}`, { wallMs: 300 }));
    assert.equal(end.endedBy, 'wall');
    assert.deepEqual(await gone(`sleep\0${marker}`), []);
  });

  it('past the output budget the process is killed and no more than the budget is passed on', async () => {
    let bytes = 0;
    const end = await runLimited(sh('yes', { outputBytes: 1000, onOutput: (_stream, chunk) => (bytes += chunk.length) }));
    assert.equal(end.endedBy, 'output');
    assert.equal(bytes, 1000);
    assert.equal(end.outputBytes, 1000);
  });

  it('Stop (abort) kills the group; an already aborted signal starts nothing', async () => {
    const controller = new AbortController();
    const running = runLimited(sh('echo started; sleep 600', { signal: controller.signal, onOutput: () => controller.abort() }));
    assert.equal((await running).endedBy, 'stopped');
    const aborted = new AbortController();
    aborted.abort();
    assert.deepEqual(await runLimited(sh('echo never', { signal: aborted.signal })), { endedBy: 'stopped', outputBytes: 0, status: '' });
  });

  it('collects what the child writes to fd 3 with statusFd', async () => {
    const end = await runLimited(sh('echo status >&3', { statusFd: true }));
    assert.equal(end.status, 'status\n');
  });

  it('a program that does not exist is a spawn error, not a crash', async () => {
    const end = await runLimited({ ...BASE, file: '/nonexistent/program' });
    assert.equal(end.endedBy, 'spawn-error');
  });
});
