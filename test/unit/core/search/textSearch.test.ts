import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ripgrepArgs, ripgrepSearch, parseMatch } from '../../../../src/core/process/ripgrepSearch';
import { nestsQuantifiers, nodeTextSearch } from '../../../../src/core/search/nodeTextSearch';
import type { TextSearchEngine, TextSearchQuery } from '../../../../src/core/search/textSearch';
import { createTempWorkspace, type TempWorkspace } from '../guard/tempWorkspace';
import { codeServerRipgrep } from './codeServerRipgrep';

// Both engines answer the same query the same way: the tool filters their hits through the
// guard, so what matters here is that neither wanders where the walk must not go.

function query(root: string, overrides: Partial<TextSearchQuery> = {}): TextSearchQuery {
  return { root, pattern: 'NEEDLE', regex: false, caseSensitive: true, globs: [], maxHits: 100, maxFileBytes: 1024 * 1024, ...overrides };
}

function relative(root: string, hits: readonly { path: string; line: number }[]): string[] {
  return hits.map((hit) => `${path.relative(root, hit.path)}:${hit.line}`).sort();
}

describe('text search engines: ripgrep (as VS Code ships it) and the Node fallback', function () {
  this.timeout(60_000);
  let w: TempWorkspace;
  const engines: { name: string; engine: TextSearchEngine }[] = [{ name: 'node', engine: nodeTextSearch() }];

  before(async () => {
    w = await createTempWorkspace();
    await writeFile(path.join(w.ws, 'src/one.ts'), 'a\nNEEDLE here\nb\nneedle lower\n');
    await mkdir(path.join(w.ws, 'node_modules/x'), { recursive: true });
    await writeFile(path.join(w.ws, 'node_modules/x/i.js'), 'NEEDLE in a dependency\n');
    await writeFile(path.join(w.ws, '.git/NEEDLE_FILE'), 'NEEDLE in git internals\n');
    await writeFile(path.join(w.outside, 'secret.ts'), 'NEEDLE outside\n');
    await writeFile(path.join(w.ws, 'src/bin.dat'), Buffer.concat([Buffer.from('NEEDLE'), Buffer.from([0, 1, 2])]));
    engines.push({ name: 'ripgrep', engine: ripgrepSearch(await codeServerRipgrep()) });
  });
  after(() => w.dispose());

  for (const name of ['node', 'ripgrep']) {
    describe(name, () => {
      const engine = (): TextSearchEngine => {
        const found = engines.find((candidate) => candidate.name === name);
        assert.ok(found);
        return found.engine;
      };
      it('finds the hits and never follows a link out, nor enters node_modules or .git, nor reads binaries', async () => {
        const result = await engine().search(query(w.ws), new AbortController().signal);
        assert.deepEqual(relative(w.ws, result.hits), ['src/one.ts:2']);
      });
      it('matches case-insensitively when asked', async () => {
        const result = await engine().search(query(w.ws, { caseSensitive: false, globs: ['src/**'] }), new AbortController().signal);
        assert.deepEqual(relative(w.ws, result.hits), ['src/one.ts:2', 'src/one.ts:4']);
      });
      it('runs a regular expression', async () => {
        const result = await engine().search(query(w.ws, { pattern: '^N[A-Z]+ here$', regex: true }), new AbortController().signal);
        assert.deepEqual(relative(w.ws, result.hits), ['src/one.ts:2']);
      });
      it('stops at maxHits and says it was truncated', async () => {
        const result = await engine().search(query(w.ws, { caseSensitive: false, maxHits: 1, globs: ['src/**'] }), new AbortController().signal);
        assert.equal(result.hits.length, 1);
        assert.equal(result.truncated, true);
      });
      it('rejects an invalid regular expression with a message', async () => {
        await assert.rejects(engine().search(query(w.ws, { pattern: '(unclosed', regex: true }), new AbortController().signal), /regex|unclosed|parse|group/i);
      });
    });
  }

  const nested: [pattern: string, nests: boolean][] = [
    ['(a+)+$', true],
    ['(a|aa)*b', true],
    ['(\\w*){2,}', true],
    ['(x+x+)+y', true],
    ['^foo(bar)?baz$', false],
    ['\\(a+\\)+', false],
    ['[a-z]+\\d*', false],
  ];
  for (const [pattern, nests] of nested) {
    it(`the Node fallback ${nests ? 'refuses' : 'accepts'} ${pattern} (catastrophic backtracking)`, async () => {
      assert.equal(nestsQuantifiers(pattern), nests);
      const search = nodeTextSearch().search(query(w.ws, { pattern, regex: true }), new AbortController().signal);
      if (nests) await assert.rejects(search, /nests repetitions/);
      else await search;
    });
  }

  it('passes the pattern to ripgrep as data, never as an option', () => {
    const args = ripgrepArgs(query('/ws', { pattern: '--pre=sh' }));
    assert.deepEqual(args.slice(-4), ['--regexp', '--pre=sh', '--', '.']);
    assert.ok(args.includes('--no-config'));
  });

  it('parses only match messages with a UTF-8 path', () => {
    assert.deepEqual(parseMatch('{"type":"match","data":{"path":{"text":"./a"},"lines":{"text":"x\\n"},"line_number":3}}', '/ws'), { path: '/ws/a', line: 3, text: 'x' });
    assert.equal(parseMatch('{"type":"match","data":{"path":{"bytes":"AAE="},"lines":{"text":"x"},"line_number":3}}', '/ws'), undefined);
    assert.equal(parseMatch('{"type":"begin"}', '/ws'), undefined);
    assert.equal(parseMatch('not json', '/ws'), undefined);
  });
});
