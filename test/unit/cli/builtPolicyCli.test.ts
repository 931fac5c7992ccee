import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PolicyWorkspace } from './policyCliFixtures';

const CLI = resolve(__dirname, '../../../dist/cli.js');

describe('the built CLI and the built-in packs', () => {
  let ws: PolicyWorkspace;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (\`npm test\` builds before the unit tests).`);
  });
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  it('dist/cli.js finds policy/ next to dist/ and edits the overlay', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--workspace', ws.folder], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, ...ws.env } });
    const allow = run(['firewall', 'allow', 'pypi.org']);
    assert.equal(allow.status, 0, `${allow.stderr}\n(a stale dist/? run \`npm run build\`)`);
    const list = run(['firewall', 'list', '--json']);
    assert.equal(list.status, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as { pattern: string; source: string }[];
    assert.ok(rows.some((row) => row.pattern === 'pypi.org' && row.source === 'overlay'));
    assert.ok(rows.some((row) => row.source === 'builtin'));
  });
});
