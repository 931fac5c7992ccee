import type { PlatformPath } from 'node:path';
import { denyFile, type FileDecision } from './fileDecision';
import { errorCode, type GuardFs, type GuardStats } from './guardFs';
import { resolveRealLocation } from './realLocation';

/**
 * Where a path really leads and, when finding that out already looked at it, what is there
 * (`onDisk.stats` undefined: nothing yet, it may be created).
 */
export interface Located {
  readonly path: string;
  readonly onDisk?: { readonly stats: GuardStats | undefined };
}

/** Finds a path's real location, or the denial that explains why it cannot be known. */
export type Locator = (absolute: string) => Promise<Located | FileDecision>;

/** Resolves every path on its own: the realpath of the whole path, every time. */
export function directLocator(fs: GuardFs, pathApi: PlatformPath): Locator {
  return async (absolute) => {
    try {
      const location = await resolveRealLocation(absolute, fs, pathApi);
      if (location.kind === 'resolved') return { path: location.path };
      return denyFile('dangling-symlink', `${location.link} is a symbolic link to something missing; writing through it would create a file wherever it points.`, { path: location.link });
    } catch (error) {
      return denyFile('unresolvable-path', `the real location of ${absolute} could not be determined (${errorCode(error) ?? (error instanceof Error ? error.message : String(error))}).`);
    }
  };
}

/**
 * Resolves each folder once and each entry in it with one lstat: a listing or a set of search
 * hits names thousands of files in a few hundred folders, and resolving every file's whole path
 * again (realpath, then stat) is what made the guard slow on big trees.
 *
 * The result is the direct locator's whenever it is used: the entry's real location is its
 * folder's real location plus its name, unless the entry is itself a symbolic link, and those
 * (like names ending in `.`/`..`, folders that cannot be resolved, and any error) go the direct
 * way, so every denial keeps its reason and wording. The folder cache lives as long as the
 * locator: build one per tool call, so a folder swapped for a link is judged anew on the next call
 * (and guardedOpen re-checks each descriptor it opens within the call).
 */
export function folderCachingLocator(fs: GuardFs, pathApi: PlatformPath): Locator {
  const direct = directLocator(fs, pathApi);
  const folders = new Map<string, Promise<string | undefined>>();

  function realFolder(folder: string): Promise<string | undefined> {
    let real = folders.get(folder);
    if (real === undefined) {
      real = resolveRealLocation(folder, fs, pathApi).then(
        (location) => (location.kind === 'resolved' ? location.path : undefined),
        () => undefined,
      );
      folders.set(folder, real);
    }
    return real;
  }

  return async (absolute) => {
    const name = plainLastName(absolute, pathApi);
    if (name === undefined) return direct(absolute);
    const folder = await realFolder(pathApi.dirname(absolute));
    if (folder === undefined) return direct(absolute);
    const location = pathApi.join(folder, name);
    let stats: GuardStats;
    try {
      stats = await fs.lstat(location);
    } catch (error) {
      return errorCode(error) === 'ENOENT' ? { path: location, onDisk: { stats: undefined } } : direct(absolute);
    }
    return stats.isSymbolicLink() ? direct(absolute) : { path: location, onDisk: { stats } };
  };
}

/** The last component when it is an ordinary name; undefined for `.`, `..` or a trailing separator. */
function plainLastName(absolute: string, pathApi: PlatformPath): string | undefined {
  const last = absolute.at(-1);
  if (last === '/' || last === pathApi.sep) return undefined;
  const name = pathApi.basename(absolute);
  return name === '' || name === '.' || name === '..' ? undefined : name;
}
