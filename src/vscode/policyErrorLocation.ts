import * as vscode from 'vscode';
import type { PolicyError } from '../core/policy/policyError';

/** Opens the file a policy error names, at its line and column when the error knows them. */
export async function openPolicyError(error: Pick<PolicyError, 'line' | 'column'>, path: string): Promise<void> {
  const position = new vscode.Position(Math.max(0, (error.line ?? 1) - 1), Math.max(0, (error.column ?? 1) - 1));
  await vscode.window.showTextDocument(vscode.Uri.file(path), { selection: new vscode.Range(position, position), preview: false });
}
