import assert from 'node:assert/strict';
import { describeLaunch, mcpServerEntries, shownName, type McpServerEntry } from '../../../../src/core/posture/mcpServerEntries';

const NAME_CASES: readonly { name: string; config: unknown; servers: string[] }[] = [
  { name: '.vscode/mcp.json with two servers and inputs', config: '{ "inputs": [], "servers": { "github": { "url": "https://x" }, "time": { "command": "uvx" } } }', servers: ['github', 'time'] },
  { name: 'mcp.json with comments and a trailing comma, as VS Code accepts', config: '{\n  // the team\'s server\n  "servers": { "db": { "command": "node" }, },\n}', servers: ['db'] },
  { name: 'workspace-root .mcp.json in the mcpServers shape', config: '{ "mcpServers": { "fs": { "command": "npx" } } }', servers: ['fs'] },
  { name: 'the user\'s mcp setting, already parsed', config: { servers: { remote: { url: 'https://x' } } }, servers: ['remote'] },
  { name: 'a damaged file read as far as it goes', config: '{ "servers": { "half": { "command": "x" }', servers: ['half'] },
  { name: 'servers is a list, not a map', config: '{ "servers": ["a"] }', servers: [] },
  { name: 'not an object at all', config: '[1, 2]', servers: [] },
  { name: 'empty file', config: '', servers: [] },
  { name: 'a server named __proto__ is listed, not used as a prototype', config: '{ "servers": { "__proto__": {}, "constructor": {} } }', servers: ['__proto__', 'constructor'] },
  { name: 'a name with bidi and control characters is shown plain', config: '{ "servers": { "ev\\u202eil\\u0007": {} } }', servers: ['evil'] },
  { name: 'a very long name is cut', config: JSON.stringify({ servers: { ['x'.repeat(500)]: {} } }), servers: [`${'x'.repeat(59)}…`] },
];

const LAUNCH_CASES: readonly { name: string; config: string; entry: Omit<McpServerEntry, 'name' | 'rawName'>; launch: string }[] = [
  { name: 'a stdio server in .vscode/mcp.json', config: '{ "servers": { "s": { "type": "stdio", "command": "node", "args": ["server.js", "--root", "/tmp/a b"] } } }', entry: { command: 'node', args: ['server.js', '--root', '/tmp/a b'] }, launch: 'node server.js --root "/tmp/a b"' },
  { name: 'an http server', config: '{ "servers": { "s": { "type": "http", "url": "https://mcp.example.com/mcp" } } }', entry: { url: 'https://mcp.example.com/mcp' }, launch: 'https://mcp.example.com/mcp' },
  { name: 'Windsurf\'s serverUrl', config: '{ "mcpServers": { "s": { "serverUrl": "https://w.example/mcp" } } }', entry: { url: 'https://w.example/mcp' }, launch: 'https://w.example/mcp' },
  { name: 'args that are not all strings keep only the strings', config: '{ "servers": { "s": { "command": "x", "args": ["a", 1, null, "b"] } } }', entry: { command: 'x', args: ['a', 'b'] }, launch: 'x a b' },
  { name: 'a command that is not a string starts nothing VS Code could name', config: '{ "servers": { "s": { "command": ["sh"] } } }', entry: {}, launch: '(no command or URL)' },
  { name: 'a command hiding a line break and a bidi override is shown plain', config: '{ "servers": { "s": { "command": "node\\u202e", "args": ["a\\nb"] } } }', entry: { command: 'node\u202e', args: ['a\nb'] }, launch: '"node" "a\\nb"' },
];

describe('core/posture/mcpServerEntries: which MCP servers a configuration declares, and how they start', () => {
  for (const c of NAME_CASES) it(c.name, () => assert.deepEqual(mcpServerEntries(c.config).map((entry) => entry.name), c.servers));
  for (const c of LAUNCH_CASES) {
    it(`launch: ${c.name}`, () => {
      const [entry] = mcpServerEntries(c.config);
      assert.deepEqual(entry, { name: 's', rawName: 's', ...c.entry });
      assert.equal(describeLaunch(entry ?? { name: '', rawName: '' }), c.launch);
    });
  }

  it('keeps the name as the file spells it for matching, and a printable one for showing', () => {
    assert.deepEqual(mcpServerEntries('{ "servers": { "a\\u200bb": {} } }'), [{ name: 'ab', rawName: 'a\u200bb' }]);
    assert.equal(shownName('mcp_x\u0000_y'), 'mcp_x_y');
  });

  it('cuts a very long command line', () => {
    assert.equal(describeLaunch({ name: 's', rawName: 's', command: 'x'.repeat(1000) }).length, 300);
  });

  it('attack: a secret in env is never read, only the variable names are', () => {
    const [entry] = mcpServerEntries('{ "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "ghp_secret", "__proto__": "x" } } } }');
    assert.deepEqual(entry?.env, ['GITHUB_TOKEN', '__proto__']);
    assert.ok(!JSON.stringify(entry).includes('ghp_secret'));
  });
});
