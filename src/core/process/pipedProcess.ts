import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface PipedProcessSpec {
  readonly file: string;
  readonly args: readonly string[];
  /** The whole environment: nothing of this process's own is inherited. */
  readonly env: Readonly<Record<string, string>>;
}

export type PipedExit =
  | { readonly endedBy: 'exit'; readonly exitCode: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly endedBy: 'spawn-error'; readonly message: string };

/** A running process spoken to over its standard streams (an MCP stdio server). */
export interface PipedProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles once the process and its streams are closed; never rejects. */
  readonly exited: Promise<PipedExit>;
  /** Kills the whole process group at once (SIGKILL); nothing it started outlives it. */
  kill(): void;
}

/**
 * Starts a long-running program in its own process group with pipes for stdin, stdout and
 * stderr. Unlike runLimited it bounds nothing itself: the caller reads the streams as a protocol
 * and decides when to stop it (kill()).
 */
export function startPiped(spec: PipedProcessSpec): PipedProcess {
  const child = spawn(spec.file, [...spec.args], { env: { ...spec.env }, stdio: 'pipe', detached: true });
  const exited = new Promise<PipedExit>((resolve) => {
    child.on('error', (error) => resolve({ endedBy: 'spawn-error', message: error.message }));
    child.on('close', (exitCode, signal) => resolve({ endedBy: 'exit', exitCode, signal }));
  });
  const { stdin, stdout, stderr } = child;
  // A write to a process that is gone fails with EPIPE; the close above reports it.
  stdin.on('error', () => undefined);
  return {
    stdin,
    stdout,
    stderr,
    exited,
    kill: () => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is already gone.
        }
      }
      child.kill('SIGKILL');
    },
  };
}
