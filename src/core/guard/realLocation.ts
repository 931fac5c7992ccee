import type { PlatformPath } from 'node:path';
import { errorCode, type GuardFs } from './guardFs';

/** Where a path really leads, or the dangling symbolic link that makes that unknowable. */
export type RealLocation =
  | { readonly kind: 'resolved'; readonly path: string }
  | { readonly kind: 'dangling-symlink'; readonly link: string };

/**
 * The realpath of the longest existing prefix with the missing rest re-joined. Resolving the
 * prefix on the file system, not with path.resolve, matters twice: `..` after a symbolic link
 * climbs from the link's target (as the OS does), and a new file under a symlinked folder is
 * judged where it would really be created. A missing component that is itself a link (dangling)
 * is reported: writing through it would create a file wherever it points.
 * Any file system error other than "missing" (ENOTDIR, ELOOP, EACCES…) is thrown to the caller.
 */
export async function resolveRealLocation(absolute: string, fs: GuardFs, pathApi: PlatformPath): Promise<RealLocation> {
  const missing: string[] = [];
  let existing = absolute;
  // Each turn drops one component; a path cannot have more components than characters.
  for (let turn = 0; turn <= absolute.length; turn++) {
    const real = await realpathIfExists(fs, existing);
    if (real !== undefined) return { kind: 'resolved', path: missing.length === 0 ? real : pathApi.join(real, ...missing) };
    if (await isSymbolicLink(fs, existing)) return { kind: 'dangling-symlink', link: existing };
    const parent = pathApi.dirname(existing);
    if (parent === existing) break;
    missing.unshift(pathApi.basename(existing));
    existing = parent;
  }
  throw new Error(`no part of ${absolute} exists`);
}

async function realpathIfExists(fs: GuardFs, path: string): Promise<string | undefined> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function isSymbolicLink(fs: GuardFs, path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isSymbolicLink();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
