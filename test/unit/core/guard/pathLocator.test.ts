import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileReason } from '../../../../src/core/guard/fileDecision';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { nodeGuardFs, type GuardFs } from '../../../../src/core/guard/guardFs';

const RULES: FileRules = { allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 1 };

interface Layout {
  readonly root: string;
  readonly ws: string;
  readonly outside: string;
}

async function createLayout(): Promise<Layout> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'airlock-locator-')));
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  await mkdir(path.join(ws, 'src'), { recursive: true });
  await mkdir(outside);
  for (const name of ['a.ts', 'b.ts']) {
    await writeFile(path.join(ws, 'src', name), 'inside\n');
    await writeFile(path.join(outside, name), 'SECRET FROM OUTSIDE\n');
  }
  return { root, ws, outside };
}

/** Each row: what changes on disk after a first call allowed src/a.ts, and what a later call must answer. */
const SWAPS: { attack: string; swap: (layout: Layout) => Promise<void>; reason: FileReason }[] = [
  { attack: 'nothing changes (control row)', swap: () => Promise.resolve(), reason: 'allowed' },
  {
    attack: 'the folder swapped for a link to outside',
    swap: async ({ root, ws, outside }) => {
      await rename(path.join(ws, 'src'), path.join(root, 'src-moved'));
      await symlink(outside, path.join(ws, 'src'));
    },
    reason: 'symlink-escape',
  },
  {
    attack: 'the folder swapped for a file',
    swap: async ({ root, ws }) => {
      await rename(path.join(ws, 'src'), path.join(root, 'src-moved'));
      await writeFile(path.join(ws, 'src'), 'now a file\n');
    },
    reason: 'unresolvable-path',
  },
];

describe('core/guard/pathLocator (through FileGuard.forCall)', () => {
  let layout: Layout;
  beforeEach(async () => {
    layout = await createLayout();
  });
  afterEach(async () => {
    await rm(layout.root, { recursive: true, force: true });
  });

  describe('a folder cached by one call is judged anew by the next', () => {
    for (const row of SWAPS) {
      it(`${row.reason === 'allowed' ? 'allows' : 'denies'} src/a.ts after ${row.attack}`, async () => {
        const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: RULES });
        const first = guard.forCall();
        assert.equal((await first.decide('src/b.ts', 'read')).reason, 'allowed');
        await row.swap(layout);
        const decision = await guard.forCall().decide('src/a.ts', 'read');
        assert.equal(decision.reason, row.reason, decision.detail);
      });
    }
  });

  it('denies, within the same call, a file in a cached folder swapped for a link to outside', async () => {
    const call = createFileGuard({ workspaceFolders: [layout.ws], rules: RULES }).forCall();
    assert.equal((await call.decide('src/b.ts', 'read')).reason, 'allowed');
    await rm(path.join(layout.ws, 'src', 'a.ts'));
    await symlink(path.join(layout.outside, 'a.ts'), path.join(layout.ws, 'src', 'a.ts'));
    assert.equal((await call.decide('src/a.ts', 'read')).reason, 'symlink-escape');
  });

  it('resolves a folder once per call, not once per file in it', async () => {
    const names = Array.from({ length: 20 }, (_, index) => `f${index}.ts`);
    for (const name of names) await writeFile(path.join(layout.ws, 'src', name), '\n');
    const count = async (decideAll: (guard: FileGuard) => Promise<void>): Promise<number> => {
      const calls: string[] = [];
      const fs: GuardFs = { ...nodeGuardFs, realpath: (target) => (calls.push(target), nodeGuardFs.realpath(target)) };
      await decideAll(createFileGuard({ workspaceFolders: [layout.ws], rules: RULES, fs }));
      return calls.length;
    };
    const each = (guard: FileGuard): Promise<void> => Promise.all(names.map((name) => guard.decide(`src/${name}`, 'read'))).then(() => undefined);
    // One realpath for the workspace folder when the guard starts, then per file or per folder.
    assert.equal(await count(each), 1 + names.length);
    assert.equal(await count((guard) => each(guard.forCall())), 1 + 1);
    assert.equal(await count(async (guard) => {
      await each(guard.forCall());
      await each(guard.forCall());
    }), 1 + 2, 'a second call resolves the folder again');
  });
});
