import * as vscode from 'vscode';
import { displayPath } from '../core/agent/tools/workspaceRoots';
import type { ApprovalGate } from '../core/approval/approvalGate';
import type { AuditSink } from '../core/audit/auditSink';
import { applyCodeBlock, type CodeBlockTarget } from '../core/edit/codeBlockApply';
import { ownValue } from '../core/policy/keyedRecord';
import type { PolicyService } from './policyService';
import { VscodeWorkspaceEditor } from './vscodeWorkspaceEditor';
import { workspaceFiles } from './workspaceFiles';

/**
 * The panel's Insert and Apply buttons: the target is the file the block names or the active
 * editor (its selection, for Insert); the edit is asked and applied as the agent's edits are.
 */
export function codeBlockApplier(policy: PolicyService, gate: ApprovalGate, audit: AuditSink): (code: string, mode: 'insert' | 'file', file: string | undefined) => Promise<void> {
  const files = workspaceFiles(policy);
  const editor = new VscodeWorkspaceEditor(files.guard);
  return async (code, mode, file) => {
    const target = targetFor(mode, file);
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(`Airlock: ${target}`);
      return;
    }
    const risk = ownValue(policy.policy?.tools, 'fs.write')?.risk ?? 'high';
    const outcome = await applyCodeBlock(code, target, { guard: files.guard(), editor, show: (path) => displayPath(files.roots, path), gate, risk }, new AbortController().signal);
    audit.record({ actor: 'user', action: 'chat.applyCode', target: displayPath(files.roots, target.path), decision: outcome.applied ? 'allow' : 'deny', reason: outcome.message });
    if (outcome.applied) void vscode.window.showInformationMessage(`Airlock: ${outcome.message}`);
    else void vscode.window.showWarningMessage(`Airlock: ${outcome.message}`);
  };
}

/** Where the code goes, or why there is nowhere to put it. */
function targetFor(mode: 'insert' | 'file', file: string | undefined): CodeBlockTarget | string {
  const active = vscode.window.activeTextEditor;
  if (mode === 'file' && file !== undefined) return { mode, path: file };
  if (!active || active.document.uri.scheme !== 'file') return mode === 'insert' ? 'open a file and place the cursor where the code should go.' : 'open the file the code is for (the block names none).';
  const path = active.document.uri.fsPath;
  if (mode === 'file') return { mode, path };
  const { document, selection } = active;
  return { mode, path, text: document.getText(), start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) };
}
