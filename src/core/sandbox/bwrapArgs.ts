import { BRIDGE_LAUNCHER, BRIDGE_NODE_INSIDE, BRIDGE_SCRIPT, proxyEnvironment } from '../egress/sandboxBridge';

/** Where the egress proxy's socket appears inside the sandbox (in its private /tmp). */
export const EGRESS_SOCKET_INSIDE = '/tmp/airlock-egress.sock';

/** HOME inside a sandbox with a storage cap: in its capped /tmp, so home and temporary files share the cap. */
export const CAPPED_HOME = '/tmp/home';

/** Everything that decides what a sandboxed command sees; all paths absolute and real. */
export interface SandboxLayout {
  /** Bound read-write, and the command's working folder. */
  readonly workspace: string;
  /** Paths in the workspace bound read-only over it (control files, `files.readonly`). */
  readonly readOnly: readonly string[];
  /** Folders replaced by an empty tmpfs: home folders and /run (agent and docker sockets). */
  readonly hiddenFolders: readonly string[];
  /** Credential files and folders that lie in the workspace (a workspace that is a home folder): hidden after it is bound. */
  readonly hiddenInWorkspace: readonly { readonly path: string; readonly folder: boolean }[];
  /** PATH folders under a hidden folder, bound back read-only so the tools on PATH still run. */
  readonly toolFolders: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The egress proxy's Unix socket on the host, bound in at EGRESS_SOCKET_INSIDE; without it, no network at all. */
  readonly egressSocket?: string;
  /** A Node binary bound in to run the relay from HTTP(S)_PROXY to the socket (sandboxBridge). */
  readonly bridgeNode?: string;
  /** The folder the command starts in: the workspace or a folder in it. */
  readonly cwd?: string;
  /** Bind the workspace read-only as a whole (an MCP server the policy does not let write). */
  readonly workspaceReadOnly?: boolean;
  /**
   * Cap the sandbox's own writable space (an MCP server's storageMb): /tmp becomes a tmpfs of this
   * many bytes holding HOME (CAPPED_HOME), and every other tmpfs (hidden folders, /dev) is made
   * read-only, so nothing written inside outgrows the cap.
   */
  readonly storageBytes?: number;
}

/**
 * bwrap's arguments for a layout, up to and including `--`. Order matters: later mounts cover
 * earlier ones. The whole file system read-only, a private /dev, /proc and /tmp, hidden folders
 * as empty tmpfs, then the workspace read-write with its read-only paths over it. Every
 * namespace is new (--unshare-all: no network but a private loopback, no host PIDs), the
 * command is in a new session (no terminal injection through TIOCSTI) and dies with its parent.
 */
export function bwrapArgs(layout: SandboxLayout): string[] {
  // --cap-drop ALL: bwrap started by root keeps every capability in the sandbox's user namespace,
  // enough to unmount the tmpfs that hides a home folder or a read-only bind over a control file.
  const capped = layout.storageBytes !== undefined;
  const tmp = capped ? ['--size', String(layout.storageBytes), '--tmpfs', '/tmp', '--dir', CAPPED_HOME] : ['--tmpfs', '/tmp'];
  const args = ['--unshare-all', '--cap-drop', 'ALL', '--die-with-parent', '--new-session', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', ...tmp];
  for (const folder of layout.hiddenFolders) args.push('--tmpfs', folder);
  for (const folder of layout.toolFolders) args.push('--ro-bind', folder, folder);
  args.push(layout.workspaceReadOnly === true ? '--ro-bind' : '--bind', layout.workspace, layout.workspace);
  for (const path of layout.readOnly) args.push('--ro-bind', path, path);
  for (const hidden of layout.hiddenInWorkspace) args.push(...(hidden.folder ? ['--tmpfs', hidden.path] : ['--ro-bind', '/dev/null', hidden.path]));
  if (layout.egressSocket !== undefined) args.push('--bind', layout.egressSocket, EGRESS_SOCKET_INSIDE);
  if (layout.egressSocket !== undefined && layout.bridgeNode !== undefined) args.push('--ro-bind', layout.bridgeNode, BRIDGE_NODE_INSIDE);
  // Not recursive: a workspace or tool folder bound inside a hidden folder keeps its own mode.
  if (capped) for (const folder of ['/dev', ...layout.hiddenFolders, ...layout.hiddenInWorkspace.filter((hidden) => hidden.folder).map((hidden) => hidden.path)]) args.push('--remount-ro', folder);
  args.push('--chdir', layout.cwd ?? layout.workspace, '--clearenv');
  for (const [name, value] of Object.entries(layout.env)) args.push('--setenv', name, value);
  if (capped) args.push('--setenv', 'HOME', CAPPED_HOME);
  if (layout.egressSocket !== undefined) args.push('--setenv', 'AIRLOCK_EGRESS_SOCKET', EGRESS_SOCKET_INSIDE);
  if (relayed(layout)) {
    args.push('--setenv', 'AIRLOCK_BRIDGE', BRIDGE_SCRIPT);
    for (const [name, value] of Object.entries(proxyEnvironment())) args.push('--setenv', name, value);
  }
  args.push('--');
  return args;
}

/** What bwrap runs after `--`: the command line, or, with the proxy relay, the launcher that starts it first. */
export function commandArgs(layout: SandboxLayout, command: string): string[] {
  return relayed(layout) ? ['/bin/sh', '-c', BRIDGE_LAUNCHER, 'airlock-sandbox', command] : ['/bin/sh', '-c', command];
}

function relayed(layout: SandboxLayout): boolean {
  return layout.egressSocket !== undefined && layout.bridgeNode !== undefined;
}
