import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_FILES } from '../guard/controlFiles';
import { compileGlobSet } from '../guard/globSet';
import { walkWorkspace } from './workspaceWalk';


// A name no real file has: a glob matching it matches every child of the folder, so the whole
// folder is bound read-only (one mount, and no need to walk node_modules).
const ANY_CHILD = '\u0001airlock-any-child';

/** A path a command must not see: a file covered by /dev/null, a folder by an empty tmpfs. */
export interface HiddenPath {
  readonly path: string;
  readonly folder: boolean;
}

export type ReadOnlyPathsResult = { readonly ok: true; readonly paths: readonly string[]; readonly hidden: readonly HiddenPath[] } | { readonly ok: false; readonly reason: string };

/**
 * The existing paths in a workspace that a sandboxed command must not write: control files
 * (src/core/guard/controlFiles.ts, `.git` and `.vscode` included) and the policy's
 * `files.readonly` globs; and those it must not see at all: the policy's `files.deny` globs, so a
 * command cannot read what the file tools may not (`cat .env`). A denied folder is hidden whole;
 * a read-only folder is bound whole and not walked, so a denied file inside one (node_modules)
 * is not found. Symbolic links are not followed (their targets are either in the workspace, and
 * found here, or outside it, where everything is read-only). A path that does not exist yet
 * cannot be protected this way; docs/sandbox.md says so.
 */
export function findReadOnlyPaths(workspace: string, readonlyGlobs: readonly string[], deniedGlobs: readonly string[] = []): ReadOnlyPathsResult {
  const globs = compileGlobSet([...CONTROL_FILES.map((file) => file.glob), ...readonlyGlobs], { nocase: false, coverContents: true });
  const denied = compileGlobSet(deniedGlobs, { nocase: false, coverContents: true });
  const paths: string[] = [];
  const hidden: HiddenPath[] = [];
  const walked = walkWorkspace(workspace, 'find the files it must keep read-only', (relative, entry) => {
    if (denied.firstMatch(relative) !== undefined) {
      const path = join(workspace, relative);
      const target = entry.isSymbolicLink() ? linkTarget(path) : { path, folder: entry.isDirectory() };
      if (target) hidden.push(target);
      return false;
    }
    if (entry.isSymbolicLink()) return false;
    const readOnly = globs.firstMatch(relative) !== undefined || (entry.isDirectory() && globs.firstMatch(`${relative}/${ANY_CHILD}`) !== undefined);
    if (readOnly) paths.push(join(workspace, relative));
    return !readOnly;
  });
  if (!walked.ok) return walked;
  return { ok: true, paths, hidden };
}

/**
 * A denied name that is a link is hidden by covering what it leads to (bwrap cannot mount over
 * a link itself), in the sandbox only; a dangling link leads to nothing to read.
 */
function linkTarget(link: string): HiddenPath | undefined {
  try {
    const path = realpathSync(link);
    return { path, folder: statSync(path).isDirectory() };
  } catch {
    return undefined;
  }
}
