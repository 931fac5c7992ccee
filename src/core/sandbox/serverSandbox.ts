import { startPiped, type PipedProcess } from '../process/pipedProcess';
import { bwrapArgs, commandArgs, type SandboxLayout } from './bwrapArgs';
import { homedir } from 'node:os';
import { launchFolders } from './launchFolders';
import { findSandboxBackend } from './sandboxBackend';
import { realOrSame, sandboxLayout, type LayoutRequest } from './sandboxLayout';

/** A long-running server (an MCP stdio server) to start in the sandbox. */
export interface ServerSandboxRequest extends LayoutRequest {
  /** The program, looked up on the sandbox's PATH, and its arguments. */
  readonly argv: readonly string[];
  /** Bind the workspace read-write (control files and `files.readonly` paths stay read-only). */
  readonly writable: boolean;
  /** The server's own writable space (its home and /tmp together), in MB. */
  readonly storageMb: number;
  /** Data memory each of its processes may map, in MB. */
  readonly memoryMb: number;
  /**
   * Variables the policy names for this server, with the values the caller fetched (secret storage
   * or the environment). Passed even when their names look secret; the sandbox's own names win.
   */
  readonly serverEnv: Readonly<Record<string, string>>;
}

export type ServerSandboxResult = { readonly ok: true; readonly process: PipedProcess } | { readonly ok: false; readonly reason: string };

/**
 * Starts a server under bubblewrap with pipes to its standard streams. It sees what a sandboxed
 * command sees (bwrapArgs: no home folders, no denied files, no network but the egress proxy
 * when a socket is given) except that the workspace is read-only unless `writable`, and all it
 * may write besides is a tmpfs of `storageMb` holding its HOME and /tmp (prlimit caps a single
 * file at the same size). No CPU or wall-time limit: it lives until it is stopped. Where no
 * sandbox can be made it does not start, and the result says why.
 */
export async function startSandboxedServer(request: ServerSandboxRequest): Promise<ServerSandboxResult> {
  if (request.argv.length === 0) return { ok: false, reason: 'the server has no command to run' };
  const backend = await findSandboxBackend();
  if (!backend.ok) return { ok: false, reason: backend.reason };
  const made = sandboxLayout(request);
  if (!made.ok) return made;
  const storageBytes = request.storageMb * 1024 * 1024;
  const memoryBytes = request.memoryMb * 1024 * 1024;
  // The server's own files (a script under /tmp or a home folder) are bound read-only over what the sandbox hides.
  const launch = launchFolders(request.argv, made.layout.hiddenFolders, realOrSame(request.parentEnv.HOME ?? homedir()));
  const layout: SandboxLayout = { ...made.layout, toolFolders: [...made.layout.toolFolders, ...launch], env: { ...request.serverEnv, ...made.layout.env }, workspaceReadOnly: !request.writable, storageBytes };
  const limits = [`--data=${memoryBytes}:${memoryBytes}`, `--fsize=${storageBytes}:${storageBytes}`, '--core=0:0', '--'];
  const process = startPiped({ file: backend.backend.prlimit, args: [...limits, backend.backend.bwrap, ...bwrapArgs(layout), ...commandArgs(layout, execLine(request.argv))], env: {} });
  return { ok: true, process };
}

/** A shell line that replaces the shell with the program, every word quoted: nothing in them is expanded. */
export function execLine(argv: readonly string[]): string {
  return `exec ${argv.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ')}`;
}
