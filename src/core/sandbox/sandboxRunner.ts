import type { CommandLimits } from '../policy/policySchema';
import { runLimited } from '../process/limitedProcess';
import { bwrapArgs, commandArgs, type SandboxLayout } from './bwrapArgs';
import { snapshotControlFiles, sweepNewControlFiles } from './controlFileSweep';
import { findSandboxBackend, type SandboxBackend } from './sandboxBackend';
import { sandboxLayout, type LayoutRequest } from './sandboxLayout';

export interface SandboxRequest extends LayoutRequest {
  /** A shell command line, run by /bin/sh -c inside the sandbox. */
  readonly command: string;
  readonly limits: CommandLimits;
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
