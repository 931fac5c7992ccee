import assert from 'node:assert/strict';
import { isKnownTool, isKnownToolIn, unknownToolMessage } from '../../../../src/core/agent/toolRegistry';

describe('tool registry: built-in tools, and the MCP tools of the servers a policy names', () => {
  const servers: ReadonlySet<string> = new Set(['search', 'constructor']);
  const rows: readonly { name: string; id: string; known: boolean }[] = [
    { name: 'a built-in tool', id: 'web.fetch', known: true },
    { name: 'a named server itself (its egress, its endpoint)', id: 'mcp.search', known: true },
    { name: 'a tool of a named server', id: 'mcp.search.web_search', known: true },
    { name: 'a tool whose own name holds dots (everything after the second dot)', id: 'mcp.search.v1.web.search', known: true },
    { name: 'a server named like an Object.prototype member, with a tool named __proto__', id: 'mcp.constructor.__proto__', known: true },
    { name: 'a server the policy does not name', id: 'mcp.memory.read_graph', known: false },
    { name: 'a server name the schema refuses (capitals)', id: 'mcp.Search.web_search', known: false },
    { name: 'an empty tool part', id: 'mcp.search.', known: false },
    { name: 'a tool name with a slash (not an MCP tool name)', id: 'mcp.search.a/b', known: false },
    { name: 'Object.prototype members are not tools', id: 'constructor', known: false },
    { name: 'a look-alike prefix', id: 'mcpx.search.web_search', known: false },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.id} is ${row.known ? 'known' : 'unknown'}`, () => {
      assert.equal(isKnownToolIn(row.id, servers), row.known);
    });
  }

  it('the static list holds only the built-in tools: no MCP id is known without a policy', () => {
    assert.equal(isKnownTool('web.fetch'), true);
    assert.equal(isKnownTool('mcp.search.web_search'), false);
    assert.equal(isKnownToolIn('mcp.search.web_search', new Set()), false);
  });

  it('the refusal of an MCP id names the server and the servers the policy does name', () => {
    assert.equal(unknownToolMessage('mcp.memory.read_graph', servers), '"mcp.memory.read_graph" is a tool of the MCP server "memory", which the policy does not name (the MCP servers it names: constructor, search); add the server under mcp.servers first');
    assert.match(unknownToolMessage('mcp.memory.read_graph', new Set()), /the policy names no MCP servers/);
    assert.match(unknownToolMessage('web.fecth', servers), /^"web\.fecth" is not a tool Airlock knows; known tools: fs\.list, .*, and mcp\.<server>\.<tool> for the MCP servers constructor, search$/);
  });
});
