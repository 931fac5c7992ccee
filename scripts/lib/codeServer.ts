// Starts and stops code-server (VS Code 1.139 in the browser, extension host in Node 24) for
// `npm start`, the extension-host tests, the UI tests and the benchmarks. code-server is what
// installs offline here; see docs on real VS Code tests for why not @vscode/test-electron.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';

export interface CodeServerInstall {
  node: string;
  entry: string;
}

export interface InstallVsixOptions {
  vsix: string;
  extensionsDir: string;
  userDataDir: string;
}

export interface StartCodeServerOptions {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** 0 or absent: pick a free loopback port. */
  port?: number;
  /** Default true: passes --disable-workspace-trust. False opens the folder in Restricted Mode. */
  trustWorkspace?: boolean;
  /** Written to <userDataDir>/User/settings.json before start. */
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  extraArgs?: string[];
  logFile?: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT/?folder=... */
  url: string;
  port: number;
  origin: string;
  logPath: string;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;

/** Installs Node 24 and code-server into the cache once (idempotent) and returns their paths. */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const script = path.join(REPO_ROOT, 'scripts', 'lib', 'ensure-code-server.sh');
  // The script's progress goes to stderr, which we pass through: a first install takes minutes.
  const { code, stdout } = await runProcess('bash', [script], { timeoutMs: 15 * 60_000, stderr: 'inherit' });
  if (code !== 0) throw new Error(`ensure-code-server.sh exited with ${code}`);
  return parseInstallPaths(stdout);
}

export function parseInstallPaths(output: string): CodeServerInstall {
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^(NODE24|CODE_SERVER_ENTRY)=(.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) values.set(match[1], match[2]);
  }
  const node = values.get('NODE24');
  const entry = values.get('CODE_SERVER_ENTRY');
  if (!node || !entry) throw new Error(`ensure-code-server.sh printed no NODE24/CODE_SERVER_ENTRY lines:\n${output}`);
  return { node, entry };
}

/** Installs a VSIX offline. Always --force: the same version is reinstalled after every rebuild. */
export async function installVsix(opts: InstallVsixOptions): Promise<void> {
  const { node, entry } = await ensureCodeServer();
  mkdirSync(opts.extensionsDir, { recursive: true });
  mkdirSync(opts.userDataDir, { recursive: true });
  const args = [
    entry,
    '--extensions-dir', opts.extensionsDir,
    '--user-data-dir', opts.userDataDir,
    '--install-extension', opts.vsix,
    '--force',
  ];
  const { code, stdout, stderr } = await runProcess(node, args, { timeoutMs: INSTALL_TIMEOUT_MS, env: codeServerEnv() });
  const output = `${stdout}${stderr}`;
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`Installing ${opts.vsix} failed (exit ${code}):\n${output}`);
  }
}

/** Starts code-server bound to loopback and resolves once it answers HTTP. */
export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer> {
  const { node, entry } = await ensureCodeServer();
  const port = opts.port ? opts.port : await freeLoopbackPort();
  mkdirSync(opts.userDataDir, { recursive: true });
  mkdirSync(opts.extensionsDir, { recursive: true });
  if (opts.userSettings) writeUserSettings(opts.userDataDir, opts.userSettings);
  const logPath = opts.logFile ?? path.join(opts.userDataDir, 'code-server.log');
  mkdirSync(path.dirname(logPath), { recursive: true });
  const logFd = openSync(logPath, 'w');
  // detached: code-server gets its own process group, so stop() can end the extension host
  // and the other children with it.
  const child = spawn(node, [entry, ...codeServerArgs(opts, port)], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...codeServerEnv(), ...opts.env },
  });
  closeSync(logFd);
  const stop = groupStopper(child);
  const origin = `http://${HOST}:${port}`;
  try {
    await waitForHttp(origin, child, logPath);
  } catch (error) {
    await stop();
    throw error;
  }
  // Slashes stay readable (the URL is printed for people); everything else is encoded.
  const url = `${origin}/?folder=${encodeURIComponent(path.resolve(opts.workspace)).replaceAll('%2F', '/')}`;
  return { url, port, origin, logPath, stop };
}

export function codeServerArgs(opts: StartCodeServerOptions, port: number): string[] {
  return [
    '--auth', 'none',
    '--bind-addr', `${HOST}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.trustWorkspace === false ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', path.resolve(opts.userDataDir),
    '--extensions-dir', path.resolve(opts.extensionsDir),
    ...(opts.extraArgs ?? []),
    path.resolve(opts.workspace),
  ];
}

/** Asks the kernel for a free port on 127.0.0.1. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read the free port');
  return address.port;
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const userDir = path.join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(path.join(userDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The last lines of a log, for error messages. */
export function logTail(logPath: string, lines = 40): string {
  try {
    return readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${logPath})`;
  }
}

function codeServerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Inside a VS Code terminal this variable makes code-server act as a client of that editor
  // instead of starting its own server.
  delete env.VSCODE_IPC_HOOK_CLI;
  // An empty gallery turns the Marketplace (open-vsx.org) off: no outbound look-ups from tests,
  // benchmarks or the offline demo. Callers can pass their own EXTENSIONS_GALLERY in opts.env.
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

function groupStopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  // A crashing or exiting runner must not leave code-server behind.
  const onExit = (): void => killGroup('SIGKILL');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      killGroup('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), delay(STOP_GRACE_MS).then(() => true)]);
      // The extension host can outlive code-server's main process; always sweep the group.
      killGroup('SIGKILL');
      if (timedOut) await Promise.race([exited, delay(2_000)]);
    })();
    return stopping;
  };
}

async function waitForHttp(origin: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering:\n${logTail(logPath)}`);
    }
    if (await answersHttp(`${origin}/healthz`)) return;
    await delay(250);
  }
  throw new Error(`code-server did not answer on ${origin} within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(logPath)}`);
}

function answersHttp(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  stderr?: 'pipe' | 'inherit';
}

function runProcess(command: string, args: string[], options: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out after ${options.timeoutMs / 1000} s`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
