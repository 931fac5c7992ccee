import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import { directServerMove, type DirectServerMove } from '../core/mcp/directServerPolicy';
import { removeDirectServer } from '../core/mcp/directServerRemoval';
import { addOverlayMcpServer, type OverlayServerResult } from '../core/mcp/overlayMcpServer';
import type { EffectivePolicy } from '../core/policy/effectivePolicy';
import { editInForce } from '../core/policy/editInForce';
import { overlayDisplayPath } from '../core/policy/policyPaths';
import type { McpServerEntry } from '../core/posture/mcpServerEntries';
import type { PolicyService } from './policyService';
import type { SideDoors } from './sideDoors';

const WRITE = 'Write to Overlay';
const OPEN_OVERLAY = 'Open Overlay';

/** A server one of the workspace's own MCP files declares, outside Airlock's guard. */
export interface DirectServer {
  /** Relative to the workspace folder: `.vscode/mcp.json`, `.mcp.json`, `.cursor/mcp.json`, `.roo/mcp.json`. */
  readonly file: string;
  readonly entry: McpServerEntry;
}

export interface MoveContext {
  readonly policy: PolicyService;
  readonly doors: SideDoors;
  readonly audit: AuditSink;
}

/**
 * "Move Behind Airlock…": after the user confirms the overlay text in a modal, writes the server
 * into the workspace overlay with no tool allowed (see addOverlayMcpServer); the overlay then
 * waits for the user's approval in the usual dialog. Only once the reloaded policy enforces it
 * does a second modal offer to remove the server from the agent's file; each step is audited.
 */
export async function moveBehindAirlock(ctx: MoveContext, direct: DirectServer): Promise<void> {
  const folder = ctx.policy.workspaceFolder;
  const event = { actor: 'user', action: 'mcp.server.adopt', target: direct.entry.name, detail: { from: direct.file } } as const;
  if (folder === undefined || !vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Airlock: in Restricted Mode the workspace overlay does not apply, so no server can run behind Airlock here. Trust the workspace first.');
    return;
  }
  const move = directServerMove(direct.entry);
  if (!move.ok) {
    ctx.audit.record({ ...event, decision: 'deny', reason: move.reason });
    void vscode.window.showWarningMessage(`Airlock cannot move "${direct.entry.name}" behind its guard`, { modal: true, detail: move.reason });
    return;
  }
  const overlay = overlayDisplayPath(ctx.policy.packName);
  if ((await vscode.window.showWarningMessage(`Move "${direct.entry.name}" behind Airlock?`, { modal: true, detail: moveDetail(direct, move, overlay) }, WRITE)) !== WRITE) {
    ctx.audit.record({ ...event, decision: 'deny', reason: 'cancelled' });
    return;
  }
  let result: OverlayServerResult;
  try {
    result = await addOverlayMcpServer({ workspaceFolder: folder, packName: ctx.policy.packName, ...ctx.policy.compositionFiles, name: move.name, server: move.server });
  } catch (error) {
    ctx.audit.record({ ...event, decision: 'deny', reason: `not written: ${String(error)}` });
    void vscode.window.showErrorMessage(`Airlock: "${direct.entry.name}" was not moved: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  ctx.audit.record({ ...event, decision: 'allow', detail: { ...event.detail, name: move.name, overlay: result.file, sha256: result.sha256, written: result.written } });
  const outcome = await overlayAnswer(ctx.policy, result);
  if (outcome !== 'in-force') {
    const why = outcome === 'refused' ? 'you did not approve the overlay' : `${result.file} changed again or the policy does not load`;
    void vscode.window.showWarningMessage(`Airlock: "${move.name}" does not run behind Airlock: ${why}. ${direct.file} still starts it directly. Approve the overlay later with "Airlock: Review Workspace Policy Overlay…".`);
    return;
  }
  await offerRemoval(ctx, folder, direct, move.name);
  await ctx.doors.refresh();
  const done = await vscode.window.showInformationMessage(`Airlock: "${move.name}" is an Airlock MCP server now, with no tool allowed yet: list the ones you want under mcp.servers.${move.name}.tools.allow in ${overlay}, then approve its tools when Airlock asks.`, OPEN_OVERLAY);
  if (done === OPEN_OVERLAY) await vscode.window.showTextDocument(vscode.Uri.file(result.path));
}

function moveDetail(direct: DirectServer, move: DirectServerMove, overlay: string): string {
  return [
    `Airlock adds this to ${overlay}:`,
    '',
    move.yaml.trimEnd(),
    '',
    `No tool is allowed yet, and the server runs in Airlock's sandbox. ${overlay} then applies once you approve it, as any overlay: Airlock asks next.`,
    `Once it is in force, Airlock asks whether to remove "${direct.entry.name}" from ${direct.file}.`,
    ...move.notes.map((note) => `\n• ${note}`),
  ].join('\n');
}

type OverlayOutcome = 'in-force' | 'waiting' | 'refused' | 'gone';

function outcomeOf(effective: EffectivePolicy, result: OverlayServerResult): OverlayOutcome {
  if (editInForce(effective, { ...result, trusted: true }).inForce) return 'in-force';
  const pending = effective.pendingOverlay;
  if (pending?.sha256 !== result.sha256) return 'gone';
  return pending.rejected ? 'refused' : 'waiting';
}

/**
 * Waits for the user's answer to the overlay's approval dialog, which the policy service shows
 * when it loads an overlay it has not asked about; one refused before (the same content moved
 * again) is asked about once more. Settles on any answer, or when the file changed meanwhile.
 */
async function overlayAnswer(policy: PolicyService, result: OverlayServerResult): Promise<OverlayOutcome> {
  let settle: (outcome: OverlayOutcome) => void = () => undefined;
  const settled = new Promise<OverlayOutcome>((resolve) => (settle = resolve));
  const listener = policy.onDidChange((effective) => {
    const outcome = outcomeOf(effective, result);
    if (outcome !== 'waiting') settle(outcome);
  });
  try {
    const first = outcomeOf(await policy.reload(), result);
    if (first === 'refused') {
      await policy.reviewOverlay();
      return outcomeOf(await policy.reload(), result);
    }
    return first === 'waiting' ? await settled : first;
  } finally {
    listener.dispose();
  }
}

async function offerRemoval(ctx: MoveContext, folder: string, direct: DirectServer, name: string): Promise<void> {
  const remove = `Remove from ${direct.file}`;
  const event = { actor: 'user', action: 'mcp.server.remove-direct', target: direct.entry.name, detail: { file: direct.file, movedTo: name } } as const;
  const detail = `${direct.file} still starts "${direct.entry.name}" directly, outside Airlock's guard. Airlock removes only its entry; comments and the rest of the file stay. Other agents that read ${direct.file} lose the server too.`;
  if ((await vscode.window.showWarningMessage(`"${name}" now runs behind Airlock. Remove "${direct.entry.name}" from ${direct.file}?`, { modal: true, detail }, remove)) !== remove) {
    ctx.audit.record({ ...event, decision: 'deny', reason: 'kept in the file' });
    return;
  }
  try {
    await removeDirectServer({ workspaceFolder: folder, file: direct.file, entry: direct.entry });
  } catch (error) {
    ctx.audit.record({ ...event, decision: 'deny', reason: `not removed: ${String(error)}` });
    void vscode.window.showErrorMessage(`Airlock: "${direct.entry.name}" was not removed from ${direct.file}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  ctx.audit.record({ ...event, decision: 'allow' });
}
