import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDirectServer } from '../../../../src/core/mcp/directServerRemoval';
import { mcpServerEntries, type McpServerEntry } from '../../../../src/core/posture/mcpServerEntries';
import { temporaryFolder } from '../policy/policyFixtures';

const MCP_JSON = `{
  // shipped by the repository
  "servers": {
    "memory": { "type": "stdio", "command": "node", "args": ["server-memory.js"] }, // the moved one
    /* kept */ "docs": { "url": "https://mcp.example.com/mcp" },
  },
}
`;
const memory: McpServerEntry = { name: 'memory', rawName: 'memory', command: 'node', args: ['server-memory.js'] };

describe('core/mcp/directServerRemoval: the moved server leaves the agent\'s file, nothing else does', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let workspaceFolder: string;
  beforeEach(() => {
    folder = temporaryFolder('airlock-remove-direct-');
    workspaceFolder = join(folder.path, 'repo');
    mkdirSync(join(workspaceFolder, '.vscode'), { recursive: true });
  });
  afterEach(() => folder.remove());

  const write = (text: string, file = '.vscode/mcp.json'): string => {
    const path = join(workspaceFolder, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  it('cuts out only the server\'s property: comments, the other server and the layout stay', async () => {
    const path = write(MCP_JSON);
    await removeDirectServer({ workspaceFolder, file: '.vscode/mcp.json', entry: memory });
    const after = readFileSync(path, 'utf8');
    assert.deepEqual(mcpServerEntries(after).map((entry) => entry.rawName), ['docs']);
    for (const kept of ['// shipped by the repository', '/* kept */ "docs": { "url": "https://mcp.example.com/mcp" }']) assert.ok(after.includes(kept), after);
  });

  it('.mcp.json\'s mcpServers, and a name from Object.prototype, as any other', async () => {
    const path = write('{ "mcpServers": { "__proto__": { "command": "node" }, "other": { "command": "x" } } }', '.mcp.json');
    await removeDirectServer({ workspaceFolder, file: '.mcp.json', entry: { name: '__proto__', rawName: '__proto__', command: 'node' } });
    assert.deepEqual(mcpServerEntries(readFileSync(path, 'utf8')).map((entry) => entry.rawName), ['other']);
  });

  const exact: readonly [string, string, string][] = [
    ['the last of several in plain JSON: the comma before it goes too, so Claude Code still reads the file', '{"mcpServers": {"a": {"command": "x"}, "memory": {"command": "node", "args": ["server-memory.js"]}}}', '{"mcpServers": {"a": {"command": "x"}}}'],
    ['the first of several on one line', '{"mcpServers": {"memory": {"command": "node", "args": ["server-memory.js"]}, "a": {"command": "x"}}}', '{"mcpServers": { "a": {"command": "x"}}}'],
    ['the only one, on its own line with its comment', '{\n  "mcpServers": {\n    "memory": {"command": "node", "args": ["server-memory.js"]} // moved\n  }\n}\n', '{\n  "mcpServers": {\n  }\n}\n'],
  ];
  for (const [what, text, expected] of exact) {
    it(`exactly: ${what}`, async () => {
      const path = write(text, '.mcp.json');
      await removeDirectServer({ workspaceFolder, file: '.mcp.json', entry: memory });
      const after = readFileSync(path, 'utf8');
      assert.equal(after, expected);
      assert.doesNotThrow(() => JSON.parse(after.replace(/\/\/[^\n]*/g, '')) as unknown);
    });
  }

  const refusals: readonly [string, string, McpServerEntry][] = [
    ['attack: the file changed the server\'s command after the user agreed (removing it would hide the change)', MCP_JSON.replace('server-memory.js', 'other.js'), memory],
    ['the server is already gone', '{ "servers": {} }', memory],
  ];
  for (const [what, text, entry] of refusals) {
    it(`refused, file untouched: ${what}`, async () => {
      const path = write(text);
      await assert.rejects(removeDirectServer({ workspaceFolder, file: '.vscode/mcp.json', entry }), (error: Error & { code?: string }) => error.code === 'ADOPT_DIRECT_CHANGED');
      assert.equal(readFileSync(path, 'utf8'), text);
    });
  }

  it('refused: attack: the file is a symbolic link to one outside the workspace', async () => {
    const outside = join(folder.path, 'outside.json');
    writeFileSync(outside, MCP_JSON);
    symlinkSync(outside, join(workspaceFolder, '.vscode', 'mcp.json'));
    await assert.rejects(removeDirectServer({ workspaceFolder, file: '.vscode/mcp.json', entry: memory }), (error: Error & { code?: string }) => error.code === 'ADOPT_OUTSIDE_WORKSPACE');
    assert.equal(readFileSync(outside, 'utf8'), MCP_JSON);
  });
});
