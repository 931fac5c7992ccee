import assert from 'node:assert/strict';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { anchorFolder } from '../../../../src/core/guard/anchoredFolder';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';
import { moveGuardedFile, removeGuardedFile, writeGuardedText } from '../../../../src/core/guard/guardedWrite';
import { makeLayout, racingGuard, replaceFile, swapFolderForLink, type Layout } from './racingGuard';

// Every write a file tool makes goes through these. The rows swap the disk after the guard's
// decision, as a process racing the agent would; the write must land in the judged place or
// nowhere, and never touch anything outside the workspace.

function once(swap: (layout: Layout) => void): (layout: Layout) => void {
  let done = false;
  return (layout) => {
    if (!done) swap(layout);
    done = true;
  };
}

/** Everything under `outside`, with contents: it must be the same after every row. */
function snapshot(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => `${file}:${statSync(file).isFile() ? readFileSync(file, 'utf8') : '<dir>'}`)
    .join('\n');
}

function leftoverTemps(folder: string): string[] {
  return readdirSync(folder, { recursive: true }).map(String).filter((name) => name.includes('.airlock-'));
}

const src = (layout: Layout, name: string): string => path.join(layout.ws, 'src', name);

interface Row {
  attack: string;
  swap: (layout: Layout) => void;
  write: (guard: FileGuard, layout: Layout) => Promise<void>;
  refused: RegExp | undefined;
  /** What the workspace must hold afterwards. */
  check: (layout: Layout) => void;
}

const ROWS: Row[] = [
  {
    attack: 'nothing changes (control row): a file is replaced',
    swap: () => undefined,
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'a.ts'), 'NEW\n', 'replace'),
    refused: undefined,
    check: (layout) => assert.equal(readFileSync(src(layout, 'a.ts'), 'utf8'), 'NEW\n'),
  },
  {
    attack: 'parent folder swapped for a link to outside before a replace',
    swap: swapFolderForLink,
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'a.ts'), 'NEW\n', 'replace'),
    refused: /no longer a folder/,
    check: (layout) => assert.equal(readFileSync(path.join(layout.root, 'src-moved', 'a.ts'), 'utf8'), 'inside\n'),
  },
  {
    attack: 'the file swapped for a link to a file outside before a replace',
    swap: replaceFile((file, layout) => symlinkSync(path.join(layout.outside, 'a.ts'), file)),
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'a.ts'), 'NEW\n', 'replace'),
    refused: /no longer a regular file/,
    check: () => undefined,
  },
  {
    attack: 'the file given a second name outside (a hard link) before a replace',
    swap: (layout) => linkSync(src(layout, 'a.ts'), path.join(layout.root, 'alias.ts')),
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'a.ts'), 'NEW\n', 'replace'),
    refused: /second name/,
    check: (layout) => assert.equal(readFileSync(path.join(layout.root, 'alias.ts'), 'utf8'), 'inside\n'),
  },
  {
    attack: 'nothing changes (control row): a file is created in new folders',
    swap: () => undefined,
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'deep/er/new.ts'), 'NEW\n', 'create'),
    refused: undefined,
    check: (layout) => assert.equal(readFileSync(src(layout, 'deep/er/new.ts'), 'utf8'), 'NEW\n'),
  },
  {
    attack: 'parent folder swapped for a link to outside before a create',
    swap: swapFolderForLink,
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'new.ts'), 'NEW\n', 'create'),
    refused: /no longer a folder/,
    check: () => undefined,
  },
  {
    attack: 'a folder to be created appears as a link to outside before a create',
    swap: (layout) => symlinkSync(layout.outside, src(layout, 'deep')),
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'deep/new.ts'), 'NEW\n', 'create'),
    refused: /no longer a folder/,
    check: () => undefined,
  },
  {
    attack: 'a file appears under the new name before a create (nothing is overwritten)',
    swap: (layout) => writeFileSync(src(layout, 'new.ts'), 'theirs\n'),
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'new.ts'), 'NEW\n', 'create'),
    refused: /appeared/,
    check: (layout) => assert.equal(readFileSync(src(layout, 'new.ts'), 'utf8'), 'theirs\n'),
  },
  {
    attack: 'a dangling link to outside appears under the new name before a create',
    swap: (layout) => symlinkSync(path.join(layout.outside, 'planted.ts'), src(layout, 'new.ts')),
    write: (guard, layout) => writeGuardedText(guard, src(layout, 'new.ts'), 'NEW\n', 'create'),
    refused: /appeared/,
    check: () => undefined,
  },
  {
    attack: 'parent folder swapped for a link to outside before a delete',
    swap: swapFolderForLink,
    write: (guard, layout) => removeGuardedFile(guard, src(layout, 'a.ts')),
    refused: /no longer a folder/,
    check: (layout) => assert.ok(existsSync(path.join(layout.root, 'src-moved', 'a.ts'))),
  },
  {
    attack: 'the file swapped for a link before a delete (the link is not followed, nor removed)',
    swap: replaceFile((file, layout) => symlinkSync(path.join(layout.outside, 'a.ts'), file)),
    write: (guard, layout) => removeGuardedFile(guard, src(layout, 'a.ts')),
    refused: /no longer a regular file/,
    check: () => undefined,
  },
  {
    attack: 'nothing changes (control row): a file is moved with new text',
    swap: () => undefined,
    write: (guard, layout) => moveGuardedFile(guard, src(layout, 'a.ts'), src(layout, 'b.ts'), 'MOVED\n'),
    refused: undefined,
    check: (layout) => {
      assert.equal(readFileSync(src(layout, 'b.ts'), 'utf8'), 'MOVED\n');
      assert.equal(existsSync(src(layout, 'a.ts')), false);
    },
  },
  {
    attack: 'the destination appears before a move (nothing is overwritten, the source stays)',
    swap: (layout) => writeFileSync(src(layout, 'b.ts'), 'theirs\n'),
    write: (guard, layout) => moveGuardedFile(guard, src(layout, 'a.ts'), src(layout, 'b.ts'), 'MOVED\n'),
    refused: /appeared/,
    check: (layout) => {
      assert.equal(readFileSync(src(layout, 'b.ts'), 'utf8'), 'theirs\n');
      assert.equal(readFileSync(src(layout, 'a.ts'), 'utf8'), 'inside\n');
    },
  },
];

describe('guardedWrite: a write lands where the guard judged, or nowhere', () => {
  let layout: Layout;
  beforeEach(() => {
    layout = makeLayout();
  });
  afterEach(() => rmSync(layout.root, { recursive: true, force: true }));

  for (const row of ROWS) {
    it(row.attack, async () => {
      const outsideBefore = snapshot(layout.outside);
      const write = row.write(racingGuard(layout, once(row.swap)), layout);
      if (row.refused) await assert.rejects(write, row.refused);
      else await write;
      row.check(layout);
      assert.equal(snapshot(layout.outside), outsideBefore, 'nothing outside the workspace changed');
      assert.deepEqual(leftoverTemps(layout.root), [], 'no temporary file is left behind');
    });
  }

  it('refuses a path the guard denies, before touching the disk', async () => {
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: { allow: ['**'], deny: ['**/.env'], readonly: [], extensions: [], maxFileSizeMb: 1 } });
    await assert.rejects(writeGuardedText(guard, path.join(layout.ws, '.env'), 'TOKEN=x\n', 'create'), /may not be written/);
    assert.equal(existsSync(path.join(layout.ws, '.env')), false);
  });

  it('keeps the permissions of a file it replaces (an executable script stays executable)', async () => {
    chmodSync(src(layout, 'a.ts'), 0o750);
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: { allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 1 } });
    await writeGuardedText(guard, src(layout, 'a.ts'), 'NEW\n', 'replace');
    assert.equal(statSync(src(layout, 'a.ts')).mode & 0o777, 0o750);
  });

  it('anchoredFolder: a folder swapped for a link after it was anchored still receives the write, not the link target', async () => {
    const anchored = await anchorFolder(path.join(layout.ws, 'src'));
    try {
      swapFolderForLink(layout);
      if (process.platform === 'linux') {
        writeFileSync(await anchored.entry('late.ts'), 'late\n');
        assert.equal(readFileSync(path.join(layout.root, 'src-moved', 'late.ts'), 'utf8'), 'late\n');
      } else {
        await assert.rejects(anchored.entry('late.ts'), /leads to|replaced/);
      }
      assert.equal(existsSync(path.join(layout.outside, 'late.ts')), false);
    } finally {
      await anchored.close();
    }
  });

  it('anchoredFolder: refuses a name that is not a single file name', async () => {
    mkdirSync(path.join(layout.ws, 'src', 'sub'));
    renameSync(path.join(layout.ws, 'src', 'sub'), path.join(layout.ws, 'src', 'sub2'));
    const anchored = await anchorFolder(path.join(layout.ws, 'src'));
    try {
      for (const name of ['', '.', '..', '../a.ts', 'sub2/x']) await assert.rejects(anchored.entry(name), /not a single file name/, name);
    } finally {
      await anchored.close();
    }
  });
});
