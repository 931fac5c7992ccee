import * as vscode from 'vscode';
import { applyToDisk } from '../core/edit/diskEdits';
import type { FileEdit, WorkspaceEditor } from '../core/edit/fileEdit';
import { readTextToEdit } from '../core/files/guardedText';
import type { FileGuard } from '../core/guard/fileGuard';

/** How long an applied edit waits for VS Code to show the new text in open editors. */
const RELOAD_WAIT_MS = 5_000;
const RELOAD_POLL_MS = 50;

/**
 * The agent's edits in VS Code. An edit is planned against what the user sees: the buffer of a
 * document with unsaved changes, else the file on disk (read through the guarded open). An
 * approved edit to a document with unsaved changes goes into its buffer, which stays unsaved so
 * the user keeps the last word; every other file is written through the core's guarded writes,
 * never by path through VS Code, so a folder swapped for a link after the decision cannot
 * redirect the write. Documents the edit changes are opened first, so VS Code's reload of the
 * new text from disk is an edit in their undo history: Undo in the editor restores the old text.
 */
export class VscodeWorkspaceEditor implements WorkspaceEditor {
  constructor(private readonly guard: () => FileGuard) {}

  async currentText(path: string): Promise<string | undefined> {
    const document = openDocument(vscode.Uri.file(path));
    if (document?.isDirty) return document.getText();
    return readTextToEdit(this.guard(), path);
  }

  async apply(edits: readonly FileEdit[]): Promise<void> {
    const inBuffers = edits.filter((edit) => openDocument(vscode.Uri.file(edit.path))?.isDirty === true);
    const moved = inBuffers.find((edit) => edit.kind !== 'change');
    if (moved) throw new Error(`${moved.shown} has unsaved changes in an editor; save or close it before the agent deletes or renames it`);
    const onDisk = edits.filter((edit) => !inBuffers.includes(edit));
    const reloading = onDisk.filter((edit) => edit.kind === 'change');
    await Promise.all(reloading.map((edit) => vscode.workspace.openTextDocument(vscode.Uri.file(edit.path))));
    await applyToDisk(this.guard(), onDisk);
    await editBuffers(inBuffers);
    await waitForEditors(reloading);
  }
}

/** The approved text into documents the user is editing, as one undoable WorkspaceEdit. */
async function editBuffers(edits: readonly FileEdit[]): Promise<void> {
  if (edits.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const file of edits) {
    const document = openDocument(vscode.Uri.file(file.path));
    if (!document || file.after === undefined) continue;
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), file.after);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit to the open editors');
}

/**
 * Waits, bounded, until open documents show the text now on disk (VS Code reloads them when its
 * file watcher reports the change). The disk is what counts; a slow reload only delays the answer.
 */
async function waitForEditors(edits: readonly FileEdit[]): Promise<void> {
  const deadline = Date.now() + RELOAD_WAIT_MS;
  const stale = (): boolean => edits.some((edit) => {
    const document = openDocument(vscode.Uri.file(edit.path));
    return document !== undefined && !document.isDirty && document.getText() !== edit.after;
  });
  while (stale() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, RELOAD_POLL_MS));
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === uri.fsPath);
}
