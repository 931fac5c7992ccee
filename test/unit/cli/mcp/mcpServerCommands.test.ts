import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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
    const after = JSON.parse((await ws.run(['mcp', 'list', '--json'], { env })).stdout) as { approvedTools: string[] };
    assert.deepEqual(after.approvedTools.sort(), MEMORY_TOOLS);
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
