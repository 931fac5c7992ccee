import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PolicyWorkspace } from '../policyCliFixtures';

/** The real reference server from npm, run by this Node inside the sandbox. */
const MEMORY_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/dist/index.js');
const MEMORY_TOOLS = ['add_observations', 'create_entities', 'create_relations', 'delete_entities', 'delete_observations', 'delete_relations', 'open_nodes', 'read_graph', 'search_nodes'];

function overlay(args: readonly string[] = [MEMORY_SERVER]): string {
  return `version: 1
mcp:
  servers:
    memory:
      stdio: { command: ${JSON.stringify(process.execPath)}, args: ${JSON.stringify(args)} }
      tools:
        allow: [read_graph, "search_*"]
`;
}

const SHA = /airlock mcp approve memory --sha256 ([0-9a-f]{64})/;

describe('airlock mcp list|diff|approve (the real server-memory, in the sandbox)', function () {
  this.timeout(60_000);
  let ws: PolicyWorkspace;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  it('list: no servers named, says so', async () => {
    const run = await ws.run(['mcp', 'list'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /names no MCP servers/);
  });

  it('list: servers the workspace configures directly for VS Code or other agents, each with the step that moves it behind Airlock; following it works', async () => {
    ws.file('.vscode/mcp.json', `{\n  // shipped by the repository\n  "servers": {\n    "memory": { "type": "stdio", "command": ${JSON.stringify(process.execPath)}, "args": [${JSON.stringify(MEMORY_SERVER)}] },\n  },\n}\n`);
    ws.file('.cursor/mcp.json', '{ "mcpServers": { "Remote Docs": { "url": "https://mcp.example.com/mcp" } } }');
    const text = await ws.run(['mcp', 'list'], { env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /memory \(in \.vscode\/mcp\.json, started by VS Code directly, NOT behind Airlock\)/);
    assert.match(text.stdout, /Remote Docs \(in \.cursor\/mcp\.json, started by VS Code \(when its setting reads this file\), Cursor directly, NOT behind Airlock\): https:\/\/mcp\.example\.com\/mcp/);
    const rows = (await ws.run(['mcp', 'list', '--json'], { env })).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { server: string; direct?: boolean; move?: string | null });
    const memory = rows.find((row) => row.server === 'memory' && row.direct === true);
    assert.ok(memory?.move, JSON.stringify(rows));
    await ws.writeTrustedOverlay(memory.move);
    const after = (await ws.run(['mcp', 'list', '--json'], { env })).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { server: string; direct?: boolean; allow?: string[] });
    assert.ok(after.some((row) => row.server === 'memory' && row.direct === undefined && row.allow?.length === 0), 'the moved server is a policy server with no tool allowed yet');
  });

  it('diff shows a never-approved listing with the policy\'s decision per tool; approve with its SHA-256 pins it; diff then says approved', async () => {
    await ws.writeTrustedOverlay(overlay());
    const listed = JSON.parse((await ws.run(['mcp', 'list', '--json'], { env })).stdout) as { server: string; approvedAt: string | null; allow: string[] };
    assert.deepEqual([listed.server, listed.approvedAt, listed.allow], ['memory', null, ['read_graph', 'search_*']]);

    const diff = await ws.run(['mcp', 'diff', 'memory'], { env });
    assert.equal(diff.code, 10, diff.stderr);
    assert.match(diff.stdout, /MCP server "memory": 9 tools, never approved/);
    for (const tool of MEMORY_TOOLS) assert.match(diff.stdout, new RegExp(`^\\+ ${tool}  `, 'm'));
    assert.match(diff.stdout, /^\+ read_graph {2}offered \(risk high\)/m);
    assert.match(diff.stdout, /^\+ delete_entities {2}not offered: "delete_entities" is not in the server's tools.allow/m);
    const sha256 = SHA.exec(diff.stdout)?.[1] ?? '';

    const approve = await ws.run(['mcp', 'approve', 'memory', '--sha256', sha256], { env });
    assert.equal(approve.code, 0, approve.stderr);
    assert.equal(approve.stdout, 'approved: 9 tool definitions of "memory" are pinned\n');

    const again = await ws.run(['mcp', 'diff', 'memory'], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /9 tools, approved: the listing is what you approved/);
    const after = JSON.parse((await ws.run(['mcp', 'list', '--json'], { env })).stdout) as { approvedTools: string[]; state: string; pin: { tools: number; sha256: string } | null; offered: string[]; withheld: { tool: string }[]; pending: unknown };
    assert.deepEqual(after.approvedTools.sort(), MEMORY_TOOLS);
    assert.equal(after.state, 'not running in this process');
    assert.equal(after.pin?.tools, 9);
    assert.match(after.pin?.sha256 ?? '', /^[0-9a-f]{12}$/);
    assert.equal(after.pending, null, 'the CLI starts nothing to find pending changes');
    assert.deepEqual(after.offered.sort(), ['read_graph', 'search_nodes'], 'offered: the pinned tools the policy allows');
    assert.equal(after.withheld.length, 7);
    const text = (await ws.run(['mcp', 'list'], { env })).stdout;
    assert.match(text, new RegExp(`pin: 9 tools approved \\S+ \\(pin ${after.pin?.sha256 ?? ''}…\\)`));
    assert.match(text, /offered from the pinned listing: read_graph, search_nodes/);
  });

  it('approve with a SHA-256 that is not the live listing\'s (approving text nobody saw): refused, nothing pinned', async () => {
    await ws.writeTrustedOverlay(overlay());
    const approve = await ws.run(['mcp', 'approve', 'memory', '--sha256', 'a'.repeat(64)], { env });
    assert.equal(approve.code, 1);
    assert.match(approve.stderr, /are not the listing you saw/);
    assert.equal((await ws.run(['mcp', 'diff', 'memory'], { env })).code, 10);
  });

  it('an approval is bound to the command: the same name with other arguments (a repository reusing it) starts unapproved', async () => {
    await ws.writeTrustedOverlay(overlay());
    const sha256 = SHA.exec((await ws.run(['mcp', 'diff', 'memory'], { env })).stdout)?.[1] ?? '';
    assert.equal((await ws.run(['mcp', 'approve', 'memory', '--sha256', sha256], { env })).code, 0);
    await ws.writeTrustedOverlay(overlay([MEMORY_SERVER, '--other']));
    const diff = await ws.run(['mcp', 'diff', 'memory'], { env });
    assert.equal(diff.code, 10, diff.stderr);
    assert.match(diff.stdout, /never approved/);
  });

  const usage: readonly [string, readonly string[]][] = [
    ['a server the policy does not name', ['mcp', 'diff', 'nope']],
    ['a SHA-256 that is not 64 hex digits', ['mcp', 'approve', 'memory', '--sha256', 'abc']],
  ];
  for (const [name, argv] of usage) {
    it(`usage error (exit 2): ${name}`, async () => {
      await ws.writeTrustedOverlay(overlay());
      const run = await ws.run(argv, { env });
      assert.equal(run.code, 2, run.stderr);
    });
  }
});

describe('airlock mcp adopt (real files in a temporary workspace)', function () {
  this.timeout(60_000);
  let ws: PolicyWorkspace;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const MCP_JSON = `{\n  // shipped by the repository\n  "servers": {\n    "memory": { "type": "stdio", "command": "node", "args": ["server-memory.js"], "env": { "MEMORY_TOKEN": "s3cret-value" } },\n    "docs": { "url": "https://mcp.example.com/mcp" },\n  },\n}\n`;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  it('writes the server into the overlay (env names only, no tool allowed), waits for approval, then removes it from .vscode/mcp.json keeping its comments', async () => {
    const direct = ws.file('.vscode/mcp.json', MCP_JSON);
    const first = await ws.run(['mcp', 'adopt', 'memory', '--remove-direct'], { env });
    assert.equal(first.code, 10, first.stderr);
    assert.match(first.stdout, /not removed from \.vscode\/mcp\.json: the move is not in force yet/);
    assert.equal(readFileSync(direct, 'utf8'), MCP_JSON, 'nothing removed before the overlay applies');
    const overlay = readFileSync(ws.overlay, 'utf8');
    assert.deepEqual((parse(overlay) as { mcp: { servers: unknown } }).mcp.servers, { memory: { stdio: { command: 'node', args: ['server-memory.js'], env: ['MEMORY_TOKEN'] }, tools: { allow: [] } } });
    assert.ok(!overlay.includes('s3cret-value'), 'attack: an env value never reaches the policy file');
    const sha256 = /--sha256 ([0-9a-f]{64})/.exec(first.stdout)?.[1] ?? '';

    const approve = await ws.run(['policy', 'approve', '--sha256', sha256], { env });
    assert.equal(approve.code, 0, approve.stderr);
    const second = await ws.run(['mcp', 'adopt', 'memory', '--remove-direct'], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /moved: "memory" is an Airlock MCP server[\s\S]*removed "memory" from \.vscode\/mcp\.json/);
    const after = readFileSync(direct, 'utf8');
    assert.ok(after.includes('// shipped by the repository') && after.includes('"docs"') && !after.includes('"memory"'), after);

    const rows = (await ws.run(['mcp', 'list', '--json'], { env })).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { server: string; direct?: boolean; allow?: string[]; state?: string });
    assert.deepEqual(rows.map((row) => [row.server, row.direct === true]), [['memory', false], ['docs', true]]);
    assert.deepEqual(rows[0]?.allow, []);
  });

  const refusals: readonly { attack: string; files: Record<string, string>; argv: readonly string[]; code: number; says: RegExp }[] = [
    { attack: 'a server named __proto__ is refused, not renamed', files: { '.mcp.json': '{ "mcpServers": { "__proto__": { "command": "node" } } }' }, argv: ['__proto__'], code: 1, says: /every JavaScript object already has/ },
    { attack: 'a name that no file declares', files: { '.vscode/mcp.json': MCP_JSON }, argv: ['nope'], code: 2, says: /no server named "nope"/ },
    { attack: 'the same name in two files needs --from', files: { '.vscode/mcp.json': MCP_JSON, '.cursor/mcp.json': '{ "mcpServers": { "memory": { "command": "evil" } } }' }, argv: ['memory'], code: 2, says: /declared in \.vscode\/mcp\.json and \.cursor\/mcp\.json: choose one with --from/ },
    { attack: 'a repository reuses a policy server\'s name for another command', files: { '.vscode/mcp.json': MCP_JSON, '.airlock/policy/default.yaml': 'version: 1\nmcp:\n  servers:\n    memory:\n      stdio: { command: node, args: [approved.js] }\n' }, argv: ['memory'], code: 1, says: /already names an MCP server "memory"/ },
  ];
  for (const row of refusals) {
    it(`refused (exit ${row.code}): ${row.attack}`, async () => {
      for (const [file, text] of Object.entries(row.files)) ws.file(file, text);
      const before = Object.keys(row.files).map((file) => readFileSync(join(ws.folder, file), 'utf8'));
      const run = await ws.run(['mcp', 'adopt', ...row.argv], { env });
      assert.equal(run.code, row.code, run.stdout);
      assert.match(run.stderr, row.says);
      assert.deepEqual(Object.keys(row.files).map((file) => readFileSync(join(ws.folder, file), 'utf8')), before, 'no file changed');
    });
  }

  it('--from picks the file when two declare the name', async () => {
    ws.file('.vscode/mcp.json', MCP_JSON);
    ws.file('.cursor/mcp.json', '{ "mcpServers": { "memory": { "command": "other-memory" } } }');
    const run = await ws.run(['mcp', 'adopt', 'memory', '--from', '.cursor/mcp.json'], { env });
    assert.equal(run.code, 10, run.stderr);
    assert.match(readFileSync(ws.overlay, 'utf8'), /command: other-memory/);
  });
});

