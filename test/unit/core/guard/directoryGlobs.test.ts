import assert from 'node:assert/strict';
import { compileDirectoryGlobs } from '../../../../src/core/guard/directoryGlobs';

describe('core/guard/directoryGlobs: folders a listing may open on the way to allowed paths', () => {
  const rows: { globs: string[]; folder: string; match: string | undefined; why: string }[] = [
    { globs: ['src/**/*.ts'], folder: '', match: 'src/**/*.ts', why: 'the workspace folder leads everywhere' },
    { globs: ['src/**/*.ts'], folder: 'src', match: 'src/**/*.ts', why: 'the static part of the glob' },
    { globs: ['src/**/*.ts'], folder: 'src/a/b', match: 'src/**/*.ts', why: 'below a globstar anything may match' },
    { globs: ['src/**/*.ts'], folder: 'docs', match: undefined, why: 'another branch' },
    { globs: ['docs/*.md'], folder: 'docs', match: 'docs/*.md', why: 'the folder holding the files' },
    { globs: ['docs/*.md'], folder: 'docs/old.md', match: 'docs/*.md', why: 'a folder named like the files matches by name' },
    { globs: ['docs/*.md'], folder: 'docs/deep', match: undefined, why: 'a folder the last segment does not match' },
    { globs: ['docs/*.md'], folder: 'docs/deep/er', match: undefined, why: 'deeper than the glob reaches' },
    { globs: ['packages/*/src/**'], folder: 'packages/app', match: 'packages/*/src/**', why: 'a wildcard segment' },
    { globs: ['packages/*/src/**'], folder: 'packages/app/test', match: undefined, why: 'a literal segment that differs' },
    { globs: ['{src,lib}/**'], folder: 'lib', match: '{src,lib}/**', why: 'braces within a segment' },
    { globs: ['a/{b,c/d}/**'], folder: 'a/c', match: undefined, why: 'braces spanning a slash err towards denying' },
  ];
  for (const row of rows) {
    it(`${row.match === undefined ? 'refuses' : 'opens'} ${JSON.stringify(row.folder)} for ${row.globs.join(', ')}: ${row.why}`, () => {
      assert.equal(compileDirectoryGlobs(row.globs, { nocase: false }).firstMatch(row.folder), row.match);
    });
  }

  it('folds case when nocase is set', () => {
    assert.equal(compileDirectoryGlobs(['Src/**'], { nocase: true }).firstMatch('SRC'), 'Src/**');
    assert.equal(compileDirectoryGlobs(['Src/**'], { nocase: false }).firstMatch('SRC'), undefined);
  });
});
