import assert from 'node:assert/strict';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyEdit, countLines, EditRefusedError, planEdit, type EditPlannerDeps } from '../../../../src/core/edit/editPlanner';
import type { EditChange } from '../../../../src/core/edit/fileEdit';
import { createFileGuard } from '../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { createTempWorkspace, type TempWorkspace } from '../guard/tempWorkspace';
import { diskEditor } from './diskEditor';

const RULES: FileRules = { allow: ['**'], deny: ['**/.env', 'secrets/**'], readonly: ['config/**'], extensions: [], maxFileSizeMb: 1 };

describe('editPlanner: what an edit may touch, and when it is done', () => {
  let w: TempWorkspace;
  let deps: EditPlannerDeps & { editor: ReturnType<typeof diskEditor> };

  beforeEach(async () => {
    w = await createTempWorkspace();
    const guard = createFileGuard({ workspaceFolders: [w.ws], rules: RULES });
    deps = { guard, editor: diskEditor(guard), show: (file) => path.relative(w.ws, file) };
  });
  afterEach(() => w.dispose());

  const refused: { attack: string; changes: EditChange[]; reason: RegExp }[] = [
    { attack: 'editing its own policy', changes: [{ action: 'write', path: '.airlock/policy/default.yaml', content: 'version: 1\n' }], reason: /refused by the file guard: .*Airlock's own policy/ },
    { attack: 'workspace settings (model endpoint)', changes: [{ action: 'write', path: '.vscode/settings.json', content: '{}' }], reason: /workspace settings/ },
    { attack: 'a new VS Code task that runs on folder open', changes: [{ action: 'write', path: '.vscode/tasks.json', content: '{}' }], reason: /tasks run shell commands/ },
    { attack: 'a git hook', changes: [{ action: 'write', path: '.git/hooks/pre-commit', content: '#!/bin/sh\n' }], reason: /hooks/ },
    { attack: 'renaming a file onto .vscode/settings.json', changes: [{ action: 'rename', path: 'src/a.ts', to: '.vscode/settings.json' }], reason: /workspace settings/ },
    { attack: 'deleting the .env it may not read', changes: [{ action: 'delete', path: '.env' }], reason: /refused by the file guard/ },
    { attack: 'a read-only file', changes: [{ action: 'replace', path: 'config/app.json', search: '{}', replace: '{"x":1}' }], reason: /read-only|readonly/i },
    { attack: 'a path outside the workspace', changes: [{ action: 'write', path: '../outside/pwned.ts', content: 'x' }], reason: /outside the workspace/ },
    { attack: 'replacing text in a file that does not exist', changes: [{ action: 'replace', path: 'src/nope.ts', search: 'a', replace: 'b' }], reason: /does not exist; use action "write"/ },
    { attack: 'a second change to a file deleted earlier in the edit', changes: [{ action: 'delete', path: 'src/a.ts' }, { action: 'write', path: 'src/a.ts', content: 'x' }], reason: /already deleted or renamed/ },
    { attack: 'a rename onto an existing file', changes: [{ action: 'rename', path: 'src/a.ts', to: 'src/b.js' }], reason: /already exists; nothing is overwritten/ },
    { attack: 'a block that does not match', changes: [{ action: 'replace', path: 'src/a.ts', search: 'export const b', replace: 'x' }], reason: /^change 1 \(replace src\/a\.ts\): the search text does not match/ },
    { attack: 'a file over the size limit', changes: [{ action: 'write', path: 'src/huge.ts', content: 'x'.repeat(1024 * 1024 + 1) }], reason: /MB/ },
  ];
  for (const row of refused) {
    it(`refuses before anything is written: ${row.attack}`, async () => {
      await assert.rejects(planEdit(row.changes, deps), (error: unknown) => error instanceof EditRefusedError && row.reason.test(error.message));
      assert.equal(deps.editor.applied, 0);
    });
  }

  it('a new file under a folder linked to outside is refused (symlink escape)', async () => {
    // tempWorkspace's out-link leads to the folder outside.
    await assert.rejects(planEdit([{ action: 'write', path: 'out-link/planted.ts', content: 'x' }], deps), /outside the workspace|symbolic link/);
  });

  it('plans several files as one edit with the lines each adds and removes', async () => {
    const plan = await planEdit(
      [
        { action: 'replace', path: 'src/a.ts', search: 'export const a = 1;', replace: 'export const a = 2;\nexport const c = 3;' },
        { action: 'write', path: 'src/new/file.ts', content: 'one\ntwo\n' },
        { action: 'rename', path: 'src/b.js', to: 'src/b.cjs' },
      ],
      deps,
    );
    assert.deepEqual(plan.map((edit) => [edit.shown, edit.kind, edit.added, edit.removed]), [
      ['src/a.ts', 'change', 2, 1],
      ['src/new/file.ts', 'create', 2, 0],
      ['src/b.js', 'rename', 0, 0],
    ]);
    await applyEdit(plan, deps);
    assert.equal(await readFile(path.join(w.ws, 'src/a.ts'), 'utf8'), 'export const a = 2;\nexport const c = 3;\n');
    assert.equal(await readFile(path.join(w.ws, 'src/new/file.ts'), 'utf8'), 'one\ntwo\n');
    assert.equal(await readFile(path.join(w.ws, 'src/b.cjs'), 'utf8'), 'module.exports = 1;\n');
  });

  it('a file changed between approval and apply is not overwritten (stale plan)', async () => {
    const plan = await planEdit([{ action: 'replace', path: 'src/a.ts', search: '= 1', replace: '= 2' }], deps);
    await writeFile(path.join(w.ws, 'src/a.ts'), 'export const a = 1; // the user typed this\n');
    await assert.rejects(applyEdit(plan, deps), /changed since the edit was proposed \(in an editor or on disk\); nothing was written/);
    assert.equal(deps.editor.applied, 0);
    assert.equal(await readFile(path.join(w.ws, 'src/a.ts'), 'utf8'), 'export const a = 1; // the user typed this\n');
  });

  it('a folder swapped for a link after approval is decided again and refused', async () => {
    const plan = await planEdit([{ action: 'write', path: 'src/sub/x.ts', content: 'x' }], deps);
    await symlink(w.outside, path.join(w.ws, 'src/sub'));
    await assert.rejects(applyEdit(plan, deps), /refused by the file guard|real location changed/);
    assert.equal(deps.editor.applied, 0);
  });

  it('an editor that did not apply the edit is reported, not called done', async () => {
    const plan = await planEdit([{ action: 'write', path: 'src/a.ts', content: 'new\n' }], deps);
    const lazy = { ...deps, editor: { currentText: (file: string) => deps.editor.currentText(file), apply: () => Promise.resolve() } };
    await assert.rejects(applyEdit(plan, lazy), /does not hold the approved text/);
  });

  it('counts lines like a diff does', () => {
    assert.deepEqual(countLines('a\nb\nc\n', 'a\nB\nc\nd\n'), { added: 2, removed: 1 });
  });
});
