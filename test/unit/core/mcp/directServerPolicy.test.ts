import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { directServerMove, policyServerName } from '../../../../src/core/mcp/directServerPolicy';
import { policyOverlaySchema, MCP_SERVER_NAME } from '../../../../src/core/policy/policySchema';
import type { McpServerEntry } from '../../../../src/core/posture/mcpServerEntries';

const entry = (rawName: string, fields: Partial<McpServerEntry>): McpServerEntry => ({ name: rawName, rawName, ...fields });

describe('core/mcp/directServerPolicy: moving a directly configured server behind Airlock', () => {
  const names: readonly [string, string, string][] = [
    ['an ordinary name', 'memory', 'memory'],
    ['upper case and spaces', 'My Server', 'my-server'],
    ['a name from Object.prototype', '__proto__', 'proto'],
    ['constructor is just a name', 'constructor', 'constructor'],
    ['only symbols', '!!!', 'server'],
    ['digits first', '42-things', 'things'],
    ['too long', 'a'.repeat(50), 'a'.repeat(32)],
    ['a dot (which would split a tool id)', 'github.com', 'github-com'],
  ];
  for (const [what, raw, expected] of names) {
    it(`server name: ${what} → ${expected}`, () => {
      assert.equal(policyServerName(raw), expected);
      assert.match(policyServerName(raw), MCP_SERVER_NAME);
    });
  }

  const moves: readonly [string, McpServerEntry, Record<string, unknown> | undefined][] = [
    ['a stdio server keeps its command and arguments, and allows no tool yet', entry('memory', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] }), { stdio: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] }, tools: { allow: [] } }],
    ['an http server keeps its URL', entry('Remote', { url: 'https://mcp.example.com/mcp' }), { http: { url: 'https://mcp.example.com/mcp' }, tools: { allow: [] } }],
    ['an entry with neither command nor URL has nothing to move', entry('broken', {}), undefined],
  ];
  for (const [what, server, expected] of moves) {
    it(what, () => {
      const move = directServerMove(server);
      if (expected === undefined) return assert.equal(move, undefined);
      assert.ok(move);
      const document = parse(move.yaml) as { mcp: { servers: Record<string, unknown> } };
      assert.deepEqual(document.mcp.servers[move.name], expected);
      assert.ok(policyOverlaySchema.safeParse(document).success, 'the snippet is a valid overlay');
    });
  }

  it('attack: an argument with YAML syntax or a newline stays one string', () => {
    const move = directServerMove(entry('x', { command: 'node', args: ['a: b\n- c', '#not a comment'] }));
    const document = parse(move?.yaml ?? '') as { mcp: { servers: { x: { stdio: { args: string[] } } } } };
    assert.deepEqual(document.mcp.servers.x.stdio.args, ['a: b\n- c', '#not a comment']);
  });
});
