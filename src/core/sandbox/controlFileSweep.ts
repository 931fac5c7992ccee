import { lstatSync, rmdirSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_FILES } from '../guard/controlFiles';
import { compileGlobSet, type GlobSet } from '../guard/globSet';
import { walkWorkspace } from './workspaceWalk';

/** The control files in a workspace before a command ran, by identity (device and inode). */
export interface ControlSnapshot {
  readonly identities: ReadonlySet<string>;
}

export type SnapshotResult = { readonly ok: true; readonly snapshot: ControlSnapshot } | { readonly ok: false; readonly reason: string };

interface Found {
  readonly path: string;
  readonly stats: Stats;
}

/**
 * Existing control files are bound read-only in the sandbox, but one that does not exist yet
 * cannot be (a bind needs a file to cover), so a command can create `.vscode/tasks.json` with a
 * task that runs when the folder opens, outside any sandbox. The runner therefore notes every
 * control file before the command and, after it, removes those the command created. A control
 * file that only moved (same device and inode, a renamed folder) is the user's and stays; the
 * existing ones cannot have changed, being read-only inside.
 * Folders the policy keeps read-only or hidden (`skipGlobs`) are not walked: bound read-only or
 * covered by a tmpfs, they cannot gain files on disk (and node_modules would cost the most).
 */
export function snapshotControlFiles(workspace: string, skipGlobs: readonly string[]): SnapshotResult {
  const found = walkControlFiles(workspace, skipGlobs);
  if (!found.ok) return found;
  return { ok: true, snapshot: { identities: new Set(found.files.map((file) => identity(file.stats))) } };
}

/** Removes the control files a command created since `before`; answers the paths removed and the ones that could not be. */
export function sweepNewControlFiles(workspace: string, skipGlobs: readonly string[], before: ControlSnapshot): { readonly removed: string[]; readonly failed: string[] } {
  const found = walkControlFiles(workspace, skipGlobs);
  if (!found.ok) return { removed: [], failed: [found.reason] };
  // By identity, not path: a folder moved away and made again under its old name is new.
  const created = found.files.filter((file) => !before.identities.has(identity(file.stats)));
  const removed: string[] = [];
  const failed: string[] = [];
  // Deepest first, so a folder the command made is empty (of what it made) by the time it is reached.
  for (const file of created.sort((a, b) => b.path.length - a.path.length)) {
    try {
      if (file.stats.isDirectory()) rmdirSync(file.path);
      else unlinkSync(file.path);
      removed.push(file.path);
    } catch {
      // A folder still holding a moved original is kept, with the original in it.
      if (!file.stats.isDirectory()) failed.push(file.path);
    }
  }
  return { removed: removed.sort(), failed };
}

type WalkResult = { readonly ok: true; readonly files: readonly Found[] } | { readonly ok: false; readonly reason: string };

function walkControlFiles(workspace: string, skipGlobs: readonly string[]): WalkResult {
  const control = compileGlobSet(CONTROL_FILES.map((file) => file.glob), { nocase: false, coverContents: true });
  const skip: GlobSet = compileGlobSet(skipGlobs, { nocase: false, coverContents: true });
  const files: Found[] = [];
  const walked = walkWorkspace(workspace, 'check its control files', (relative) => {
    if (control.firstMatch(relative) !== undefined) files.push({ path: join(workspace, relative), stats: lstatSync(join(workspace, relative)) });
    return skip.firstMatch(relative) === undefined;
  });
  if (!walked.ok) return walked;
  return { ok: true, files };
}

function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}
