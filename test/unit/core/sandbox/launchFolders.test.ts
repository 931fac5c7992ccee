import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFolders } from '../../../../src/core/sandbox/launchFolders';

describe('core/sandbox/launchFolders: what a server\'s launch line needs that the sandbox hides', () => {
  let root: string;
  let home: string;
  let hidden: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-launch-')));
    hidden = join(root, 'hidden');
    home = join(hidden, 'me');
    const files: Record<string, string> = {
      'repo/node_modules/@scope/server/node_modules/dep/index.js': '',
      'repo/node_modules/@scope/server/dist/index.js': '',
      'repo/test/fixtures/server.mjs': '',
      'loose/server.mjs': '',
      'hidden/me/.ssh/id_rsa': 'secret',
      'hidden/me/tool/node_modules/x/index.js': '',
      'hidden/me/tool/bin/server.js': '',
      'hidden/me/node_modules/y/index.js': '',
      'hidden/me/script.js': '',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const rows: readonly { name: string; argv: (root: string) => string[]; expected: (root: string) => string[] }[] = [
    { name: 'a script in a package under /tmp: the outermost folder with node_modules (its dependencies resolve)', argv: (r) => ['node', join(r, 'repo/node_modules/@scope/server/dist/index.js')], expected: (r) => [join(r, 'repo')] },
    { name: 'a script outside node_modules in a project under /tmp: the project (it imports from the project\'s node_modules)', argv: (r) => ['node', join(r, 'repo/test/fixtures/server.mjs')], expected: (r) => [join(r, 'repo')] },
    { name: 'a loose script under /tmp: its own folder', argv: (r) => ['node', join(r, 'loose/server.mjs'), '--flag'], expected: (r) => [join(r, 'loose')] },
    { name: 'a tool installed in a hidden home folder: the tool\'s folder', argv: (r) => [join(r, 'hidden/me/tool/bin/server.js')], expected: (r) => [join(r, 'hidden/me/tool')] },
    { name: 'attack: a script directly in the home folder would bind the home (and its ~/.ssh): nothing', argv: (r) => ['node', join(r, 'hidden/me/script.js')], expected: () => [] },
    { name: 'attack: a path to the credential store itself: nothing', argv: (r) => ['cat', join(r, 'hidden/me/.ssh/id_rsa')], expected: () => [] },
    { name: 'words that are not absolute paths, or do not exist: nothing', argv: () => ['npx', '-y', '@scope/server', '/no/such/file'], expected: () => [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.deepEqual(launchFolders(row.argv(root), [hidden], home), row.expected(root));
    });
  }
});
