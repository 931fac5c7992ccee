import assert from 'node:assert/strict';
import { mcpServerNames } from '../../../../src/core/posture/mcpServerNames';

const CASES: readonly { name: string; config: unknown; servers: string[] }[] = [
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

describe('core/posture/mcpServerNames: which MCP servers a configuration declares', () => {
  for (const c of CASES) it(c.name, () => assert.deepEqual(mcpServerNames(c.config), c.servers));
});
