import assert from 'node:assert/strict';
import { globShape, type GlobShape } from '../../../../src/core/guard/globShape';

describe('core/guard/globShape: which part of a path a glob needs', () => {
  const rows: { glob: string; shape: GlobShape; why: string }[] = [
    { glob: '**/.env', shape: { kind: 'tail', segments: 1, pattern: '.env' }, why: 'a name at any depth: the last segment' },
    { glob: '**/*.pem', shape: { kind: 'tail', segments: 1, pattern: '*.pem' }, why: 'an extension at any depth' },
    { glob: '**/.vscode/settings.json', shape: { kind: 'tail', segments: 2, pattern: '.vscode/settings.json' }, why: 'the last two segments' },
    { glob: '**/.ssh/**', shape: { kind: 'window', segments: 1, pattern: '.ssh' }, why: 'a folder at any depth: any segment' },
    { glob: '**/.github/workflows/**', shape: { kind: 'window', segments: 2, pattern: '.github/workflows' }, why: 'two consecutive segments' },
    { glob: '**/{a,b}', shape: { kind: 'tail', segments: 1, pattern: '{a,b}' }, why: 'braces inside one segment' },
    { glob: '**/{a,b/c}', shape: { kind: 'whole-path', pattern: '**/{a,b/c}' }, why: 'braces that may span a slash' },
    { glob: '**/[ab]/c', shape: { kind: 'whole-path', pattern: '**/[ab]/c' }, why: 'a bracket with several segments' },
    { glob: '**/+(a|b)', shape: { kind: 'whole-path', pattern: '**/+(a|b)' }, why: 'an extglob' },
    { glob: '**/a\\*', shape: { kind: 'whole-path', pattern: '**/a\\*' }, why: 'an escape' },
    { glob: '**/**/x', shape: { kind: 'whole-path', pattern: '**/**/x' }, why: 'a second globstar' },
    { glob: 'packages/app/src/**/*.ts', shape: { kind: 'under-folder', folder: 'packages/app/src', pattern: 'packages/app/src/**/*.ts' }, why: 'a literal leading folder' },
    { glob: 'package-lock.json', shape: { kind: 'under-folder', folder: 'package-lock.json', pattern: 'package-lock.json' }, why: 'a literal path is its own folder' },
    { glob: '!secret/x', shape: { kind: 'under-folder', folder: '!secret/x', pattern: '!secret/x' }, why: 'a leading ! is literal' },
    { glob: '*.md', shape: { kind: 'whole-path', pattern: '*.md' }, why: 'no literal folder' },
    { glob: '{src,lib}/**', shape: { kind: 'whole-path', pattern: '{src,lib}/**' }, why: 'braces first' },
    { glob: 'caf\u00e9/**', shape: { kind: 'whole-path', pattern: 'caf\u00e9/**' }, why: 'a non-ASCII folder is not trusted to fold like the regex' },
    { glob: '**', shape: { kind: 'whole-path', pattern: '**' }, why: 'everything' },
  ];
  for (const row of rows) {
    it(`${row.glob} → ${row.shape.kind}: ${row.why}`, () => {
      assert.deepEqual(globShape(row.glob), row.shape);
    });
  }
});
