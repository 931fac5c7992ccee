import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeSocketFolder, removeOrphans } from '../../../../src/core/egress/socketFolder';

const PREFIX = 'airlock-egress-';

describe('egress: socket folders, and the ones killed processes left (socketFolder)', () => {
  let parent: string;
  let alive: ChildProcess;
  /** A process id that existed and has exited. */
  let gone: number;

  before(() => {
    alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    gone = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
    assert.ok(gone > 0);
  });
  after(() => alive.kill());
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'airlock-socketfolder-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  const cases: [string, () => string, 'removed' | 'kept'][] = [
    ['the folder of a process that has exited (its socket with it)', () => `${PREFIX}${gone}-AbC123`, 'removed'],
    ['the folder of this process', () => `${PREFIX}${process.pid}-AbC123`, 'kept'],
    ['the folder of a process that still runs', () => `${PREFIX}${alive.pid ?? 0}-AbC123`, 'kept'],
    ['a folder named without a process id (an older version\'s)', () => `${PREFIX}AbC123`, 'kept'],
    ['a folder of another prefix', () => `airlock-mcp-egress-${gone}-AbC123`, 'kept'],
    ['a folder whose "pid" is not a number', () => `${PREFIX}12ab-AbC123`, 'kept'],
  ];
  for (const [name, folderName, expected] of cases) {
    it(`${expected}: ${name}`, () => {
      const folder = path.join(parent, folderName());
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'proxy.sock'), '');
      removeOrphans(PREFIX, parent);
      assert.equal(existsSync(folder), expected === 'kept');
    });
  }

  it('kept: a file, not a folder, with such a name', () => {
    const file = path.join(parent, `${PREFIX}${gone}-file`);
    writeFileSync(file, '');
    removeOrphans(PREFIX, parent);
    assert.ok(existsSync(file));
  });

  it('a new folder carries this process id, only this user can open it, and the orphans are gone first', () => {
    const orphan = path.join(parent, `${PREFIX}${gone}-XyZ789`);
    mkdirSync(orphan);
    const folder = makeSocketFolder(PREFIX, parent);
    assert.ok(path.basename(folder).startsWith(`${PREFIX}${process.pid}-`), folder);
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    assert.equal(existsSync(orphan), false);
  });

  it('an absent parent folder is no error', () => {
    assert.doesNotThrow(() => removeOrphans(PREFIX, path.join(parent, 'nowhere')));
  });
});
