import assert from 'node:assert/strict';
import { mcpServerNames, mcpToolId, parseMcpToolId } from '../../../../src/core/policy/mcpToolId';
import { toolIdSchema } from '../../../../src/core/policy/policySchema';

describe('MCP tool ids (mcp.<server>, mcp.<server>.<tool>)', () => {
  const rows: readonly { name: string; id: string; parts: { server: string; tool?: string } | undefined }[] = [
    { name: 'a server', id: 'mcp.memory', parts: { server: 'memory' } },
    { name: 'a tool', id: 'mcp.memory.read_graph', parts: { server: 'memory', tool: 'read_graph' } },
    { name: 'a tool with dots: split once, at the second dot', id: 'mcp.git.repo.status', parts: { server: 'git', tool: 'repo.status' } },
    { name: 'a server with a dash', id: 'mcp.brave-search.web_search', parts: { server: 'brave-search', tool: 'web_search' } },
    { name: 'Object.prototype names are only names', id: 'mcp.constructor.__proto__', parts: { server: 'constructor', tool: '__proto__' } },
    { name: 'a built-in id', id: 'web.fetch', parts: undefined },
    { name: 'mcp alone', id: 'mcp', parts: undefined },
    { name: 'a server name with capitals (one spelling per server)', id: 'mcp.Memory.read_graph', parts: undefined },
    { name: 'a server name longer than 32', id: `mcp.${'a'.repeat(33)}.x`, parts: undefined },
    { name: 'a tool name longer than 128', id: `mcp.memory.${'a'.repeat(129)}`, parts: undefined },
    { name: 'a tool name with a space', id: 'mcp.memory.read graph', parts: undefined },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.id.slice(0, 60)}`, () => {
      assert.deepEqual(parseMcpToolId(row.id), row.parts);
      // Every id the parser splits is one the schema accepts as a key.
      if (row.parts === undefined) return;
      assert.equal(toolIdSchema.safeParse(row.id).success, true);
      assert.equal(mcpToolId(row.parts.server, row.parts.tool), row.id);
    });
  }

  it('the servers named by several files, as own keys only', () => {
    const servers = mcpServerNames({ mcp: { servers: { memory: {} } } }, undefined, { mcp: { servers: { constructor: {} } } }, {});
    assert.deepEqual([...servers].sort(), ['constructor', 'memory']);
    assert.equal(mcpServerNames({}).has('toString'), false);
  });
});
