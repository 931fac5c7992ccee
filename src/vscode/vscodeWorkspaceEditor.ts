import * as vscode from 'vscode';
import type { FileEdit, WorkspaceEditor } from '../core/edit/fileEdit';
import { decodeText } from '../core/files/textFile';

/**
 * The agent's edits as VS Code edits. The text an edit is planned against is what the user sees:
 * an open document's buffer, unsaved changes included, else the file on disk. An approved edit is
 * applied as one WorkspaceEdit, so one Undo restores every file; documents that had no unsaved
 * changes are saved afterwards (the file on disk is the approved text), documents the user was
 * editing stay unsaved so the user keeps the last word.
 */
export class VscodeWorkspaceEditor implements WorkspaceEditor {
  async currentText(path: string): Promise<string | undefined> {
    const uri = vscode.Uri.file(path);
    if (!(await exists(uri))) return undefined;
    const open = openDocument(uri);
    if (open) return open.getText();
    const text = decodeText(await vscode.workspace.fs.readFile(uri));
    if (text === undefined) throw new Error(`${path} is not a UTF-8 text file`);
    return text;
  }

  async apply(edits: readonly FileEdit[]): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    const toSave: vscode.Uri[] = [];
    for (const file of edits) {
      const uri = vscode.Uri.file(file.path);
      if (file.kind === 'create') {
        edit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(file.after ?? '') });
      } else if (file.kind === 'delete') {
        edit.deleteFile(uri, { ignoreIfNotExists: false });
      } else {
        const document = await vscode.workspace.openTextDocument(uri);
        if (file.after !== undefined && file.after !== document.getText()) {
          edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), file.after);
          if (!document.isDirty) toSave.push(file.to ? vscode.Uri.file(file.to.path) : uri);
        }
        if (file.to) edit.renameFile(uri, vscode.Uri.file(file.to.path), { overwrite: false });
      }
    }
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit');
    for (const uri of toSave) await openDocument(uri)?.save();
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === uri.fsPath);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
