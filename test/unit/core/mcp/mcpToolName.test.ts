import assert from 'node:assert/strict';
import { functionName, MAX_FUNCTION_NAME } from '../../../../src/core/agent/agentTool';
import { knownToolIds } from '../../../../src/core/agent/toolRegistry';
import { nameMcpTools } from '../../../../src/core/mcp/mcpToolName';

describe('core/mcp/mcpToolName: namespaced, stable function names', () => {
  it('names a tool mcp.<server>.<tool> and mcp_<server>_<tool>', () => {
    assert.deepEqual(nameMcpTools('memory', ['read_graph']), [{ ok: true, id: 'mcp.memory.read_graph', functionName: 'mcp_memory_read_graph' }]);
  });

  const rows: { attack: string; server: string; tools: string[]; refused: number[]; says?: RegExp }[] = [
    { attack: 'a server that lists Airlock\'s own fs.read cannot take it (it becomes mcp_s_fs_read)', server: 's', tools: ['fs.read', 'web.fetch'], refused: [] },
    { attack: 'two tools that map to one function name are both refused', server: 's', tools: ['get.file', 'get_file', 'other'], refused: [0, 1], says: /same function name mcp_s_get_file/ },
    { attack: 'a tool name with a space or slash is refused', server: 's', tools: ['read file', '../x', 'ok'], refused: [0, 1], says: /characters outside/ },
    { attack: 'a tool name longer than 128 is refused', server: 's', tools: ['a'.repeat(129)], refused: [0] },
    { attack: 'a server name with an underscore could pass for another server: refused', server: 'a_b', tools: ['x'], refused: [0], says: /not a valid MCP server name/ },
    { attack: 'a server name with a dot could split the id elsewhere: refused', server: 'a.b', tools: ['x'], refused: [0] },
  ];
  for (const row of rows) {
    it(`refuses ${row.refused.length}: ${row.attack}`, () => {
      const named = nameMcpTools(row.server, row.tools);
      assert.deepEqual(named.flatMap((name, index) => (name.ok ? [] : [index])), row.refused);
      const first = named[row.refused[0] ?? -1];
      if (row.says && first && !first.ok) assert.match(first.reason, row.says);
    });
  }

  it('no MCP function name equals one of Airlock\'s own', () => {
    const own = new Set(knownToolIds().map(functionName));
    const named = nameMcpTools('fs', ['read', 'fs.read', 'web_fetch']);
    for (const name of named) assert.ok(name.ok && !own.has(name.functionName), JSON.stringify(name));
  });

  it('a long id gets a short form that is stable, at most 64 characters of [A-Za-z0-9_-], and distinct for ids that share a start', () => {
    const long = 'x'.repeat(120);
    const [a, b, again] = [...nameMcpTools('server-with-a-long-name', [`${long}_a`, `${long}_b`]), ...nameMcpTools('server-with-a-long-name', [`${long}_a`])];
    assert.ok(a?.ok && b?.ok && again?.ok);
    assert.match(a.functionName, new RegExp(`^[A-Za-z0-9_-]{1,${MAX_FUNCTION_NAME}}$`));
    assert.equal(a.functionName.length, MAX_FUNCTION_NAME);
    assert.notEqual(a.functionName, b.functionName);
    assert.equal(again.functionName, a.functionName);
  });

  it('short ids of Airlock\'s own tools keep their names', () => assert.equal(functionName('security.egress.update'), 'security_egress_update'));
});
