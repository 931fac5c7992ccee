import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileStamp } from '../../../../src/core/files/fileStamp';

describe('core/files/fileStamp: a file changed or replaced gets another stamp', () => {
  let dir: string;
  let file: string;
  let before: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'airlock-stamp-'));
    file = path.join(dir, 'audit.jsonl');
    writeFileSync(file, 'one\n');
    utimesSync(file, 1_000, 1_000);
    before = await fileStamp(file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rows: { change: string; make: (file: string, dir: string) => void; differs: boolean }[] = [
    { change: 'nothing (control row)', make: () => undefined, differs: false },
    { change: 'a line appended', make: (f) => { writeFileSync(f, 'one\ntwo\n'); utimesSync(f, 1_000, 1_000); }, differs: true },
    { change: 'a same-size edit with a new time', make: (f) => { writeFileSync(f, 'One\n'); utimesSync(f, 2_000, 2_000); }, differs: true },
    {
      change: 'replaced by another file of the same size and time (an atomic write)',
      make: (f, d) => { const other = path.join(d, 'next'); writeFileSync(other, 'One\n'); utimesSync(other, 1_000, 1_000); renameSync(other, f); },
      differs: true,
    },
    { change: 'deleted', make: (f) => rmSync(f), differs: true },
  ];
  for (const row of rows) {
    it(`${row.differs ? 'changes' : 'keeps'} the stamp: ${row.change}`, async () => {
      row.make(file, dir);
      assert.equal((await fileStamp(file)) !== before, row.differs);
    });
  }

  it('a missing file is "missing"', async () => {
    assert.equal(await fileStamp(path.join(dir, 'none')), 'missing');
  });
});
