import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { detectCaseInsensitive } from '../../../../src/core/guard/caseSensitivity';
import { nodeGuardFs } from '../../../../src/core/guard/guardFs';
import { memoryWindowsFs } from './memoryFs';
import { createTempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('core/guard/caseSensitivity', () => {
  let w: TempWorkspace;
  before(async () => {
    w = await createTempWorkspace();
  });
  after(async () => {
    await w.dispose();
  });

  it('finds a case-insensitive volume: the name in other case reaches the same folder', async () => {
    const fs = memoryWindowsFs({ 'C:\\Work\\Proj\\a.ts': 1 });
    assert.equal(await detectCaseInsensitive('C:\\Work\\Proj', fs, 'win32', path.win32), true);
  });

  it('finds a case-sensitive file system: the name in other case is missing', async function () {
    if (process.platform !== 'linux') this.skip();
    assert.equal(await detectCaseInsensitive(w.ws, nodeGuardFs, 'posix', path.posix), false);
  });

  it('is not fooled by a sibling folder that differs only in case', async function () {
    if (process.platform !== 'linux') this.skip();
    await mkdir(path.join(w.root, 'WS'));
    assert.equal(await detectCaseInsensitive(w.ws, nodeGuardFs, 'posix', path.posix), false);
  });

  it('falls back to the platform default for a name without letters', async () => {
    const fs = memoryWindowsFs({ 'C:\\2024\\a.ts': 1 });
    assert.equal(await detectCaseInsensitive('C:\\2024', fs, 'win32', path.win32), true);
  });
});
