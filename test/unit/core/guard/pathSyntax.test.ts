import assert from 'node:assert/strict';
import type { PathPlatform } from '../../../../src/core/guard/pathPlatform';
import { findNameProblem, findPathProblem } from '../../../../src/core/guard/pathSyntax';

describe('core/guard/pathSyntax', () => {
  // refused: the problem text must mention this fragment; null: a plain path.
  const rows: { form: string; path: string; posix: string | null; win32: string | null }[] = [
    { form: 'plain relative path', path: 'src/a.ts', posix: null, win32: null },
    { form: 'parent segments (resolved later)', path: '../x/./y', posix: null, win32: null },
    { form: 'accented name', path: 'docs/caf\u00e9.md', posix: null, win32: null },
    { form: 'CJK name', path: '\u6587\u6863/\u8bf4\u660e.md', posix: null, win32: null },
    { form: 'ligature that folds to letters', path: 'docs/\ufb01le.md', posix: null, win32: null },
    { form: 'tilde inside a name', path: 'backup~/x', posix: null, win32: null },
    { form: 'empty', path: '', posix: 'empty', win32: 'empty' },
    { form: 'too long', path: 'a/'.repeat(2100), posix: 'longer', win32: 'longer' },
    { form: 'NUL', path: 'a\0b', posix: 'NUL', win32: 'NUL' },
    { form: 'DEL control character', path: 'a\u007fb', posix: 'control', win32: 'control' },
    { form: 'C1 control character', path: 'a\u0085b', posix: 'control', win32: 'control' },
    { form: 'lone low surrogate', path: 'a\udc00', posix: 'surrogate', win32: 'surrogate' },
    { form: 'replacement character', path: 'a\ufffd', posix: 'U+FFFD', win32: 'U+FFFD' },
    { form: 'zero-width joiner', path: '.e\u200dnv', posix: 'invisible', win32: 'invisible' },
    { form: 'byte order mark', path: '\ufeffsrc/a.ts', posix: 'invisible', win32: 'invisible' },
    { form: 'soft hyphen', path: 'se\u00adcrets', posix: 'invisible', win32: 'invisible' },
    { form: 'percent-encoded dot', path: '%2E%2E/x', posix: 'percent', win32: 'percent' },
    { form: 'overlong UTF-8', path: '%e0%80%ae/x', posix: 'percent', win32: 'percent' },
    { form: 'IIS %u', path: '%U002F', posix: 'percent', win32: 'percent' },
    { form: 'a lone percent sign is a name', path: '100%.md', posix: null, win32: null },
    { form: 'fullwidth full stop', path: '\uff0e', posix: '"."', win32: '"."' },
    { form: 'small full stop', path: '\ufe52\ufe52/x', posix: '"."', win32: '"."' },
    { form: 'two-dot leader', path: '\u2025/x', posix: '".."', win32: '".."' },
    { form: 'fullwidth colon', path: 'a\uff1a$DATA', posix: '":"', win32: '":"' },
    { form: 'account-of sign (folds to a/c)', path: '\u2100', posix: '"a/c"', win32: '"a/c"' },
    { form: 'fullwidth percent', path: '\uff052e', posix: '"%"', win32: '"%"' },
    { form: 'verbatim prefix', path: '\\\\?\\C:\\x', posix: 'verbatim', win32: 'verbatim' },
    { form: 'verbatim prefix with slashes', path: '//?/C:/x', posix: 'verbatim', win32: 'verbatim' },
    { form: 'device prefix', path: '\\\\.\\pipe\\x', posix: 'verbatim', win32: 'verbatim' },
    { form: 'device prefix alone', path: '\\\\.', posix: 'verbatim', win32: 'verbatim' },
    { form: 'NT object prefix', path: '\\??\\C:\\x', posix: 'verbatim', win32: 'verbatim' },
    { form: 'URI', path: 'vscode-remote://host/x', posix: 'URI', win32: 'URI' },
    { form: 'drive letter', path: 'C:\\x', posix: 'backslash', win32: null },
    { form: 'drive letter with slash', path: 'c:/x', posix: '":"', win32: null },
    { form: 'UNC', path: '\\\\server\\share\\x', posix: 'backslash', win32: null },
    { form: 'UNC with slashes', path: '//server/share/x', posix: '//', win32: null },
    { form: 'backslash separator', path: 'src\\a.ts', posix: 'backslash', win32: null },
    { form: 'rooted without drive', path: '\\x', posix: 'backslash', win32: 'no drive' },
    { form: 'POSIX absolute on Windows', path: '/etc/passwd', posix: null, win32: 'no drive' },
    { form: 'drive-relative', path: 'C:x', posix: '":"', win32: 'C:foo' },
    { form: 'default stream', path: 'a.ts::$DATA', posix: '":"', win32: 'data stream' },
    { form: 'named stream on a folder', path: 'src:$I30:$INDEX_ALLOCATION/a.ts', posix: '":"', win32: 'data stream' },
    { form: 'wildcard', path: 'a?.ts', posix: null, win32: 'does not allow' },
    { form: 'trailing dot', path: 'a.ts.', posix: 'dot or space', win32: 'dot or space' },
    { form: 'three dots', path: '.../x', posix: 'dot or space', win32: 'dot or space' },
    { form: 'trailing space in a folder', path: 'src /a.ts', posix: 'dot or space', win32: 'dot or space' },
    { form: 'trailing separator is fine', path: 'src/', posix: null, win32: null },
    { form: 'reserved name', path: 'PRN', posix: 'reserved', win32: 'reserved' },
    { form: 'reserved name with two extensions', path: 'x/Aux.tar.gz', posix: 'reserved', win32: 'reserved' },
    { form: 'reserved console name', path: 'CONOUT$', posix: 'reserved', win32: 'reserved' },
    { form: 'name that starts like a reserved one', path: 'console.ts', posix: null, win32: null },
    { form: 'COM10 is not reserved', path: 'com10', posix: null, win32: null },
    { form: '8.3 short name', path: 'PROGRA~1/x', posix: '8.3', win32: '8.3' },
    { form: '8.3 short name with an extension', path: 'x/GITATT~1', posix: '8.3', win32: '8.3' },
    { form: 'home folder', path: '~/.ssh/id_rsa', posix: 'home', win32: 'home' },
    { form: 'home folder on Windows', path: '~\\.ssh\\id_rsa', posix: 'backslash', win32: 'home' },
  ];

  for (const platform of ['posix', 'win32'] as const satisfies readonly PathPlatform[]) {
    describe(platform, () => {
      for (const row of rows) {
        const expected = row[platform];
        it(`${expected === null ? 'accepts' : 'refuses'} ${row.form}`, () => {
          const problem = findPathProblem(row.path, platform);
          if (expected === null) assert.equal(problem, undefined);
          else assert.ok(problem?.includes(expected), `expected a problem mentioning ${expected}, got ${String(problem)}`);
        });
      }
    });
  }

  // A listing judges each name alone, its folder having been judged: it must refuse exactly the
  // names the whole-path check would refuse in that folder.
  const names: [string, string][] = [
    ['a plain file', 'money.ts'],
    ['a dot file', '.env'],
    ['an accented name', 'caf\u00e9.md'],
    ['a line break that would forge a listing line', 'a\n.env'],
    ['a zero-width space', 'a\u200bb.ts'],
    ['percent-encoding', 'a%2e%2e'],
    ['a trailing dot', '.env.'],
    ['a trailing space', 'notes.txt '],
    ['a reserved device name', 'CON'],
    ['an 8.3 short name', 'PROGRA~1'],
    ['a colon (alternate data stream)', 'a.txt:hidden'],
    ['a backslash', 'a\\b'],
    ['a Windows-forbidden character', 'a|b'],
    ['a lone surrogate', 'a\udc00'],
    ['a fullwidth look-alike of a slash', 'a\uff0fb'],
    ['a tilde alone', '~'],
  ];
  for (const platform of ['posix', 'win32'] as const satisfies readonly PathPlatform[]) {
    const folder = platform === 'posix' ? '/ws/src' : 'C:\\ws\\src';
    const separator = platform === 'posix' ? '/' : '\\';
    // On Windows a backslash separates names, so no name in a listing holds one: posix only.
    for (const [form, name] of names.filter(([, name]) => platform === 'posix' || !name.includes('\\'))) {
      it(`${platform}: findNameProblem agrees with the whole-path check on ${form}`, () => {
        const whole = findPathProblem(`${folder}${separator}${name}`, platform);
        assert.equal(findNameProblem(name, platform) === undefined, whole === undefined, `whole path: ${String(whole)}`);
      });
    }
  }
});
