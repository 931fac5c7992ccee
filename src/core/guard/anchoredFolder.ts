import { constants } from 'node:fs';
import { lstat, mkdir, open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeError, errorCode } from './guardFs';

const FOLDER_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_DIRECTORY;

/**
 * A folder held open by descriptor after checking that the descriptor is the folder the guard
 * judged. On Linux, names inside it are reached through `/proc/self/fd/N/<name>`: the kernel
 * resolves that through the open descriptor, not through the path, so a parent folder swapped for
 * a link after the check cannot redirect a write (the *at() system calls, which Node lacks). On
 * other systems the closest equivalent: the path, re-checked to resolve to the same device and
 * inode as the descriptor just before each use.
 */
export interface AnchoredFolder {
  /** The judged real path of the folder. */
  readonly path: string;
  /** A path for `name` inside the folder that resolves through the descriptor where the system allows. */
  entry(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Why a write did not happen: the file system changed under the guard, or refused. */
export class AnchorError extends Error {
  override readonly name = 'AnchorError';
}

/** Opens `folder` (a real path the guard judged) without following a link, and checks it is that folder. */
export async function anchorFolder(folder: string): Promise<AnchoredFolder> {
  let handle: FileHandle;
  try {
    handle = await open(folder, FOLDER_FLAGS);
  } catch (error) {
    const code = describeError(error);
    // O_NOFOLLOW with O_DIRECTORY answers ENOTDIR (Linux) or ELOOP for a link.
    const why = code === 'ENOTDIR' || code === 'ELOOP' ? 'it is no longer a folder (a link was swapped in after the guard decided)' : `it could not be opened (${code})`;
    throw new AnchorError(`${folder} was not written in: ${why}`);
  }
  try {
    await checkIsFolder(handle, folder);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    path: folder,
    entry: async (name) => {
      if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) throw new AnchorError(`${JSON.stringify(name)} is not a single file name`);
      if (process.platform === 'linux') return `/proc/self/fd/${handle.fd}/${name}`;
      await checkIsFolder(handle, folder);
      return join(folder, name);
    },
    close: () => handle.close(),
  };
}

/**
 * Anchors the folder `file` goes in, creating missing folders on the way one by one, each made
 * inside the anchored folder above it and then anchored itself: a creation never follows a link.
 */
export async function anchorParentCreating(file: string): Promise<AnchoredFolder> {
  const missing: string[] = [];
  let folder = dirname(file);
  while (!(await existsAsEntry(folder))) {
    if (dirname(folder) === folder) throw new AnchorError(`no existing folder above ${file}`);
    missing.unshift(basename(folder));
    folder = dirname(folder);
  }
  let anchored = await anchorFolder(folder);
  for (const name of missing) {
    const next = join(anchored.path, name);
    try {
      await mkdir(await anchored.entry(name)).catch((error: unknown) => {
        if (errorCode(error) !== 'EEXIST') throw new AnchorError(`the folder ${next} could not be created (${describeError(error)})`);
      });
    } finally {
      await anchored.close();
    }
    anchored = await anchorFolder(next);
  }
  return anchored;
}

/** The descriptor must be a folder whose real path is the judged one. */
async function checkIsFolder(handle: FileHandle, folder: string): Promise<void> {
  const opened = await handle.stat();
  if (!opened.isDirectory()) throw new AnchorError(`${folder} is no longer a folder`);
  const actual = process.platform === 'linux' ? await readlink(`/proc/self/fd/${handle.fd}`) : await realpath(folder);
  if (actual !== folder) throw new AnchorError(`${folder} now leads to ${actual}: a folder on the way was swapped after the guard decided`);
  if (process.platform !== 'linux') {
    const now = await stat(folder);
    if (now.dev !== opened.dev || now.ino !== opened.ino) throw new AnchorError(`${folder} was replaced after the guard decided`);
  }
}

async function existsAsEntry(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw new AnchorError(`${path} cannot be inspected (${describeError(error)})`);
  }
}
