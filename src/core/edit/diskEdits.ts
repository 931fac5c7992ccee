import type { FileGuard } from '../guard/fileGuard';
import { moveGuardedFile, removeGuardedFile, writeGuardedText } from '../guard/guardedWrite';
import type { FileEdit } from './fileEdit';

/**
 * Applies approved edits to the disk through the guarded writes, file by file; when one fails,
 * the files already changed are put back as they were (also through the guard), so an edit is in
 * force whole or not at all, as far as the file system lets anyone promise that.
 */
export async function applyToDisk(guard: FileGuard, edits: readonly FileEdit[]): Promise<void> {
  const done: FileEdit[] = [];
  for (const edit of edits) {
    try {
      await applyOne(guard, edit);
      done.push(edit);
    } catch (error) {
      const unrestored = await undoAll(guard, done);
      const note = unrestored.length === 0 ? (done.length > 0 ? ' The files already changed were restored.' : '') : ` These could not be restored and need checking: ${unrestored.join(', ')}.`;
      throw new Error(`${edit.shown}: ${error instanceof Error ? error.message : String(error)}.${note}`, { cause: error });
    }
  }
}

async function applyOne(guard: FileGuard, edit: FileEdit): Promise<void> {
  switch (edit.kind) {
    case 'create':
      return writeGuardedText(guard, edit.path, edit.after ?? '', 'create');
    case 'change':
      return writeGuardedText(guard, edit.path, edit.after ?? '', 'replace');
    case 'delete':
      return removeGuardedFile(guard, edit.path);
    case 'rename':
      if (!edit.to) throw new Error('a rename without a destination');
      return moveGuardedFile(guard, edit.path, edit.to.path, edit.after ?? edit.before ?? '');
  }
}

/** The inverse of each applied edit, newest first; answers the files it could not restore. */
async function undoAll(guard: FileGuard, done: readonly FileEdit[]): Promise<string[]> {
  const failed: string[] = [];
  for (const edit of [...done].reverse()) {
    try {
      await applyOne(guard, inverse(edit));
    } catch {
      failed.push(edit.shown);
    }
  }
  return failed;
}

function inverse(edit: FileEdit): FileEdit {
  switch (edit.kind) {
    case 'create':
      return { ...edit, kind: 'delete', before: edit.after, after: undefined };
    case 'delete':
      return { ...edit, kind: 'create', before: undefined, after: edit.before };
    case 'change':
      return { ...edit, before: edit.after, after: edit.before };
    case 'rename':
      return { ...edit, path: edit.to?.path ?? edit.path, to: { path: edit.path, shown: edit.shown }, before: edit.after, after: edit.before };
  }
}
