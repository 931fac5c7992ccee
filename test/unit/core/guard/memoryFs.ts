import path from 'node:path';
import type { GuardFs, GuardStats } from '../../../../src/core/guard/guardFs';

/**
 * A Windows volume in memory, for judging Windows paths on any host: names are case-insensitive
 * and case-preserving, realpath returns the stored spelling (as GetFinalPathNameByHandle does).
 * Folders are implied by the files under them. No links.
 */
export function memoryWindowsFs(files: Record<string, number>): GuardFs {
  const entries = new Map<string, { path: string; size: number; folder: boolean; ino: number }>();
  const add = (entryPath: string, size: number, folder: boolean): void => {
    const key = entryPath.toLowerCase();
    if (!entries.has(key)) entries.set(key, { path: entryPath, size, folder, ino: entries.size + 1 });
  };
  for (const [file, size] of Object.entries(files)) {
    const full = path.win32.resolve(file);
    add(full, size, false);
    for (let folder = path.win32.dirname(full); ; folder = path.win32.dirname(folder)) {
      add(folder, 0, true);
      if (path.win32.dirname(folder) === folder) break;
    }
  }
  const lookup = (target: string): { path: string; size: number; folder: boolean; ino: number } => {
    const entry = entries.get(path.win32.resolve(target).toLowerCase());
    if (entry === undefined) throw Object.assign(new Error(`ENOENT: ${target}`), { code: 'ENOENT' });
    return entry;
  };
  const stats = (target: string): GuardStats => {
    const entry = lookup(target);
    return { isFile: () => !entry.folder, isDirectory: () => entry.folder, isSymbolicLink: () => false, size: entry.size, nlink: 1, dev: 1, ino: entry.ino };
  };
  return {
    realpath: (target) => settle(() => lookup(target).path),
    stat: (target) => settle(() => stats(target)),
    lstat: (target) => settle(() => stats(target)),
  };
}

/** Runs synchronously but reports like node's fs/promises: errors become rejections. */
function settle<T>(compute: () => T): Promise<T> {
  try {
    return Promise.resolve(compute());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
