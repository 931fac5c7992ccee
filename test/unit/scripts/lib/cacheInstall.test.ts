import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The cache installer (scripts/lib/cache-install.sh) must not let the calling npm's configuration
// reach the npm it starts: an outer `npm test` on Node 20 once made code-server's postinstall
// refuse to install although Node 24 was first on PATH. These tests install a local stand-in
// package, whose install script records the environment it saw, under a hostile parent env.

const LIBRARY = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'scripts', 'lib', 'cache-install.sh');

/** What the calling npm exports into every script it runs, pointed somewhere harmful. */
const HOSTILE_PARENT_ENV: Record<string, string> = {
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_prefix: '/nonexistent/bogus-prefix',
  npm_config_ignore_scripts: 'true',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_nodedir: '/usr',
  npm_package_name: 'airlock',
  npm_lifecycle_event: 'test',
  npm_lifecycle_script: 'bash scripts/test-all.sh',
  INIT_CWD: '/nonexistent/init-cwd',
};

interface Sandbox {
  root: string;
  nodeHome: string;
  recordPath: string;
}

function makeSandbox(): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), 'airlock-cache-install-'));
  // A Node home whose bin/node is the Node running these tests, as NODE24_HOME is for code-server.
  const nodeHome = path.join(root, 'node-home');
  mkdirSync(path.join(nodeHome, 'bin'), { recursive: true });
  symlinkSync(process.execPath, path.join(nodeHome, 'bin', 'node'));
  return { root, nodeHome, recordPath: path.join(root, 'seen-env.json') };
}

/** A package tarball whose install script records its environment, or fails when told to. */
function packStandIn(sandbox: Sandbox, opts: { fail: boolean }): string {
  const pkgDir = path.join(sandbox.root, 'standin', 'package');
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(
    path.join(pkgDir, 'package.json'),
    JSON.stringify({ name: 'airlock-standin', version: '1.0.0', scripts: { install: 'node record.js' } }),
  );
  const record = opts.fail
    ? 'console.error("stand-in install script failed on purpose"); process.exit(1);'
    : `require('fs').writeFileSync(${JSON.stringify(sandbox.recordPath)}, JSON.stringify({ env: process.env, version: process.version }));`;
  writeFileSync(path.join(pkgDir, 'record.js'), record);
  const tarball = path.join(sandbox.root, 'airlock-standin-1.0.0.tgz');
  const tar = spawnSync('tar', ['-czf', tarball, '-C', path.dirname(pkgDir), 'package']);
  assert.equal(tar.status, 0, tar.stderr.toString());
  return tarball;
}

/** Runs `cache_step NAME DIR install` from the library, under the hostile parent environment. */
function runCacheStep(sandbox: Sandbox, tarball: string, dir: string) {
  const script = [
    'set -euo pipefail',
    `source ${JSON.stringify(LIBRARY)}`,
    `install() { cache_npm_install ${JSON.stringify(sandbox.nodeHome)} ${JSON.stringify(tarball)}; }`,
    `cache_step "stand-in package" ${JSON.stringify(dir)} install`,
  ].join('\n');
  return spawnSync('bash', ['-c', script], {
    env: { ...process.env, ...HOSTILE_PARENT_ENV },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('scripts/lib/cache-install.sh', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;

  beforeEach(() => {
    sandbox = makeSandbox();
  });
  afterEach(() => {
    rmSync(sandbox.root, { recursive: true, force: true });
  });

  it('runs the install script even though the parent says npm_config_ignore_scripts=true', () => {
    const result = runCacheStep(sandbox, packStandIn(sandbox, { fail: false }), path.join(sandbox.root, 'cache', 'standin'));
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(sandbox.recordPath), 'the stand-in install script never ran');
  });

  describe('the child npm sees none of the calling npm configuration', () => {
    let seen: { env: Record<string, string | undefined>; version: string };
    let installed: Sandbox;
    before(() => {
      installed = makeSandbox();
      const result = runCacheStep(installed, packStandIn(installed, { fail: false }), path.join(installed.root, 'cache', 'standin'));
      assert.equal(result.status, 0, result.stderr);
      seen = JSON.parse(readFileSync(installed.recordPath, 'utf8')) as typeof seen;
    });
    after(() => {
      rmSync(installed.root, { recursive: true, force: true });
    });

    const rows: { attack: string; check: (env: Record<string, string | undefined>, version: string) => void }[] = [
      {
        attack: 'user agent naming Node 20 (what code-server postinstall reads)',
        check: (env, version) => {
          assert.ok(env.npm_config_user_agent?.includes(`node/${version}`), env.npm_config_user_agent);
          assert.ok(!env.npm_config_user_agent?.includes('node/v20.20.2'));
        },
      },
      { attack: 'bogus install prefix', check: (env) => assert.notEqual(env.npm_config_prefix, HOSTILE_PARENT_ENV.npm_config_prefix) },
      { attack: 'registry pointed at a dead port', check: (env) => assert.notEqual(env.npm_config_registry, HOSTILE_PARENT_ENV.npm_config_registry) },
      {
        attack: 'node-gyp pointed at the machine headers',
        check: (env) => assert.equal(env.npm_config_nodedir, installed.nodeHome),
      },
      { attack: 'outer package name leaking in', check: (env) => assert.notEqual(env.npm_package_name, 'airlock') },
      { attack: 'outer lifecycle script leaking in', check: (env) => assert.notEqual(env.npm_lifecycle_script, HOSTILE_PARENT_ENV.npm_lifecycle_script) },
      { attack: 'outer INIT_CWD leaking in', check: (env) => assert.notEqual(env.INIT_CWD, HOSTILE_PARENT_ENV.INIT_CWD) },
      {
        attack: 'Node of the chosen home not first on PATH',
        check: (env) => assert.equal(env.PATH?.split(':').find((p) => !p.includes('node-gyp-bin') && !p.includes('node_modules')), path.join(installed.nodeHome, 'bin')),
      },
    ];
    for (const row of rows) {
      it(`holds against: ${row.attack}`, () => row.check(seen.env, seen.version));
    }
  });

  it('a failed step names itself and its log, and leaves no .complete marker', () => {
    const dir = path.join(sandbox.root, 'cache', 'standin');
    const failed = runCacheStep(sandbox, packStandIn(sandbox, { fail: true }), dir);
    assert.notEqual(failed.status, 0);
    assert.match(failed.stderr, /FAILED: stand-in package/);
    assert.ok(failed.stderr.includes(`${dir}.log`), failed.stderr);
    assert.match(readFileSync(`${dir}.log`, 'utf8'), /failed on purpose/);
    assert.equal(existsSync(path.join(dir, '.complete')), false);
  });

  it('a step that failed once starts again from nothing and then completes', () => {
    const dir = path.join(sandbox.root, 'cache', 'standin');
    assert.notEqual(runCacheStep(sandbox, packStandIn(sandbox, { fail: true }), dir).status, 0);
    rmSync(path.join(sandbox.root, 'standin'), { recursive: true });
    const retried = runCacheStep(sandbox, packStandIn(sandbox, { fail: false }), dir);
    assert.equal(retried.status, 0, retried.stderr);
    assert.ok(existsSync(path.join(dir, '.complete')));
  });
});
