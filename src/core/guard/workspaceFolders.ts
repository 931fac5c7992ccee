import type { PlatformPath } from 'node:path';
import { detectCaseInsensitive } from './caseSensitivity';
import type { GuardFs } from './guardFs';
import type { PathPlatform } from './pathPlatform';

/** A workspace folder as configured and as it really is on disk (e.g. /tmp/ws and /private/tmp/ws). */
export interface WorkspaceFolder {
  readonly given: string;
  readonly real: string;
  readonly caseInsensitive: boolean;
}

/** A path inside one workspace folder, relative to it in POSIX form ('' for the folder itself). */
export interface FolderPath {
  readonly folder: WorkspaceFolder;
  readonly relative: string;
}

export interface FolderSetup {
  readonly fs: GuardFs;
  readonly platform: PathPlatform;
  readonly pathApi: PlatformPath;
  readonly caseInsensitive: boolean | undefined;
}

/**
 * Resolves every folder once. A folder that cannot be resolved (deleted, unreadable) is left out:
 * nothing inside it can be judged, so nothing inside it is allowed.
 */
export async function resolveWorkspaceFolders(folders: readonly string[], setup: FolderSetup): Promise<WorkspaceFolder[]> {
  const resolved = await Promise.all(folders.map((folder) => resolveFolder(folder, setup)));
  return resolved.filter((folder) => folder !== undefined);
}

async function resolveFolder(folder: string, setup: FolderSetup): Promise<WorkspaceFolder | undefined> {
  if (!setup.pathApi.isAbsolute(folder)) return undefined;
  try {
    const real = await setup.fs.realpath(folder);
    const caseInsensitive = setup.caseInsensitive ?? (await detectCaseInsensitive(real, setup.fs, setup.platform, setup.pathApi));
    return { given: setup.pathApi.resolve(folder), real, caseInsensitive };
  } catch {
    return undefined;
  }
}

/** Every folder the normalised absolute path lies in, by the folder's configured or real path. */
export function foldersContaining(absolute: string, folders: readonly WorkspaceFolder[], pathApi: PlatformPath, which: 'given-or-real' | 'real'): FolderPath[] {
  return folders.flatMap((folder) => {
    const relative = relativeInside(absolute, folder.real, folder.caseInsensitive, pathApi) ?? (which === 'given-or-real' ? relativeInside(absolute, folder.given, folder.caseInsensitive, pathApi) : undefined);
    return relative === undefined ? [] : [{ folder, relative }];
  });
}

/** The POSIX-style path of `absolute` below `folder`, or undefined when it is not inside. */
export function relativeInside(absolute: string, folder: string, caseInsensitive: boolean, pathApi: PlatformPath): string | undefined {
  const base = folder.endsWith(pathApi.sep) ? folder : folder + pathApi.sep;
  const fold = caseInsensitive ? foldCase : (text: string): string => text;
  if (fold(absolute + pathApi.sep) === fold(base) || fold(absolute) === fold(base)) return '';
  if (!fold(absolute).startsWith(fold(base))) return undefined;
  return absolute.slice(base.length).split(pathApi.sep).join('/');
}

/** Lower case that keeps every position in place, so a prefix found in folded text can be cut from the original. */
function foldCase(text: string): string {
  return Array.from(text, (character) => {
    const lower = character.toLowerCase();
    return lower.length === character.length ? lower : character;
  }).join('');
}
