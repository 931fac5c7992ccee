import assert from 'node:assert/strict';
import path from 'node:path';
import { nodeGuardFs } from '../../../../src/core/guard/guardFs';
import { resolveRealLocation } from '../../../../src/core/guard/realLocation';
import { createTempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('core/guard/realLocation', () => {
  let w: TempWorkspace;
  before(async () => {
    w = await createTempWorkspace();
  });
  after(async () => {
    await w.dispose();
  });

  const rows: { name: string; path: (w: TempWorkspace) => string; expected: (w: TempWorkspace) => string }[] = [
    { name: 'an existing file', path: (t) => `${t.ws}/src/a.ts`, expected: (t) => path.join(t.ws, 'src/a.ts') },
    { name: 'a new file: the existing prefix plus the rest', path: (t) => `${t.ws}/src/new/x.ts`, expected: (t) => path.join(t.ws, 'src/new/x.ts') },
    { name: 'a new file under a link to outside', path: (t) => `${t.ws}/out-link/new/x.ts`, expected: (t) => path.join(t.outside, 'new/x.ts') },
    { name: '.. climbs from a link\'s target, as the OS does', path: (t) => `${t.ws}/out-link/../ws/src/a.ts`, expected: (t) => path.join(t.ws, 'src/a.ts') },
    { name: '.. in the missing rest is collapsed', path: (t) => `${t.ws}/src/new/../b.ts`, expected: (t) => path.join(t.ws, 'src/b.ts') },
    { name: 'a relative link target', path: (t) => `${t.ws}/relative-out-link/secret.ts`, expected: (t) => path.join(t.outside, 'secret.ts') },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      assert.deepEqual(await resolveRealLocation(row.path(w), nodeGuardFs, path.posix), { kind: 'resolved', path: row.expected(w) });
    });
  }

  it('reports a dangling link instead of judging the link\'s own name', async () => {
    assert.deepEqual(await resolveRealLocation(`${w.ws}/dangling.ts`, nodeGuardFs, path.posix), { kind: 'dangling-symlink', link: `${w.ws}/dangling.ts` });
  });

  it('reports a dangling link met on the way up', async () => {
    const location = await resolveRealLocation(`${w.ws}/dangling.ts/deeper/x`, nodeGuardFs, path.posix);
    assert.equal(location.kind, 'dangling-symlink');
  });

  it('throws on a link loop (ELOOP), which the guard turns into a denial', async () => {
    await assert.rejects(resolveRealLocation(`${w.ws}/loop-a/x`, nodeGuardFs, path.posix), (error: unknown) => (error as { code?: string }).code === 'ELOOP');
  });
});
