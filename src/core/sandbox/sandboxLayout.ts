import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import type { SandboxLayout } from './bwrapArgs';
import { findReadOnlyPaths } from './readOnlyPaths';
import { sandboxEnv } from './sandboxEnv';

/** Home-folder credential stores, hidden even when the workspace is the home folder itself. */
export const HOME_SECRETS = ['.ssh', '.aws', '.config', '.gnupg', '.docker', '.npmrc', '.netrc', '.kube', '.pypirc', '.git-credentials', '.azure', '.password-store', '.local/share/keyrings'];

/** What a sandbox's layout is made from (a command's or an MCP server's). */
export interface LayoutRequest {
  readonly workspace: string;
  /** The policy's `files.readonly` globs. */
  readonly readonlyGlobs: readonly string[];
  /** The policy's `files.deny` globs: matching paths in the workspace are hidden. */
  readonly deniedGlobs?: readonly string[];
  /** The environment the sandbox's few variables are taken from (process.env). */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  /** Variables to add; names that look secret are dropped. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** The egress proxy's Unix socket, bound in; without it, no network at all. */
  readonly egressSocket?: string;
  /** A Node binary to run the relay that lets HTTP(S)_PROXY reach the socket (process.execPath). */
  readonly bridgeNode?: string;
  /** The folder to start in (real path, in the workspace); default the workspace. */
  readonly cwd?: string;
}

export type LayoutResult = { readonly ok: true; readonly layout: SandboxLayout } | { readonly ok: false; readonly reason: string };

/**
 * The layout for a request: the real workspace (never `/`), its read-only and hidden paths, the
 * home folders hidden (their credential stores too when the workspace is a home folder), PATH
 * without workspace folders, and the minimal environment.
 */
export function sandboxLayout(request: LayoutRequest): LayoutResult {
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

export function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
