import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_FILES } from '../guard/controlFiles';
import { compileGlobSet } from '../guard/globSet';

/** More entries than this and the walk stops: the runner refuses rather than leave some writable. */
export const MAX_WALKED_ENTRIES = 50_000;

// A name no real file has: a glob matching it matches every child of the folder, so the whole
// folder is bound read-only (one mount, and no need to walk node_modules).
const ANY_CHILD = '\u0001airlock-any-child';

export type ReadOnlyPathsResult = { readonly ok: true; readonly paths: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * The existing paths in a workspace that a sandboxed command must not write: control files
 * (src/core/guard/controlFiles.ts, `.git` and `.vscode` included) and the policy's
 * `files.readonly` globs. Symbolic links are not followed (their targets are either in the
 * workspace, and found here, or outside it, where everything is read-only). A path that does not
 * exist yet cannot be protected this way; docs/sandbox.md says so.
 */
export function findReadOnlyPaths(workspace: string, readonlyGlobs: readonly string[]): ReadOnlyPathsResult {
  const globs = compileGlobSet([...CONTROL_FILES.map((file) => file.glob), ...readonlyGlobs], { nocase: false, coverContents: true });
  const paths: string[] = [];
  const folders = [''];
  let walked = 0;
  for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
    let entries;
    try {
      entries = readdirSync(join(workspace, folder), { withFileTypes: true });
    } catch (error) {
      return { ok: false, reason: `cannot list ${join(workspace, folder)} to find the files it must keep read-only (${error instanceof Error ? error.message : String(error)})` };
    }
    for (const entry of entries) {
      if (++walked > MAX_WALKED_ENTRIES) return { ok: false, reason: `the workspace has more than ${MAX_WALKED_ENTRIES} files outside read-only folders; too many to find its control files` };
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isSymbolicLink()) continue;
      const isFolder = entry.isDirectory();
      if (globs.firstMatch(relative) !== undefined || (isFolder && globs.firstMatch(`${relative}/${ANY_CHILD}`) !== undefined)) paths.push(join(workspace, relative));
      else if (isFolder) folders.push(relative);
    }
  }
  return { ok: true, paths };
}
