import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** More entries than this and a walk stops: the runner refuses rather than leave some unprotected. */
export const MAX_WALKED_ENTRIES = 50_000;

export type WalkOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Visits every entry of a workspace breadth-first, bounded at MAX_WALKED_ENTRIES, without
 * following links: `visit` gets the entry's workspace-relative path (forward slashes) and answers
 * whether to descend into it (only folders are). `purpose` finishes the sentence of an error.
 */
export function walkWorkspace(workspace: string, purpose: string, visit: (relative: string, entry: Dirent) => boolean): WalkOutcome {
  const folders = [''];
  let walked = 0;
  for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
    let entries;
    try {
      entries = readdirSync(join(workspace, folder), { withFileTypes: true });
    } catch (error) {
      return { ok: false, reason: `cannot list ${join(workspace, folder)} to ${purpose} (${error instanceof Error ? error.message : String(error)})` };
    }
    for (const entry of entries) {
      if (++walked > MAX_WALKED_ENTRIES) return { ok: false, reason: `the workspace has more than ${MAX_WALKED_ENTRIES} files outside read-only folders; too many to ${purpose}` };
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (visit(relative, entry) && entry.isDirectory()) folders.push(relative);
    }
  }
  return { ok: true };
}
