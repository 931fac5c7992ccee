import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface LimitedProcessSpec {
  readonly file: string;
  readonly args: readonly string[];
  /** The whole environment: nothing of this process's own is inherited. */
  readonly env: Readonly<Record<string, string>>;
  readonly wallMs: number;
  /** stdout and stderr together; past this the process is killed. */
  readonly outputBytes: number;
  readonly signal?: AbortSignal;
  readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Open a pipe as the child's fd 3 and collect what it writes (bwrap's --json-status-fd 3). */
  readonly statusFd?: boolean;
}

interface Ended {
  readonly outputBytes: number;
  /** What the child wrote to fd 3, with statusFd (bounded). */
  readonly status: string;
}

export type ProcessEnd =
  | (Ended & { readonly endedBy: 'exit'; readonly exitCode: number })
  | (Ended & { readonly endedBy: 'wall' | 'output' | 'stopped' })
  | (Ended & { readonly endedBy: 'spawn-error'; readonly message: string });

const MAX_STATUS_CHARS = 64 * 1024;

/**
 * Runs a program in its own process group and kills the whole group when the wall time or the
 * output budget runs out or the signal aborts. Output past the budget is not passed on. A
 * killed process reports why it ended, not its exit code; a process killed by a signal it did
 * not get from here reports 128 + the signal number, as a shell does.
 */
export function runLimited(spec: LimitedProcessSpec): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    if (spec.signal?.aborted === true) {
      resolve({ endedBy: 'stopped', outputBytes: 0, status: '' });
      return;
    }
    const child = spawn(spec.file, [...spec.args], { env: { ...spec.env }, stdio: ['ignore', 'pipe', 'pipe', spec.statusFd === true ? 'pipe' : 'ignore'], detached: true });
    let outputBytes = 0;
    let status = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      if (status.length < MAX_STATUS_CHARS) status += chunk.toString('utf8');
    });
    let killedFor: 'wall' | 'output' | 'stopped' | undefined;
    const kill = (reason: 'wall' | 'output' | 'stopped'): void => {
      killedFor ??= reason;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is already gone.
        }
      }
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('wall'), spec.wallMs);
    const onAbort = (): void => kill('stopped');
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const relay = (stream: 'stdout' | 'stderr') => (chunk: Buffer): void => {
      if (killedFor !== undefined) return;
      const room = spec.outputBytes - outputBytes;
      outputBytes += chunk.length;
      spec.onOutput?.(stream, room >= chunk.length ? chunk : chunk.subarray(0, Math.max(0, room)));
      if (outputBytes > spec.outputBytes) kill('output');
    };
    child.stdout?.on('data', relay('stdout'));
    child.stderr?.on('data', relay('stderr'));
    const finish = (end: ProcessEnd): void => {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      resolve(end);
    };
    child.on('error', (error) => finish({ endedBy: 'spawn-error', message: error.message, outputBytes, status }));
    child.on('close', (code, signal) => {
      if (killedFor !== undefined) finish({ endedBy: killedFor, outputBytes: Math.min(outputBytes, spec.outputBytes), status });
      else finish({ endedBy: 'exit', exitCode: code ?? 128 + (signal === null ? 0 : constants.signals[signal]), outputBytes, status });
    });
  });
}
