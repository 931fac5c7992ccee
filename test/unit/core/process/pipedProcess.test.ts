import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { startPiped } from '../../../../src/core/process/pipedProcess';

/** Whether a process still runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}

describe('core/process/pipedProcess: a long-running process spoken to over pipes', function () {
  this.timeout(20_000);

  it('writes to stdin, reads stdout, and reports the exit', async () => {
    const child = startPiped({ file: '/bin/cat', args: [], env: {} });
    child.stdin.write('hello\n');
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    assert.equal(chunk.toString('utf8'), 'hello\n');
    child.stdin.end();
    assert.deepEqual(await child.exited, { endedBy: 'exit', exitCode: 0, signal: null });
  });

  it('kill() ends the whole process group, not only the process it started', async () => {
    const child = startPiped({ file: '/bin/sh', args: ['-c', 'sleep 300 & echo $!; wait'], env: { PATH: '/usr/bin:/bin' } });
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const sleeper = Number(chunk.toString('utf8').trim());
    assert.ok(running(sleeper));
    child.kill();
    assert.deepEqual(await child.exited, { endedBy: 'exit', exitCode: null, signal: 'SIGKILL' });
    for (let tries = 0; tries < 100 && running(sleeper); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(running(sleeper), false);
  });

  it('a program that cannot start is reported, not thrown', async () => {
    const child = startPiped({ file: '/nonexistent/program', args: [], env: {} });
    const exit = await child.exited;
    assert.equal(exit.endedBy, 'spawn-error');
    assert.match(exit.endedBy === 'spawn-error' ? exit.message : '', /ENOENT/);
  });

  it('the environment is only what the spec gives', async () => {
    const child = startPiped({ file: '/usr/bin/env', args: [], env: { ONLY: 'this' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await child.exited;
    assert.equal(output, 'ONLY=this\n');
  });
});
