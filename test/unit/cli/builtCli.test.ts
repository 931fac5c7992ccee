import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { version } from '../../../package.json';

const CLI = resolve(__dirname, '../../../dist/cli.js');

/** Runs the bundle the way `npx airlock` would, with the Node running the tests. */
function runBuiltCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built CLI (dist/cli.js)', () => {
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (\`npm test\` builds before the unit tests).`);
  });

  it('starts with a node shebang and has the x bit, so `bin.airlock` is executable', () => {
    assert.match(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    assert.equal(statSync(CLI).mode & 0o111, 0o111);
  });

  it('`npx airlock` from a checkout runs from a plain shell and prints no npm warning', function () {
    this.timeout(60_000);
    // A user's shell: the machine's npm (maybe on an older Node), no npm_* variables, and no
    // node_modules/.bin on PATH, which `npm test` puts first for these tests.
    const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.endsWith('node_modules/.bin')).join(delimiter);
    const run = spawnSync('npx', ['--offline', 'airlock', '--version'], {
      cwd: resolve(__dirname, '../../..'),
      encoding: 'utf8',
      timeout: 50_000,
      env: { PATH: path, HOME: process.env.HOME },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
    assert.equal(run.stderr, '');
  });

  it('--version prints the package version and exits 0', () => {
    const run = runBuiltCli(['--version']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
  });

  it('an unknown command exits 2 with the usage on stderr', () => {
    const run = runBuiltCli(['frobnicate']);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /unknown command 'frobnicate'[\s\S]*Usage: airlock/);
  });
});
