import { constants } from 'node:fs';
import { join } from 'node:path';
import { open, readdir, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { denyFile, type FileDecision } from './fileDecision';
import type { FileGuard } from './fileGuard';
import { describeError } from './guardFs';

/** A file the guard allowed, opened, and checked to be the file that was judged. */
export interface GuardedFile {
  readonly decision: FileDecision;
  readonly handle: FileHandle;
}

export type GuardedOpen<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly decision: FileDecision };

// O_NOFOLLOW refuses a final component swapped for a link; O_NONBLOCK keeps a file swapped for a
// FIFO from hanging the open. A parent folder swapped for a link is caught by checkOpened.
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const DIRECTORY_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_DIRECTORY;

/**
 * The one way a file tool reads a file: decide, open the real location that was judged (never the
 * name the model gave), then check what the descriptor really is. The caller closes the handle.
 */
export async function openGuardedFile(guard: FileGuard, path: string): Promise<GuardedOpen<GuardedFile>> {
  const decision = await guard.decide(path, 'read');
  if (decision.decision === 'deny' || decision.path === undefined) return { ok: false, decision };
  let handle: FileHandle;
  try {
    handle = await open(decision.path, READ_FLAGS);
  } catch (error) {
    return { ok: false, decision: changed(decision.path, error) };
  }
  const problem = await checkOpened(handle, decision.path, 'file', guard);
  if (problem !== undefined) {
    await handle.close();
    return { ok: false, decision: problem };
  }
  return { ok: true, value: { decision, handle } };
}

/** A folder read through the guard: `decision.path` is its real path, checked on the descriptor that was read. */
export interface GuardedListing {
  readonly decision: FileDecision;
  readonly entries: Dirent[];
}

/** The one way a file tool lists a folder: decide, open the judged folder, check it, read it. */
export async function readGuardedDirectory(guard: FileGuard, path: string): Promise<GuardedOpen<GuardedListing>> {
  return readDecidedDirectory(await guard.decide(path, 'list'));
}

/**
 * Judges one entry of a guarded listing. A plain file or folder is judged by the rules alone
 * (guard.judgeEntry): its folder's real path was checked on the descriptor that was read, so its
 * own is that path plus its name. A link, or an entry of a type the listing did not report, gets
 * a full decision. The answer says whether the entry may be named or (a folder) opened.
 */
export function judgeListedEntry(guard: FileGuard, listing: GuardedListing, entry: Dirent): Promise<FileDecision> {
  const folder = listing.decision.path;
  if (folder === undefined) return Promise.resolve(denyFile('guard-error', 'the listing has no judged folder.'));
  const kind = plainKind(entry);
  return kind === undefined ? guard.decide(join(folder, entry.name), entry.isDirectory() ? 'list' : 'read') : guard.judgeEntry(folder, entry.name, kind);
}

/**
 * Lists a subfolder of a guarded listing: judged as judgeListedEntry does, then opened without
 * following a link (one swapped in since the listing fails to open) and checked on its descriptor.
 */
export async function readGuardedSubfolder(guard: FileGuard, listing: GuardedListing, entry: Dirent): Promise<GuardedOpen<GuardedListing>> {
  const folder = listing.decision.path;
  if (folder === undefined) return { ok: false, decision: denyFile('guard-error', 'the listing has no judged folder.') };
  if (plainKind(entry) !== 'folder') return readGuardedDirectory(guard, join(folder, entry.name));
  return readDecidedDirectory(await guard.judgeEntry(folder, entry.name, 'folder'));
}

/** 'file' or 'folder' for an entry that is plainly one; undefined for links, devices and unknown types. */
function plainKind(entry: Dirent): 'file' | 'folder' | undefined {
  if (entry.isSymbolicLink()) return undefined;
  return entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : undefined;
}

/** Opens the folder a decision judged, checks the descriptor is that folder, and reads it. */
async function readDecidedDirectory(decision: FileDecision): Promise<GuardedOpen<GuardedListing>> {
  if (decision.decision === 'deny' || decision.path === undefined) return { ok: false, decision };
  let handle: FileHandle;
  try {
    handle = await open(decision.path, DIRECTORY_FLAGS);
  } catch (error) {
    return { ok: false, decision: changed(decision.path, error) };
  }
  try {
    const problem = await checkOpened(handle, decision.path, 'directory');
    if (problem !== undefined) return { ok: false, decision: problem };
    // Through the descriptor where the system offers it, so the folder read is the one checked.
    const entries = await readdir(descriptorPath(handle) ?? decision.path, { withFileTypes: true });
    return { ok: true, value: { decision, entries } };
  } finally {
    await handle.close();
  }
}

/**
 * What the descriptor really is must be what the guard judged. On Linux the kernel names the
 * descriptor's path (/proc/self/fd); elsewhere the judged path must still resolve to itself and to
 * the same device and inode as the descriptor. A file's size and link count are judged again on
 * the descriptor (`guard.judgeOpened`): a same-named hard link swapped in passes the path check.
 */
async function checkOpened(handle: FileHandle, judged: string, kind: 'file' | 'directory', guard?: FileGuard): Promise<FileDecision | undefined> {
  try {
    const opened = await handle.stat();
    if (kind === 'file' ? !opened.isFile() : !opened.isDirectory()) {
      return denyFile('changed-since-decision', `${judged} is no longer a ${kind === 'file' ? 'regular file' : 'folder'}; it changed after the guard decided.`, { path: judged });
    }
    const onDisk = guard?.judgeOpened(opened, 'read', judged);
    if (onDisk !== undefined) return onDisk;
    const viaKernel = descriptorPath(handle);
    const actual = viaKernel === undefined ? await realpath(judged) : await readlink(viaKernel);
    if (actual !== judged) return denyFile('changed-since-decision', `${judged} now leads to ${actual}: a folder on the way was swapped after the guard decided.`, { path: judged });
    if (viaKernel === undefined) {
      const now = await stat(judged);
      if (now.dev !== opened.dev || now.ino !== opened.ino) return denyFile('changed-since-decision', `${judged} was replaced after the guard decided.`, { path: judged });
    }
    return undefined;
  } catch (error) {
    return changed(judged, error);
  }
}

function descriptorPath(handle: FileHandle): string | undefined {
  return process.platform === 'linux' ? `/proc/self/fd/${handle.fd}` : undefined;
}

function changed(path: string, error: unknown): FileDecision {
  const code = describeError(error);
  const why = code === 'ELOOP' ? 'it became a symbolic link after the guard decided' : `it could not be opened as judged (${code})`;
  return denyFile('changed-since-decision', `${path} was not read: ${why}.`, { path });
}
