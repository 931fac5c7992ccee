import { homedir } from 'node:os';
import type { CommandLimits } from '../policy/policySchema';
import { runLimited } from '../process/limitedProcess';
import { sandboxEnv } from './sandboxEnv';
import { killedBy, type SandboxResult } from './sandboxRunner';

export interface UnsandboxedRequest {
  readonly command: string;
  readonly cwd: string;
  readonly limits: CommandLimits;
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
}

/**
 * A command without a sandbox, for where none exists and the policy opts in
 * (`commands.unsandboxed`; every such command asks first). It can do anything the user can; what
 * is kept is what needs no sandbox: the minimal environment (no credentials from the editor's),
 * the wall time and output budget, and Stop, which kill its whole process group.
 */
export async function runUnsandboxed(request: UnsandboxedRequest): Promise<SandboxResult> {
  if (process.platform === 'win32') return { ran: false, reason: 'commands run only through /bin/sh, which Windows does not have' };
  const env = sandboxEnv(request.parentEnv, request.parentEnv.HOME ?? homedir());
  const end = await runLimited({
    file: '/bin/sh',
    args: ['-c', `cd -- "$1" && exec /bin/sh -c "$2"`, 'airlock-unsandboxed', request.cwd, request.command],
    env,
    wallMs: request.limits.wallSeconds * 1000,
    outputBytes: request.limits.outputBytes,
    signal: request.signal,
    onOutput: request.onOutput,
  });
  if (end.endedBy === 'exit') return { ran: true, endedBy: 'exit', exitCode: end.exitCode, reason: `exited with code ${end.exitCode}` };
  return end.endedBy === 'spawn-error' ? { ran: false, reason: `the command could not start: ${end.message}` } : killedBy(end.endedBy, request.limits);
}
