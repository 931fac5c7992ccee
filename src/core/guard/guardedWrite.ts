import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { anchorFolder, anchorParentCreating, AnchorError, type AnchoredFolder } from './anchoredFolder';
import { describeError, errorCode } from './guardFs';
import type { FileGuard } from './fileGuard';

const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * The one way a file tool changes the disk: the path is decided again as a write and must still
 * be the real location that was planned; the folder it lives in is anchored by descriptor
 * (anchoredFolder), and the text is written to a new file there and moved into place, so a
 * reader never sees half a file and an interrupted write leaves the old text. write-file-atomic
 * does the same by path, which a folder swapped for a link would redirect: hence written here.
 */
export async function writeGuardedText(guard: FileGuard, path: string, text: string, how: 'create' | 'replace'): Promise<void> {
  await confirmWrite(guard, path);
  const folder = how === 'create' ? await anchorParentCreating(path) : await anchorFolder(dirname(path));
  try {
    const name = basename(path);
    if (how === 'create') {
      await placeNew(folder, name, text, undefined);
    } else {
      const existing = await plainFile(folder, name);
      const temp = await writeTemp(folder, name, text, existing.mode & 0o7777);
      await rename(temp, await folder.entry(name)).catch(async (error: unknown) => {
        await unlink(temp).catch(() => undefined);
        throw new AnchorError(`${path} could not be replaced (${describeError(error)})`);
      });
    }
  } finally {
    await folder.close();
  }
}

/** Deletes a file the guard allows writing: only a plain file, in the folder that was judged. */
export async function removeGuardedFile(guard: FileGuard, path: string): Promise<void> {
  await confirmWrite(guard, path);
  const folder = await anchorFolder(dirname(path));
  try {
    await plainFile(folder, basename(path));
    await unlink(await folder.entry(basename(path)));
  } finally {
    await folder.close();
  }
}

/**
 * Moves a file, with `text` as its content at the new place: written there first (never over an
 * existing file), then the old name removed. Both paths are decided again as writes.
 */
export async function moveGuardedFile(guard: FileGuard, from: string, to: string, text: string): Promise<void> {
  await confirmWrite(guard, from);
  await confirmWrite(guard, to);
  const source = await anchorFolder(dirname(from));
  try {
    const existing = await plainFile(source, basename(from));
    const target = await anchorParentCreating(to);
    try {
      await placeNew(target, basename(to), text, existing.mode & 0o7777);
    } finally {
      await target.close();
    }
    await unlink(await source.entry(basename(from)));
  } finally {
    await source.close();
  }
}

async function confirmWrite(guard: FileGuard, path: string): Promise<void> {
  const decision = await guard.decide(path, 'write');
  if (decision.decision === 'deny') throw new AnchorError(`${path} may not be written: ${decision.detail}`);
  if (decision.path !== path) throw new AnchorError(`${path} now leads to ${decision.path ?? 'nowhere'}: it changed after the edit was planned`);
}

/** A new file under `name`: written aside, then linked in, which fails rather than replace anything that appeared. */
async function placeNew(folder: AnchoredFolder, name: string, text: string, mode: number | undefined): Promise<void> {
  const temp = await writeTemp(folder, name, text, mode);
  try {
    await link(temp, await folder.entry(name));
  } catch (error) {
    throw new AnchorError(errorCode(error) === 'EEXIST' ? `${folder.path}/${name} appeared while it was being created; nothing was overwritten` : `${folder.path}/${name} could not be created (${describeError(error)})`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The text in a new file of the anchored folder; a name nobody else can have chosen (O_EXCL, no link followed). */
async function writeTemp(folder: AnchoredFolder, name: string, text: string, mode: number | undefined): Promise<string> {
  const temp = await folder.entry(`.${name.slice(0, 200)}.airlock-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, TEMP_FLAGS, 0o666).catch((error: unknown) => {
    throw new AnchorError(`${folder.path} cannot take a new file (${describeError(error)})`);
  });
  try {
    await handle.writeFile(text, 'utf8');
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw new AnchorError(`${folder.path}/${name} could not be written (${describeError(error)})`);
  }
  await handle.close();
  return temp;
}

/** The entry must be a regular file with one name, as the guard judged it. */
async function plainFile(folder: AnchoredFolder, name: string): Promise<{ mode: number }> {
  const found = await lstat(await folder.entry(name)).catch((error: unknown) => {
    throw new AnchorError(`${folder.path}/${name} is gone (${describeError(error)})`);
  });
  if (!found.isFile()) throw new AnchorError(`${folder.path}/${name} is no longer a regular file; it changed after the guard decided`);
  if (found.nlink > 1) throw new AnchorError(`${folder.path}/${name} gained a second name (a hard link) after the guard decided`);
  return { mode: found.mode };
}
