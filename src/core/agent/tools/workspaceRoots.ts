import path from 'node:path';

/** The open workspace folders, asked on every call (folders can be added while a chat runs). */
export type WorkspaceRoots = () => readonly string[];

/**
 * A path as the model and the user should see it: relative to the workspace folder that holds it
 * (forward slashes), or as given when it lies in none. For display only; the guard decides on
 * the path the model gave.
 */
export function displayPath(roots: WorkspaceRoots, given: string): string {
  const folders = roots();
  const first = folders[0];
  const absolute = first === undefined || path.isAbsolute(given) ? path.resolve(given) : path.resolve(first, given);
  for (const folder of folders) {
    const relative = path.relative(folder, absolute);
    if (relative === '') return '.';
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
      const shown = relative.split(path.sep).join('/');
      return folders.length > 1 ? `${path.basename(folder)}/${shown}` : shown;
    }
  }
  return given;
}
