import { applyToDisk } from '../../../../src/core/edit/diskEdits';
import type { FileEdit, WorkspaceEditor } from '../../../../src/core/edit/fileEdit';
import { readTextToEdit } from '../../../../src/core/files/guardedText';
import type { FileGuard } from '../../../../src/core/guard/fileGuard';

/**
 * The WorkspaceEditor port as an editor without buffers implements it, on the core's own guarded
 * reads and writes: the text the user sees is the file on disk. (VS Code's implementation adds
 * unsaved buffers and is tested in code-server by the e2e suite.)
 */
export function diskEditor(guard: FileGuard): WorkspaceEditor & { applied: number } {
  const editor = {
    applied: 0,
    currentText: (file: string): Promise<string | undefined> => readTextToEdit(guard, file),
    async apply(edits: readonly FileEdit[]): Promise<void> {
      editor.applied++;
      await applyToDisk(guard, edits);
    },
  };
  return editor;
}
