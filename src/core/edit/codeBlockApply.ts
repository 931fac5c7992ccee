import type { ApprovalGate } from '../approval/approvalGate';
import type { RiskLevel } from '../policy/policySchema';
import { applyEdit, describePlan, EditRefusedError, planEdit, type EditPlannerDeps } from './editPlanner';
import type { EditChange } from './fileEdit';

/** Where a code block from the chat goes: a whole file, or the active editor's selection. */
export type CodeBlockTarget =
  | { readonly mode: 'file'; readonly path: string }
  | { readonly mode: 'insert'; readonly path: string; readonly text: string; readonly start: number; readonly end: number };

export interface CodeBlockApplyDeps extends EditPlannerDeps {
  readonly gate: Pick<ApprovalGate, 'request'>;
  /** The policy's risk for fs.write: the dialog says it, as it does for the agent's edits. */
  readonly risk: RiskLevel;
}

export type CodeBlockOutcome = { readonly applied: true; readonly message: string } | { readonly applied: false; readonly message: string };

/** The one change a code block asks for: the whole file, or the selection replaced by the code. */
export function codeBlockChange(code: string, target: CodeBlockTarget): EditChange {
  if (target.mode === 'file') return { action: 'write', path: target.path, content: code };
  const start = Math.max(0, Math.min(target.start, target.end, target.text.length));
  const end = Math.min(Math.max(target.start, target.end), target.text.length);
  return { action: 'write', path: target.path, content: `${target.text.slice(0, start)}${code}${target.text.slice(end)}` };
}

/**
 * A code block's Insert or Apply, through the same path as the agent's edits: planned against
 * the text the user sees (the file guard decides the path as a write), always asked in the
 * modal with its diff (the click alone is not the approval: the diff is), then applied as one
 * undoable edit. Never throws: a refusal comes back as the message to show.
 */
export async function applyCodeBlock(code: string, target: CodeBlockTarget, deps: CodeBlockApplyDeps, signal: AbortSignal): Promise<CodeBlockOutcome> {
  try {
    const plan = await planEdit([codeBlockChange(code, target)], deps);
    const edit = plan[0];
    if (!edit) return { applied: false, message: 'There is nothing to change.' };
    if (target.mode === 'insert' && edit.before !== target.text) return { applied: false, message: `${edit.shown} changed while the insertion was prepared; nothing was written. Try again.` };
    if (edit.before === edit.after) return { applied: false, message: `${edit.shown} already holds this code.` };
    const what = target.mode === 'insert' ? 'Insert code into' : 'Write code to';
    const decision = await deps.gate.request(
      {
        tool: 'fs.write',
        risk: deps.risk,
        target: `edit ${edit.shown}`,
        title: `${what} ${edit.shown} (from the chat)`,
        detail: `File:\n  ${describePlan(plan)}\nThe code comes from a reply in the chat panel.`,
        allowSession: false,
        diffs: [{ path: edit.path, before: edit.before ?? '', after: edit.after ?? '' }],
      },
      signal,
    );
    if (!decision.allowed) return { applied: false, message: `Not applied (${decision.reason}).` };
    await applyEdit(plan, deps);
    return { applied: true, message: `Applied: ${describePlan(plan)}.` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { applied: false, message: error instanceof EditRefusedError ? `Not applied: ${reason}` : `The code was not applied: ${reason}` };
  }
}
