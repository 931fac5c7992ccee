import type { PlatformPath } from 'node:path';
import { statIfExists, type GuardFs } from './guardFs';
import type { PathPlatform } from './pathPlatform';

/**
 * Whether names in this folder are compared case-insensitively, probed rather than assumed from
 * the platform (macOS and Windows volumes can go either way): if the folder's own name in
 * swapped case reaches the same folder (same device and inode), its file system ignores case.
 * Only the last component is swapped, so a case-sensitive parent does not hide a case-insensitive
 * volume mounted below it. A name without letters cannot be probed; the platform default is used.
 */
export async function detectCaseInsensitive(realFolder: string, fs: GuardFs, platform: PathPlatform, pathApi: PlatformPath): Promise<boolean> {
  const name = pathApi.basename(realFolder);
  const swapped = swapCase(name);
  if (swapped === name) return platformDefault(platform);
  const original = await fs.stat(realFolder);
  const other = await statIfExists(fs, pathApi.join(pathApi.dirname(realFolder), swapped));
  return other !== undefined && other.dev === original.dev && other.ino === original.ino;
}

function platformDefault(platform: PathPlatform): boolean {
  return platform === 'win32' || process.platform === 'darwin';
}

function swapCase(text: string): string {
  return Array.from(text, (character) => {
    const lower = character.toLowerCase();
    return lower === character ? character.toUpperCase() : lower;
  }).join('');
}
