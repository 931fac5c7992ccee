import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyToDisk } from '../../../../src/core/edit/diskEdits';
import type { FileEdit } from '../../../../src/core/edit/fileEdit';
import { createFileGuard } from '../../../../src/core/guard/fileGuard';

// An approved edit is in force whole or not at all: when one file of several cannot be written,
// the ones already written are put back.

function edit(ws: string, name: string, fields: Partial<FileEdit> & Pick<FileEdit, 'kind'>): FileEdit {
  return { path: path.join(ws, name), shown: name, before: undefined, after: undefined, added: 0, removed: 0, ...fields };
}

describe('applyToDisk: all of an edit or none of it', () => {
  let root: string;
  let ws: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'airlock-disk-edits-')));
    ws = path.join(root, 'ws');
    mkdirSync(path.join(ws, 'src'), { recursive: true });
    writeFileSync(path.join(ws, 'src/a.ts'), 'a\n');
    writeFileSync(path.join(ws, 'src/old.ts'), 'old\n');
    writeFileSync(path.join(ws, 'src/gone.ts'), 'gone\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const guard = () => createFileGuard({ workspaceFolders: [ws], rules: { allow: ['**'], deny: ['**/.env'], readonly: [], extensions: [], maxFileSizeMb: 1 } });

  it('applies a change, a create, a rename and a delete', async () => {
    await applyToDisk(guard(), [
      edit(ws, 'src/a.ts', { kind: 'change', before: 'a\n', after: 'A\n' }),
      edit(ws, 'src/new/n.ts', { kind: 'create', after: 'n\n' }),
      edit(ws, 'src/old.ts', { kind: 'rename', before: 'old\n', after: 'renamed\n', to: { path: path.join(ws, 'src/moved.ts'), shown: 'src/moved.ts' } }),
      edit(ws, 'src/gone.ts', { kind: 'delete', before: 'gone\n' }),
    ]);
    assert.equal(readFileSync(path.join(ws, 'src/a.ts'), 'utf8'), 'A\n');
    assert.equal(readFileSync(path.join(ws, 'src/new/n.ts'), 'utf8'), 'n\n');
    assert.equal(readFileSync(path.join(ws, 'src/moved.ts'), 'utf8'), 'renamed\n');
    assert.equal(existsSync(path.join(ws, 'src/old.ts')), false);
    assert.equal(existsSync(path.join(ws, 'src/gone.ts')), false);
  });

  const FAILING_LAST: { attack: string; last: (ws: string) => FileEdit }[] = [
    { attack: 'the last file vanished after the edit was planned', last: (ws) => edit(ws, 'src/vanished.ts', { kind: 'change', before: 'v\n', after: 'V\n' }) },
    { attack: 'the last file is one the guard denies', last: (ws) => edit(ws, '.env', { kind: 'create', after: 'TOKEN=x\n' }) },
  ];
  for (const row of FAILING_LAST) {
    it(`puts back every file already changed when ${row.attack}`, async () => {
      await assert.rejects(
        applyToDisk(guard(), [
          edit(ws, 'src/a.ts', { kind: 'change', before: 'a\n', after: 'A\n' }),
          edit(ws, 'src/new.ts', { kind: 'create', after: 'n\n' }),
          edit(ws, 'src/old.ts', { kind: 'rename', before: 'old\n', after: 'renamed\n', to: { path: path.join(ws, 'src/moved.ts'), shown: 'src/moved.ts' } }),
          edit(ws, 'src/gone.ts', { kind: 'delete', before: 'gone\n' }),
          row.last(ws),
        ]),
        /The files already changed were restored\./,
      );
      assert.equal(readFileSync(path.join(ws, 'src/a.ts'), 'utf8'), 'a\n');
      assert.equal(existsSync(path.join(ws, 'src/new.ts')), false);
      assert.equal(readFileSync(path.join(ws, 'src/old.ts'), 'utf8'), 'old\n');
      assert.equal(existsSync(path.join(ws, 'src/moved.ts')), false);
      assert.equal(readFileSync(path.join(ws, 'src/gone.ts'), 'utf8'), 'gone\n');
    });
  }
});
