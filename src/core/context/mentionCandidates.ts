import path from 'node:path';
import { displayPath, type WorkspaceRoots } from '../agent/tools/workspaceRoots';
import { NOT_DESCENDED } from '../files/generatedFolders';
import type { FileGuard } from '../guard/fileGuard';
import { readGuardedDirectory } from '../guard/guardedOpen';

/** One entry the `@` completion offers: a path as the user sees it, and the absolute path to attach. */
export interface MentionCandidate {
  readonly kind: 'file' | 'folder';
  readonly label: string;
  readonly path: string;
}

// Bounds one completion's walk, so a huge tree cannot stall the panel.
const MAX_VISITED = 5_000;
export const MAX_CANDIDATES = 30;

/**
 * Files and folders of the workspace whose path contains `query`, only those the file guard
 * allows (files as reads, folders as listings): the completion never shows a name the agent
 * could not read. Breadth-first, so shallow paths come first; generated folders are not entered.
 */
export async function findMentionCandidates(guard: FileGuard, roots: WorkspaceRoots, query: string): Promise<MentionCandidate[]> {
  const needle = query.toLowerCase();
  const found: MentionCandidate[] = [];
  const queue: string[] = [...roots()];
  let visited = 0;
  while (queue.length > 0 && found.length < MAX_CANDIDATES && visited < MAX_VISITED) {
    const folder = queue.shift() ?? '';
    const listed = await readGuardedDirectory(guard, folder);
    if (!listed.ok) continue;
    const real = listed.value.decision.path ?? folder;
    for (const entry of [...listed.value.entries].sort((a, b) => a.name.localeCompare(b.name))) {
      visited++;
      const isFolder = entry.isDirectory();
      if (!isFolder && !entry.isFile()) continue;
      const child = path.join(real, entry.name);
      const decision = await guard.decide(child, isFolder ? 'list' : 'read');
      if (decision.decision === 'deny') continue;
      if (isFolder && !NOT_DESCENDED.has(entry.name)) queue.push(child);
      const label = `${displayPath(roots, child)}${isFolder ? '/' : ''}`;
      if (label.toLowerCase().includes(needle)) found.push({ kind: isFolder ? 'folder' : 'file', label, path: child });
      if (found.length >= MAX_CANDIDATES) break;
    }
  }
  return found;
}
