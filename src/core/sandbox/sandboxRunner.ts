import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import type { CommandLimits } from '../policy/policySchema';
import { runLimited } from '../process/limitedProcess';
import { bwrapArgs, commandArgs, type SandboxLayout } from './bwrapArgs';
import { snapshotControlFiles, sweepNewControlFiles } from './controlFileSweep';
import { findSandboxBackend, type SandboxBackend } from './sandboxBackend';
import { sandboxEnv } from './sandboxEnv';
import { findReadOnlyPaths } from './readOnlyPaths';

export interface SandboxRequest {
  /** A shell command line, run by /bin/sh -c inside the sandbox. */
  readonly command: string;
  readonly workspace: string;
  /** The policy's `files.readonly` globs. */
  readonly readonlyGlobs: readonly string[];
  readonly limits: CommandLimits;
  /** The environment the sandbox's few variables are taken from (process.env). */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  /** The egress proxy's Unix socket, bound in; without it the command has no network at all. */
  readonly egressSocket?: string;
  /** A Node binary to run the relay that lets HTTP(S)_PROXY reach the socket (process.execPath). */
  readonly bridgeNode?: string;
  /** The policy's `files.deny` globs: matching paths in the workspace are hidden from the command. */
  readonly deniedGlobs?: readonly string[];
  /** The folder to start in (real path, in the workspace); default the workspace. */
  readonly cwd?: string;
  /** Variables to add (settings for tools inside, such as npm's); names that look secret are dropped. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Stop: aborting kills the command's whole process tree. */
  readonly signal?: AbortSignal;
  readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
}

export type SandboxEnd = 'exit' | 'cpu' | 'memory' | 'file-size' | 'wall' | 'output' | 'stopped';

export type SandboxResult =
  /** The command ran in the sandbox; `reason` says how it ended, naming the limit that ended it. */
  | { readonly ran: true; readonly endedBy: SandboxEnd; readonly exitCode: number | undefined; readonly reason: string; readonly sweep?: ControlSweep }
  /** No sandbox could be made: the command did not run at all. */
  | { readonly ran: false; readonly reason: string };

/** Largest file a command may write: a runaway writer fills no disk. */
export const FILE_SIZE_LIMIT_BYTES = 1024 * 1024 * 1024;

/** Home-folder credential stores, hidden even when the workspace is the home folder itself. */
export const HOME_SECRETS = ['.ssh', '.aws', '.config', '.gnupg', '.docker', '.npmrc', '.netrc', '.kube', '.pypirc', '.git-credentials', '.azure', '.password-store', '.local/share/keyrings'];

const MEMORY_FAILURE = /MemoryError|Cannot allocate memory|out of memory|bad_alloc|heap out of memory|memory exhausted/i;
const SIGXCPU_EXIT = 128 + 24;
const SIGXFSZ_EXIT = 128 + 25;

/**
 * Runs a command line under bubblewrap (see bwrapArgs for what it sees) with prlimit's CPU,
 * data-memory and file-size limits on every process, and the wall time and output budget kept
 * here. There is no fallback: where no sandbox can be made the command does not run, and the
 * result says why.
 */
export async function runSandboxed(request: SandboxRequest): Promise<SandboxResult> {
  const backend = await findSandboxBackend();
  if (!backend.ok) return { ran: false, reason: backend.reason };
  const layout = sandboxLayout(request);
  if (!layout.ok) return { ran: false, reason: layout.reason };
  const unwritable = [...request.readonlyGlobs, ...(request.deniedGlobs ?? [])];
  const before = snapshotControlFiles(layout.layout.workspace, unwritable);
  if (!before.ok) return { ran: false, reason: before.reason };
  const result = await runInSandbox(request, backend.backend, layout.layout);
  if (!result.ran) return result;
  const sweep = sweepNewControlFiles(layout.layout.workspace, unwritable, before.snapshot);
  return sweep.removed.length > 0 || sweep.failed.length > 0 ? { ...result, sweep } : result;
}

/** Control files a command created (and were removed), and what could not be removed or checked. */
export interface ControlSweep {
  readonly removed: readonly string[];
  readonly failed: readonly string[];
}

async function runInSandbox(request: SandboxRequest, backend: SandboxBackend, layout: SandboxLayout): Promise<SandboxResult> {
  const { limits } = request;
  const memoryBytes = limits.memoryMb * 1024 * 1024;
  const prlimitArgs = [`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, `--data=${memoryBytes}:${memoryBytes}`, `--fsize=${FILE_SIZE_LIMIT_BYTES}:${FILE_SIZE_LIMIT_BYTES}`, '--core=0:0', '--'];
  let stderrTail = '';
  const end = await runLimited({
    file: backend.prlimit,
    args: [...prlimitArgs, backend.bwrap, '--json-status-fd', '3', ...bwrapArgs(layout), ...commandArgs(layout, request.command)],
    env: {},
    statusFd: true,
    wallMs: limits.wallSeconds * 1000,
    outputBytes: limits.outputBytes,
    signal: request.signal,
    onOutput: (stream, chunk) => {
      if (stream === 'stderr') stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
      request.onOutput?.(stream, chunk);
    },
  });
  if (end.endedBy === 'exit') return exitResult(end.exitCode, end.status, stderrTail, limits);
  return end.endedBy === 'spawn-error' ? { ran: false, reason: `the sandbox could not start: ${end.message}` } : killedBy(end.endedBy, limits);
}

/** A command killed here: by the wall time, the output budget, or Stop. */
export function killedBy(endedBy: 'wall' | 'output' | 'stopped', limits: CommandLimits): SandboxResult {
  switch (endedBy) {
    case 'wall':
      return { ran: true, endedBy, exitCode: undefined, reason: `killed, with every process it started, after the wall-time limit of ${limits.wallSeconds} s (commands.limits.wallSeconds)` };
    case 'output':
      return { ran: true, endedBy, exitCode: undefined, reason: `killed, with every process it started, after ${limits.outputBytes} bytes of output (commands.limits.outputBytes)` };
    case 'stopped':
      return { ran: true, endedBy, exitCode: undefined, reason: 'stopped: killed with every process it started' };
  }
}

function exitResult(exitCode: number, status: string, stderrTail: string, limits: CommandLimits): SandboxResult {
  // bwrap writes the command's exit code to its status fd only once the sandbox was set up.
  const code = /"exit-code":\s*(\d+)/.exec(status)?.[1];
  if (code === undefined) return { ran: false, reason: `the sandbox could not be set up (bubblewrap exited with code ${exitCode}): ${stderrTail.trim() || 'no message'}` };
  const commandCode = Number(code);
  if (commandCode === SIGXCPU_EXIT) return { ran: true, endedBy: 'cpu', exitCode: commandCode, reason: `killed by the CPU-time limit of ${limits.cpuSeconds} s per process (commands.limits.cpuSeconds)` };
  if (commandCode === SIGXFSZ_EXIT) return { ran: true, endedBy: 'file-size', exitCode: commandCode, reason: `killed for writing a file larger than ${FILE_SIZE_LIMIT_BYTES / 1024 / 1024} MB` };
  if (commandCode !== 0 && MEMORY_FAILURE.test(stderrTail)) return { ran: true, endedBy: 'memory', exitCode: commandCode, reason: `exited with code ${commandCode} after running out of memory under the limit of ${limits.memoryMb} MB per process (commands.limits.memoryMb)` };
  return { ran: true, endedBy: 'exit', exitCode: commandCode, reason: `exited with code ${commandCode}` };
}

type LayoutResult = { readonly ok: true; readonly layout: SandboxLayout } | { readonly ok: false; readonly reason: string };

function sandboxLayout(request: SandboxRequest): LayoutResult {
  let workspace: string;
  try {
    workspace = realpathSync(request.workspace);
    if (!statSync(workspace).isDirectory()) return { ok: false, reason: `the workspace ${request.workspace} is not a folder` };
  } catch (error) {
    return { ok: false, reason: `the workspace ${request.workspace} cannot be opened (${error instanceof Error ? error.message : String(error)})` };
  }
  if (workspace === '/') return { ok: false, reason: 'the workspace is the root folder: a sandbox that may write everywhere is none' };
  const readOnly = findReadOnlyPaths(workspace, request.readonlyGlobs, request.deniedGlobs ?? []);
  if (!readOnly.ok) return readOnly;
  const cwd = request.cwd ?? workspace;
  if (!inside(cwd, workspace)) return { ok: false, reason: `the folder ${cwd} is not in the workspace ${workspace}` };
  const home = realOrSame(request.parentEnv.HOME ?? homedir());
  const hiddenFolders = [...new Set(['/home', '/root', '/run', home])].filter((folder) => isFolder(folder) && !inside(folder, '/tmp'));
  const parentEnv = { ...request.parentEnv, PATH: outsideWorkspace(request.parentEnv.PATH, workspace) };
  const env = sandboxEnv(parentEnv, home, request.extraEnv ?? {});
  const toolFolders = (env.PATH ?? '').split(':').filter((folder) => hiddenFolders.some((hidden) => inside(folder, hidden)) && !inside(workspace, folder) && isFolder(folder));
  const credentials = HOME_SECRETS.map((name) => join(home, name)).filter((path) => inside(path, workspace) && existsSync(path)).map((path) => ({ path, folder: lstatSync(path).isDirectory() }));
  const hiddenInWorkspace = [...credentials, ...readOnly.hidden];
  return { ok: true, layout: { workspace, cwd, readOnly: readOnly.paths, hiddenFolders, hiddenInWorkspace, toolFolders, env, egressSocket: request.egressSocket, bridgeNode: request.bridgeNode } };
}

/**
 * PATH without folders in the workspace: the command may write there, so it could put its own
 * `npm` first and run it under an allow rule written for the real one.
 */
function outsideWorkspace(path: string | undefined, workspace: string): string | undefined {
  if (path === undefined) return undefined;
  return path.split(':').filter((folder) => folder.startsWith('/') && !inside(realOrSame(folder), workspace)).join(':');
}

/** Whether `path` is `folder` or below it. */
function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
