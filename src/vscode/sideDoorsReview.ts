import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import { describeClosure, sideDoorCount, type SideDoor } from '../core/posture/sideDoors';
import type { SideDoors } from './sideDoors';

const CLOSE = 'Close Side Door';
const OPEN_EXTENSIONS = 'Show in Extensions';

/**
 * "Airlock: Review Side Doors…": lists what acts in this workspace outside the guard; a chosen
 * door's closing setting is written only after the user confirms it in a modal dialog.
 */
export async function reviewSideDoors(doors: SideDoors, audit: AuditSink): Promise<void> {
  const open = await doors.refresh();
  if (open.length === 0) {
    void vscode.window.showInformationMessage('Airlock: no side door is open. Nothing Airlock knows of acts in this workspace outside its guard.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    open.map((door) => ({ label: door.label, description: door.native ? 'VS Code\'s own agent' : '', detail: door.sentence, door })),
    { title: 'Airlock: Side Doors', placeHolder: `${sideDoorCount(open.length)} open: choose one to close`, matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await closeSideDoor(picked.door, doors, audit);
}

/** Shows what closes one door in a modal, and writes its setting only once the user confirms. */
export async function closeSideDoor(door: SideDoor, doors: SideDoors, audit: AuditSink): Promise<void> {
  const close = door.close;
  const detail = `${door.sentence}\n\n${describeClosure(close)}`;
  if (close.kind === 'extension') {
    const choice = await vscode.window.showWarningMessage(`Airlock cannot turn off ${door.label}`, { modal: true, detail }, OPEN_EXTENSIONS);
    if (choice === OPEN_EXTENSIONS) await vscode.commands.executeCommand('workbench.extensions.search', `@id:${close.extensionId}`);
    return;
  }
  const choice = await vscode.window.showWarningMessage(`Close this side door: ${door.label}?`, { modal: true, detail }, CLOSE);
  const event = { actor: 'user', action: 'posture.close', target: door.id, detail: { setting: close.key, value: close.value, target: close.target } } as const;
  if (choice !== CLOSE) {
    audit.record({ ...event, decision: 'deny', reason: 'kept open' });
    return;
  }
  try {
    await vscode.workspace.getConfiguration().update(close.key, close.value, close.target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  } catch (error) {
    audit.record({ ...event, decision: 'deny', reason: `could not write the setting: ${String(error)}` });
    void vscode.window.showErrorMessage(`Airlock: could not set ${close.key}: ${String(error)}`);
    return;
  }
  audit.record({ ...event, decision: 'allow' });
  const after = await doors.refresh();
  if (after.some((still) => still.id === door.id)) {
    // A folder's own settings or an organisation's policy sit above the workspace's.
    void vscode.window.showWarningMessage(`Airlock: ${close.key} is set, but ${door.label} is still open: a value at another level wins over it.`);
  } else {
    void vscode.window.showInformationMessage(`Airlock: closed ${door.label} (${close.value === undefined ? `${close.key} removed` : `${close.key}: ${JSON.stringify(close.value)}`}).`);
  }
}
