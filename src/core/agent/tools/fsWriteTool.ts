import { z } from 'zod';
import { applyEdit, describePlan, EditRefusedError, planEdit, type EditPlan, type EditPlannerDeps } from '../../edit/editPlanner';
import type { WorkspaceEditor } from '../../edit/fileEdit';
import type { FileGuard } from '../../guard/fileGuard';
import type { AgentTool, ToolPlan } from '../agentTool';
import { displayPath, type WorkspaceRoots } from './workspaceRoots';

const path = z.string().min(1).max(4096).describe('file path, relative to the workspace folder');
const change = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('replace'), path, search: z.string().min(1).max(200_000).describe('exact existing text, matching exactly one place; include enough lines to be unique'), replace: z.string().max(200_000) }),
  z.strictObject({ action: z.literal('write'), path, content: z.string().max(2_000_000).describe('the whole new content; creates the file if missing') }),
  z.strictObject({ action: z.literal('delete'), path }),
  z.strictObject({ action: z.literal('rename'), path, to: z.string().min(1).max(4096).describe('new path; must not exist') }),
]);
const parameters = z.strictObject({
  summary: z.string().min(1).max(200).describe('one line saying what the edit does, shown to the user'),
  changes: z.array(change).min(1).max(50),
});
type Args = z.infer<typeof parameters>;

export interface FsWriteContext {
  readonly guard: () => FileGuard;
  readonly roots: WorkspaceRoots;
  readonly editor: WorkspaceEditor;
}

/**
 * `fs.write`: edits as exact search/replace blocks or whole-file writes, and creating, deleting
 * and renaming files. Planning reads what the user sees (unsaved buffers included) and writes
 * nothing; the user approves the whole edit (one decision for all its files, with a diff); only
 * then is it applied as one undoable edit, and reported done once the files hold the approved text.
 */
export function fsWriteTool(context: FsWriteContext): AgentTool<Args> {
  // The plan the user approved is the plan applied: run() uses the one plan() made for these args.
  const plans = new WeakMap<Args, Promise<EditPlan>>();
  const planFor = (args: Args): Promise<EditPlan> => {
    let planned = plans.get(args);
    if (!planned) {
      planned = planEdit(args.changes, deps(context));
      plans.set(args, planned);
    }
    return planned;
  };
  return {
    id: 'fs.write',
    description: 'Change files in the workspace: "replace" an exact block of existing text (it must match exactly one place), "write" a whole file (creates it), "delete", or "rename". All changes in one call are one edit the user approves or denies, seeing the diff. Read a file before replacing text in it.',
    parameters,
    alwaysAsk: false,
    plan: async (args) => toolPlan(args, await planFor(args)),
    run: async (args) => {
      try {
        const plan = await planFor(args);
        await applyEdit(plan, deps(context));
        return { ok: true, content: `Applied: ${describePlan(plan)}.`, summary: `Edited ${describePlan(plan)}` };
      } catch (error) {
        return { ok: false, error: error instanceof EditRefusedError ? error.message : `the edit was not applied: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}

function deps(context: FsWriteContext): EditPlannerDeps {
  return { guard: context.guard(), editor: context.editor, show: (file) => displayPath(context.roots, file) };
}

function toolPlan(args: Args, plan: EditPlan): ToolPlan {
  const files = plan.map((edit) => edit.to?.shown ?? edit.shown);
  const added = plan.reduce((sum, edit) => sum + edit.added, 0);
  const removed = plan.reduce((sum, edit) => sum + edit.removed, 0);
  const summary = args.summary.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  return {
    target: `edit ${files.join(', ')}`,
    summary: `Edit ${files.length === 1 ? files[0] : `${files.length} files`}: ${summary}`,
    detail: `${plan.length === 1 ? 'File' : 'Files'}:\n${plan.map((edit) => `  ${describePlan([edit])}`).join('\n')}\nIn all: +${added} −${removed} lines.`,
    diffs: plan.map((edit) => ({ path: edit.to?.path ?? edit.path, before: edit.before ?? '', after: edit.after ?? '' })),
  };
}
