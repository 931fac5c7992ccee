import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileEdit, WorkspaceEditor } from '../../../../src/core/edit/fileEdit';

/**
 * The WorkspaceEditor port on plain files, as an editor without buffers would implement it: the
 * text the user sees is the file on disk. (VS Code's implementation, with buffers and one
 * WorkspaceEdit, is tested in code-server by the e2e suite.)
 */
export function diskEditor(): WorkspaceEditor & { applied: number } {
  const editor = {
    applied: 0,
    async currentText(file: string): Promise<string | undefined> {
      try {
        return await readFile(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    async apply(edits: readonly FileEdit[]): Promise<void> {
      editor.applied++;
      for (const edit of edits) {
        if (edit.kind === 'delete') await rm(edit.path);
        else if (edit.kind === 'rename' && edit.to) {
          await mkdir(path.dirname(edit.to.path), { recursive: true });
          await rename(edit.path, edit.to.path);
          if (edit.after !== undefined) await writeFile(edit.to.path, edit.after);
        } else if (edit.after !== undefined) {
          await mkdir(path.dirname(edit.path), { recursive: true });
          await writeFile(edit.path, edit.after);
        }
      }
    },
  };
  return editor;
}
