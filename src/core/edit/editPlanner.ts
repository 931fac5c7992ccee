import { diffLines } from 'diff';
import type { FileGuard } from '../guard/fileGuard';
import type { EditChange, FileEdit, WorkspaceEditor } from './fileEdit';
import { applySearchReplace, SearchBlockError } from './searchReplace';

/** Why an edit cannot be planned or applied: told to the model as a tool error, never thrown at the user. */
export class EditRefusedError extends Error {
  override readonly name = 'EditRefusedError';
}

export interface EditPlannerDeps {
  readonly guard: FileGuard;
  readonly editor: WorkspaceEditor;
  /** The workspace-relative name of a path, for people and the model. */
  readonly show: (path: string) => string;
}

/** The files an edit touches, each in its final planned state, in the order first named. */
export type EditPlan = readonly FileEdit[];

interface Draft {
  readonly path: string;
  readonly shown: string;
  readonly before: string | undefined;
  text: string | undefined;
  deleted: boolean;
  to?: { readonly path: string; readonly shown: string };
}

/**
 * Plans every change against the text the user sees now, without writing anything. Each path is
 * decided by the file guard as a write (control files, read-only and denied paths refused); all
 * changes to one file apply in order; a change that cannot apply refuses the whole edit.
 */
export async function planEdit(changes: readonly EditChange[], deps: EditPlannerDeps): Promise<EditPlan> {
  const drafts = new Map<string, Draft>();
  for (const [index, change] of changes.entries()) {
    const label = `change ${index + 1} (${change.action} ${change.path})`;
    const draft = await draftFor(change.path, drafts, deps, label);
    applyChange(draft, change, label);
    if (change.action === 'rename') await planRename(draft, change.to, drafts, deps, label);
  }
  return [...drafts.values()].map((draft) => finish(draft, deps));
}

async function draftFor(path: string, drafts: Map<string, Draft>, deps: EditPlannerDeps, label: string): Promise<Draft> {
  const real = await decideWrite(path, deps, label);
  const existing = drafts.get(real);
  if (existing) {
    if (existing.deleted || existing.to) throw new EditRefusedError(`${label}: ${existing.shown} is already deleted or renamed by an earlier change in this edit`);
    return existing;
  }
  const before = await deps.editor.currentText(real);
  const draft: Draft = { path: real, shown: deps.show(real), before, text: before, deleted: false };
  drafts.set(real, draft);
  return draft;
}

async function decideWrite(path: string, deps: EditPlannerDeps, label: string): Promise<string> {
  const decision = await deps.guard.decide(path, 'write');
  if (decision.decision === 'deny' || decision.path === undefined) throw new EditRefusedError(`${label}: refused by the file guard: ${decision.detail}`);
  return decision.path;
}

function applyChange(draft: Draft, change: EditChange, label: string): void {
  switch (change.action) {
    case 'replace':
      if (draft.text === undefined) throw new EditRefusedError(`${label}: ${draft.shown} does not exist; use action "write" to create it`);
      try {
        draft.text = applySearchReplace(draft.text, change.search, change.replace, label);
      } catch (error) {
        throw error instanceof SearchBlockError ? new EditRefusedError(error.message) : error;
      }
      return;
    case 'write':
      draft.text = change.content;
      return;
    case 'delete':
    case 'rename':
      if (draft.text === undefined) throw new EditRefusedError(`${label}: ${draft.shown} does not exist`);
      draft.deleted = change.action === 'delete';
      return;
  }
}

async function planRename(draft: Draft, to: string, drafts: Map<string, Draft>, deps: EditPlannerDeps, label: string): Promise<void> {
  const target = await decideWrite(to, deps, label);
  if (target === draft.path) throw new EditRefusedError(`${label}: the new name is the same file`);
  if (drafts.has(target) || (await deps.editor.currentText(target)) !== undefined) throw new EditRefusedError(`${label}: ${deps.show(target)} already exists; nothing is overwritten by a rename`);
  draft.to = { path: target, shown: deps.show(target) };
}

function finish(draft: Draft, deps: EditPlannerDeps): FileEdit {
  const after = draft.deleted ? undefined : draft.text;
  const kind = draft.deleted ? 'delete' : draft.to ? 'rename' : draft.before === undefined ? 'create' : 'change';
  if (after !== undefined) {
    const size = deps.guard.checkWriteSize(Buffer.byteLength(after, 'utf8'));
    if (size.decision === 'deny') throw new EditRefusedError(`${draft.shown}: ${size.detail}`);
  }
  const { added, removed } = countLines(draft.before ?? '', after ?? '');
  return { path: draft.path, shown: draft.shown, kind, before: draft.before, after, added, removed, ...(draft.to ? { to: draft.to } : {}) };
}

export function countLines(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) added += part.count;
    else if (part.removed) removed += part.count;
  }
  return { added, removed };
}

/**
 * Applies a plan the user approved, and reports it done only once it is in force: each path is
 * decided again (the decision used is the one taken now), each file must still hold the text the
 * plan was made from (else nothing is written), and after the edit each file must hold the text
 * planned.
 */
export async function applyEdit(plan: EditPlan, deps: EditPlannerDeps): Promise<void> {
  for (const edit of plan) {
    const label = `${edit.shown}`;
    if ((await decideWrite(edit.path, deps, label)) !== edit.path) throw new EditRefusedError(`${label}: its real location changed since the edit was planned; nothing was written`);
    if ((await deps.editor.currentText(edit.path)) !== edit.before) throw new EditRefusedError(`${label} changed since the edit was proposed (in an editor or on disk); nothing was written: read it again and propose the edit anew`);
    if (edit.to && (await deps.editor.currentText(edit.to.path)) !== undefined) throw new EditRefusedError(`${edit.to.shown} appeared since the edit was proposed; nothing was written`);
  }
  await deps.editor.apply(plan);
  for (const edit of plan) {
    const landed = await deps.editor.currentText(edit.to?.path ?? edit.path);
    if (landed !== edit.after) throw new EditRefusedError(`${edit.to?.shown ?? edit.shown} does not hold the approved text after the edit was applied; check it (Undo reverts the edit)`);
    if (edit.to && (await deps.editor.currentText(edit.path)) !== undefined) throw new EditRefusedError(`${edit.shown} still exists after the rename; check it`);
  }
}

/** "src/a.ts (+3 −1), src/b.ts (new, +10)" */
export function describePlan(plan: EditPlan): string {
  return plan.map((edit) => `${edit.shown}${describeKind(edit)} (+${edit.added} −${edit.removed})`).join(', ');
}

function describeKind(edit: FileEdit): string {
  if (edit.kind === 'create') return ' [new]';
  if (edit.kind === 'delete') return ' [delete]';
  if (edit.kind === 'rename') return ` → ${edit.to?.shown ?? '?'}`;
  return '';
}
