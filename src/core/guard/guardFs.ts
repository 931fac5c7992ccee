import { lstat, realpath, stat } from 'node:fs/promises';

/** The few facts about a file the guard needs; node's Stats has them all. */
export interface GuardStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  readonly size: number;
  readonly nlink: number;
  readonly dev: number;
  readonly ino: number;
}

/**
 * The file system calls the guard makes, injectable so tests can model a Windows volume or a
 * failing disk. Errors must carry node's `code` (ENOENT, ENOTDIR, ELOOP…): the guard tells a
 * missing file (judged by its would-be location) from everything else (denied).
 */
export interface GuardFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<GuardStats>;
  lstat(path: string): Promise<GuardStats>;
}

export const nodeGuardFs: GuardFs = {
  realpath: (path) => realpath(path),
  stat: (path) => stat(path),
  lstat: (path) => lstat(path),
};

/** The `code` of a node file system error, or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The error's code for a message (`ENOENT`), else its message: what a person reads after "could not … (". */
export function describeError(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/** stat that answers undefined for a missing file instead of throwing. */
export async function statIfExists(fs: GuardFs, path: string): Promise<GuardStats | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
