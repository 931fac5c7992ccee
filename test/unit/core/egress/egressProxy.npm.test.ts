import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEgressProxy, type EgressProxy } from '../../../../src/core/egress/egressProxy';
import { runSandboxed } from '../../../../src/core/sandbox/sandboxRunner';
import { memoryAudit, testPolicy } from './egressTestKit';

// Real npm (the toolchain's, from PATH) installs a package from a real registry (verdaccio, a
// child process) through the egress proxy, directly and from inside the sandbox. NETWORK SAFETY: verdaccio has no uplinks and listens
// on 127.0.0.1; npm is told to use the proxy for every request (no NO_PROXY) and the proxy only
// reaches what its policy allows, here that loopback registry.

const PACKAGE = 'airlock-proxy-fixture';

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The parent's npm settings and proxy variables would override or bypass what the test sets.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_|^(?:https?|no|all)_proxy$/i.test(name)));
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One HTTP exchange with the registry, directly (setting it up is not what is under test). */
function registryCall(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function waitForRegistry(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    const up = await registryCall(port, 'GET', '/-/ping').then((answer) => answer.status === 200, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('verdaccio did not start');
}

describe('core/egress/egressProxy with real npm and a real registry (verdaccio on loopback)', function () {
  this.timeout(180_000);
  let dir = '';
  let registryPort: number;
  let verdaccio: ChildProcess | undefined;
  const proxies: EgressProxy[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-proxy-npm-'));
    registryPort = await freePort();
    writeFileSync(join(dir, 'config.yaml'), [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      // No uplinks: the registry never goes to the network itself.
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'));
    verdaccio = spawn(process.execPath, [require.resolve('verdaccio/bin/verdaccio'), '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${registryPort}`], { stdio: 'ignore' });
    await waitForRegistry(registryPort, verdaccio);
    const user = await registryCall(registryPort, 'PUT', '/-/user/org.couchdb.user:airlock', { name: 'airlock', password: 'fixture-password-1' });
    assert.equal(typeof user.json.token, 'string', JSON.stringify(user.json));
    const pkg = join(dir, 'fixture');
    mkdirSync(pkg);
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: PACKAGE, version: '1.0.0', main: 'index.js', license: 'MIT' }));
    writeFileSync(join(pkg, 'index.js'), 'module.exports = 42;\n');
    writeFileSync(join(dir, 'empty.npmrc'), '');
    writeFileSync(join(dir, 'publish.npmrc'), `//127.0.0.1:${registryPort}/:_authToken=${String(user.json.token)}\n`);
    const published = await run('npm', ['publish', '--registry', `http://127.0.0.1:${registryPort}/`, '--userconfig', join(dir, 'publish.npmrc'), '--cache', join(dir, 'publish-cache')], pkg);
    assert.equal(published.code, 0, published.output);
  });

  after(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    verdaccio?.kill();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  async function install(allow: readonly string[], name: string): Promise<{ result: Run; project: string; audit: ReturnType<typeof memoryAudit> }> {
    const audit = memoryAudit();
    const policy = testPolicy({ allow });
    const proxy = await startEgressProxy({ policy: () => policy, audit, loopbackPort: true });
    proxies.push(proxy);
    const project = join(dir, name);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
    const result = await run('npm', [
      'install', PACKAGE,
      '--registry', `http://127.0.0.1:${registryPort}/`,
      '--proxy', proxy.url as string,
      '--https-proxy', proxy.url as string,
      '--noproxy', '',
      '--userconfig', join(dir, 'empty.npmrc'),
      '--cache', join(project, '.npm-cache'),
      '--fetch-retries', '0',
      '--no-audit', '--no-fund', '--no-update-notifier',
    ], project);
    return { result, project, audit };
  }

  it('installs a package through the proxy when a rule allows the registry', async () => {
    const { result, project, audit } = await install([`127.0.0.1:${registryPort}`], 'allowed-project');
    assert.equal(result.code, 0, result.output);
    assert.ok(existsSync(join(project, 'node_modules', PACKAGE, 'index.js')));
    const allowed = audit.events.filter((event) => event.action === 'egress.allow').map((event) => event.target);
    assert.ok(allowed.includes(`GET http://127.0.0.1:${registryPort}/${PACKAGE}`), allowed.join('\n'));
    assert.ok(allowed.some((target) => target?.endsWith(`/${PACKAGE}-1.0.0.tgz`) === true), allowed.join('\n'));
    assert.equal(audit.events.filter((event) => event.action === 'egress.block').length, 0);
  });

  it('installs inside the sandbox, where the relay and HTTP(S)_PROXY are the only way to the registry', async () => {
    const audit = memoryAudit();
    const policy = testPolicy({ allow: [`127.0.0.1:${registryPort}`] });
    const socketDir = mkdtempSync(join(tmpdir(), 'airlock-proxy-npm-socket-'));
    const proxy = await startEgressProxy({ policy: () => policy, audit, socketPath: join(socketDir, 'proxy.sock') });
    proxies.push(proxy);
    const project = join(dir, 'sandboxed-project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'sandboxed-project', version: '1.0.0', private: true }));
    let output = '';
    const result = await runSandboxed({
      command: `npm install ${PACKAGE} --registry http://127.0.0.1:${registryPort}/ --cache /tmp/npm-cache --fetch-retries 0 --no-audit --no-fund --no-update-notifier`,
      workspace: project,
      readonlyGlobs: [],
      limits: { cpuSeconds: 120, wallSeconds: 120, memoryMb: 4096, outputBytes: 1024 * 1024 },
      parentEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      egressSocket: proxy.socketPath,
      bridgeNode: process.execPath,
      onOutput: (_stream, chunk) => (output += chunk.toString('utf8')),
    });
    rmSync(socketDir, { recursive: true, force: true });
    assert.equal(result.ran && result.exitCode, 0, `${result.reason}\n${output}`);
    assert.ok(existsSync(join(project, 'node_modules', PACKAGE, 'index.js')));
    const allowed = audit.events.filter((event) => event.action === 'egress.allow').map((event) => event.target);
    assert.ok(allowed.some((target) => target?.endsWith(`/${PACKAGE}-1.0.0.tgz`) === true), allowed.join('\n'));
  });

  it('fails with the proxy\'s reason in npm\'s output when the registry is one no rule can allow (a loopback address)', async () => {
    const { result, project, audit } = await install([], 'refused-project');
    assert.notEqual(result.code, 0);
    assert.ok(!existsSync(join(project, 'node_modules', PACKAGE)));
    assert.ok(result.output.includes(`Airlock refused GET http://127.0.0.1:${registryPort}/${PACKAGE}`), result.output);
    assert.ok(result.output.includes('may only reach public hosts'), result.output);
    assert.ok(!result.output.includes('To allow it'), 'no rule is suggested that the policy loader would refuse');
    assert.ok(audit.events.length > 0 && audit.events.every((event) => event.action === 'egress.block' && event.reason === 'loopback-address'));
  });
});
