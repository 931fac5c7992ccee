import { existsSync } from 'node:fs';
import { runLimited } from '../process/limitedProcess';

/** The programs the sandbox runs with; fixed paths, never looked up on PATH, so a repository cannot put its own first. */
export interface SandboxBackend {
  readonly bwrap: string;
  readonly prlimit: string;
}

export type SandboxBackendResult = { readonly ok: true; readonly backend: SandboxBackend; readonly version: string } | { readonly ok: false; readonly reason: string };

const BWRAP_PATHS = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'];
const PRLIMIT_PATHS = ['/usr/bin/prlimit', '/bin/prlimit'];
const PROBE_MS = 10_000;

/**
 * Whether commands can run sandboxed here, and if not, why: the sentence shown where a command
 * would have run. bubblewrap must be installed and able to create every namespace the runner
 * asks for (a kernel or AppArmor rule can forbid unprivileged user namespaces), which only
 * running it tells.
 */
export async function findSandboxBackend(platform: NodeJS.Platform = process.platform): Promise<SandboxBackendResult> {
  // A working sandbox stays working while the process lives: probe once, not before every command.
  // A failure is not kept, so installing bubblewrap helps without a restart.
  if (platform === 'linux' && working !== undefined) return working;
  const result = await probeBackend(platform);
  if (result.ok && platform === 'linux') working = result;
  return result;
}

let working: SandboxBackendResult | undefined;

async function probeBackend(platform: NodeJS.Platform): Promise<SandboxBackendResult> {
  if (platform !== 'linux') return { ok: false, reason: `no sandbox on ${platform}: commands run sandboxed only on Linux, under bubblewrap` };
  const bwrap = BWRAP_PATHS.find((path) => existsSync(path));
  if (bwrap === undefined) return { ok: false, reason: 'bubblewrap is not installed (Debian and Ubuntu: sudo apt-get install bubblewrap)' };
  const prlimit = PRLIMIT_PATHS.find((path) => existsSync(path));
  if (prlimit === undefined) return { ok: false, reason: 'prlimit (util-linux), which sets the CPU and memory limits, is not installed' };
  let output = '';
  const collect = (_stream: 'stdout' | 'stderr', chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  const version = await runLimited({ file: bwrap, args: ['--version'], env: {}, wallMs: PROBE_MS, outputBytes: 4096, onOutput: collect });
  const versionText = output.trim();
  output = '';
  const probe = await runLimited({ file: bwrap, args: ['--unshare-all', '--cap-drop', 'ALL', '--die-with-parent', '--new-session', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--', '/bin/true'], env: {}, wallMs: PROBE_MS, outputBytes: 4096, onOutput: collect });
  if (version.endedBy !== 'exit' || probe.endedBy !== 'exit' || probe.exitCode !== 0) {
    const detail = output.trim() || (probe.endedBy === 'spawn-error' ? probe.message : `it ended with ${probe.endedBy === 'exit' ? `code ${probe.exitCode}` : probe.endedBy}`);
    return { ok: false, reason: `bubblewrap (${bwrap}) cannot create the sandbox's namespaces here: ${detail}. Unprivileged user namespaces may be off (sysctl kernel.unprivileged_userns_clone, or AppArmor's kernel.apparmor_restrict_unprivileged_userns on Ubuntu), or this is a container without them` };
  }
  return { ok: true, backend: { bwrap, prlimit }, version: versionText };
}
