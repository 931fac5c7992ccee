import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileMode } from '../../../../src/core/guard/fileDecision';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';
import { openGuardedFile, readGuardedDirectory } from '../../../../src/core/guard/guardedOpen';

// The guard decides on a path; the tool then uses it. These rows swap the file system between
// the two, as a hostile process racing the agent would, and the tool must refuse what it opened.

interface Layout {
  root: string;
  ws: string;
  outside: string;
}

function makeLayout(): Layout {
  const root = mkdtempSync(path.join(tmpdir(), 'airlock-guarded-open-'));
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(ws, 'src'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(ws, 'src', 'a.ts'), 'inside\n');
  writeFileSync(path.join(outside, 'a.ts'), 'SECRET FROM OUTSIDE\n');
  return { root, ws, outside };
}

/** A guard whose decision is real, after which `swap` changes the disk before the tool uses it. */
function racingGuard(layout: Layout, swap: (layout: Layout) => void): FileGuard {
  const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: { allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 1 } });
  const racing: FileGuard = {
    async decide(target: string, mode: FileMode) {
      const decision = await guard.decide(target, mode);
      swap(layout);
      return decision;
    },
    checkWriteSize: (bytes) => guard.checkWriteSize(bytes),
    forCall: () => racing,
  };
  return racing;
}

function swapFolderForLink(layout: Layout): void {
  renameSync(path.join(layout.ws, 'src'), path.join(layout.root, 'src-moved'));
  symlinkSync(layout.outside, path.join(layout.ws, 'src'));
}

const FILE_ROWS: { attack: string; swap: (layout: Layout) => void; opens: boolean }[] = [
  { attack: 'nothing changes (control row)', swap: () => undefined, opens: true },
  { attack: 'parent folder swapped for a link to outside', swap: swapFolderForLink, opens: false },
  {
    attack: 'the file itself swapped for a link to outside',
    swap: (layout) => {
      unlinkSync(path.join(layout.ws, 'src', 'a.ts'));
      symlinkSync(path.join(layout.outside, 'a.ts'), path.join(layout.ws, 'src', 'a.ts'));
    },
    opens: false,
  },
  {
    attack: 'the file swapped for a FIFO that would hang a read',
    swap: (layout) => {
      unlinkSync(path.join(layout.ws, 'src', 'a.ts'));
      execFileSync('mkfifo', [path.join(layout.ws, 'src', 'a.ts')]);
    },
    opens: false,
  },
  {
    attack: 'the file deleted',
    swap: (layout) => unlinkSync(path.join(layout.ws, 'src', 'a.ts')),
    opens: false,
  },
];

describe('guardedOpen: a tool uses what the guard judged, or nothing', () => {
  let layout: Layout;
  beforeEach(() => {
    layout = makeLayout();
  });
  afterEach(() => {
    rmSync(layout.root, { recursive: true, force: true });
  });

  for (const row of FILE_ROWS) {
    it(`openGuardedFile: ${row.attack}`, async () => {
      const opened = await openGuardedFile(racingGuard(layout, row.swap), 'src/a.ts');
      if (row.opens) {
        assert.ok(opened.ok, opened.ok ? '' : opened.decision.detail);
        assert.equal(await opened.value.handle.readFile('utf8'), 'inside\n');
        await opened.value.handle.close();
        return;
      }
      assert.equal(opened.ok, false);
      if (!opened.ok) assert.equal(opened.decision.reason, 'changed-since-decision', opened.decision.detail);
    });
  }

  it('openGuardedFile: a denied path is never opened', async () => {
    writeFileSync(path.join(layout.ws, '.env'), 'TOKEN=x\n');
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: { allow: ['**'], deny: ['**/.env'], readonly: [], extensions: [], maxFileSizeMb: 1 } });
    const opened = await openGuardedFile(guard, '.env');
    assert.equal(opened.ok, false);
    if (!opened.ok) assert.equal(opened.decision.reason, 'denied-by-rule');
  });

  it('readGuardedDirectory: lists the judged folder (control row)', async () => {
    const listed = await readGuardedDirectory(racingGuard(layout, () => undefined), 'src');
    assert.ok(listed.ok);
    assert.deepEqual(listed.value.entries.map((entry) => entry.name), ['a.ts']);
  });

  it('readGuardedDirectory: a folder swapped for a link to outside is not listed', async () => {
    writeFileSync(path.join(layout.outside, 'id_rsa'), 'key\n');
    const listed = await readGuardedDirectory(racingGuard(layout, swapFolderForLink), 'src');
    assert.equal(listed.ok, false);
    if (!listed.ok) assert.equal(listed.decision.reason, 'changed-since-decision');
  });
});
