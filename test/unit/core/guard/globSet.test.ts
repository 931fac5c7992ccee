import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlobSet, picomatchOptions } from '../../../../src/core/guard/globSet';

describe('core/guard/globSet', () => {
  const globs = ['secrets', '**/.env', '**/*.pem', 'build/**', 'src/{gen,vendor}/**/*.js', 'docs/*.md', '!literal'];
  const set = compileGlobSet(globs, { nocase: false, coverContents: false });

  const rows: { name: string; path: string; match: string | undefined }[] = [
    { name: 'an exact name', path: 'secrets', match: 'secrets' },
    { name: 'a dotfile at the root (dot: true)', path: '.env', match: '**/.env' },
    { name: 'a dotfile deeper down', path: 'a/b/.env', match: '**/.env' },
    { name: 'a file under a dot folder', path: '.ssh/id.pem', match: '**/*.pem' },
    { name: 'the folder a /** glob names', path: 'build', match: 'build/**' },
    { name: 'braces', path: 'src/vendor/x/y.js', match: 'src/{gen,vendor}/**/*.js' },
    { name: 'a star stops at a slash', path: 'docs/a/b.md', match: undefined },
    { name: 'a leading ! is literal, not negation', path: '!literal', match: '!literal' },
    { name: 'negation would have matched this', path: 'anything-else', match: undefined },
    { name: 'case matters on a case-sensitive set', path: 'SECRETS', match: undefined },
    { name: 'the first matching glob in list order', path: 'build/k.pem', match: '**/*.pem' },
    { name: 'the empty path (a folder itself)', path: '', match: undefined },
  ];
  for (const row of rows) {
    it(`${row.match === undefined ? 'misses' : 'matches'} ${row.name}: ${row.path}`, () => {
      assert.equal(set.firstMatch(row.path), row.match);
    });
  }

  it('covers a matched folder\'s contents when asked (deny semantics)', () => {
    const deny = compileGlobSet(['secrets', 'build/**'], { nocase: false, coverContents: true });
    assert.equal(deny.firstMatch('secrets/a/b.key'), 'secrets');
    assert.equal(deny.firstMatch('build/x'), 'build/**');
    assert.equal(deny.firstMatch('secretsX/a'), undefined);
  });

  it('folds case when nocase is set', () => {
    const folded = compileGlobSet(['.vscode/settings.json'], { nocase: true, coverContents: false });
    assert.equal(folded.firstMatch('.VSCode/Settings.JSON'), '.vscode/settings.json');
  });

  it('matches nothing with no globs', () => {
    assert.equal(compileGlobSet([], { nocase: false, coverContents: true }).firstMatch('x'), undefined);
  });

  it('agrees with picomatch glob by glob, whatever the shapes (the grouping changes nothing but speed)', () => {
    const pool = [
      '**', '*', '*.ts', '**/*.ts', 'src/**', 'src/*', '**/.env', '.*', 'a/{b,c}/**', '**/node_modules/**', 'x?.md', '[ab]*/**',
      '**/test/**/*.spec.ts', '@(a|b)/*', '**/a/b', '**/a/b/**', '**/{a,b/c}', '**/{a,b}/**', 'src/a/**', 'src/a', 'a/b/c',
      'a\\*b', '**/+(a|b)', '**/[ab]/c', '**/*', 'A/**', '**/f.ts', 'test/*/u.spec.ts', '.git/**', '**/.git', 'src/**/f.ts',
    ];
    const segment = fc.constantFrom('src', 'a', 'b', 'c', '.env', 'x1.md', 'node_modules', 'test', 'u.spec.ts', 'f.ts', '.git', 'A', 'ab', 'a*b');
    fc.assert(
      fc.property(fc.subarray(pool, { minLength: 1 }), fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), (chosen, parts, nocase, coverContents) => {
        const relative = parts.join('/');
        const options = picomatchOptions({ nocase });
        const matches = (glob: string): boolean => picomatch.isMatch(relative, glob, options) || (coverContents && picomatch.isMatch(relative, `${glob}/**`, options));
        assert.equal(compileGlobSet(chosen, { nocase, coverContents }).firstMatch(relative), chosen.find(matches));
      }),
      { numRuns: 2000 },
    );
  });
});
