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

  it('dist/cli.js: firewall allow --tool mcp.search.web_search is refused until the policy names the server, then written and in force', async function () {
    // Three processes of the built CLI, each under its own 20 s limit: on a loaded machine the suite's 10 s is too short for them together.
    this.timeout(90_000);
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--workspace', ws.folder], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, ...ws.env } });
    const refused = run(['firewall', 'allow', '--tool', 'mcp.search.web_search', 'api.search.brave.com']);
    assert.equal(refused.status, 2, `${refused.stderr}\n(a stale dist/? run \`npm run build\`)`);
    assert.match(refused.stderr, /"mcp\.search\.web_search" is a tool of the MCP server "search", which the policy does not name/);
    await ws.writeTrustedOverlay('version: 1\nmcp:\n  servers:\n    search:\n      stdio: { command: npx, args: [-y, brave-search-mcp] }\n      tools: { allow: [web_search] }\n');
    const allowed = run(['firewall', 'allow', '--tool', 'mcp.search.web_search', 'api.search.brave.com']);
    assert.equal(allowed.status, 0, allowed.stderr);
    const shown = run(['policy', 'show', '--json']);
    assert.equal(shown.status, 0, shown.stderr);
    const policy = (JSON.parse(shown.stdout) as { policy: { egress: { tools: Record<string, { allow: string[] }> } } }).policy;
    assert.deepEqual(policy.egress.tools['mcp.search.web_search']?.allow, ['api.search.brave.com']);
  });
});
