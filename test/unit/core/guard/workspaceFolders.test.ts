import assert from 'node:assert/strict';
import path from 'node:path';
import { relativeInside } from '../../../../src/core/guard/workspaceFolders';

describe('core/guard/workspaceFolders: relativeInside', () => {
  const rows: { name: string; child: string; folder: string; caseInsensitive: boolean; api: 'posix' | 'win32'; expected: string | undefined }[] = [
    { name: 'the folder itself', child: '/w/p', folder: '/w/p', caseInsensitive: false, api: 'posix', expected: '' },
    { name: 'a file inside', child: '/w/p/src/a.ts', folder: '/w/p', caseInsensitive: false, api: 'posix', expected: 'src/a.ts' },
    { name: 'a sibling sharing the prefix', child: '/w/p2/a.ts', folder: '/w/p', caseInsensitive: false, api: 'posix', expected: undefined },
    { name: 'the parent', child: '/w', folder: '/w/p', caseInsensitive: false, api: 'posix', expected: undefined },
    { name: 'a folder given with a trailing slash', child: '/w/p/a', folder: '/w/p/', caseInsensitive: false, api: 'posix', expected: 'a' },
    { name: 'the file system root as folder', child: '/etc/passwd', folder: '/', caseInsensitive: false, api: 'posix', expected: 'etc/passwd' },
    { name: 'other case on a case-sensitive folder', child: '/W/P/a', folder: '/w/p', caseInsensitive: false, api: 'posix', expected: undefined },
    { name: 'other case on a case-insensitive folder keeps the spelling', child: '/W/P/Src/A.ts', folder: '/w/p', caseInsensitive: true, api: 'posix', expected: 'Src/A.ts' },
    { name: 'a Windows file, POSIX-style result', child: 'C:\\w\\p\\src\\a.ts', folder: 'C:\\w\\p', caseInsensitive: true, api: 'win32', expected: 'src/a.ts' },
    { name: 'a Windows drive root as folder', child: 'D:\\x\\y', folder: 'D:\\', caseInsensitive: true, api: 'win32', expected: 'x/y' },
    { name: 'another drive', child: 'D:\\w\\p\\a', folder: 'C:\\w\\p', caseInsensitive: true, api: 'win32', expected: undefined },
    { name: 'a letter whose lower case is longer (İ) does not shift the cut', child: '/\u0130/p/a', folder: '/\u0130/p', caseInsensitive: true, api: 'posix', expected: 'a' },
  ];
  for (const row of rows) {
    it(`${row.name}`, () => {
      assert.equal(relativeInside(row.child, row.folder, row.caseInsensitive, path[row.api]), row.expected);
    });
  }
});
