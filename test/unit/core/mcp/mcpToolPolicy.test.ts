import assert from 'node:assert/strict';
import { decideMcpTool, mcpToolRisk } from '../../../../src/core/mcp/mcpToolPolicy';
import { mcpServerSchema, type McpServerPolicy } from '../../../../src/core/policy/policySchema';

function server(fields: Record<string, unknown>): McpServerPolicy {
  return mcpServerSchema.parse({ stdio: { command: 'node' }, ...fields });
}

describe('core/mcp/mcpToolPolicy: which tools a server may offer, and at what risk', () => {
  const rows: { attack: string; policy: McpServerPolicy | undefined; tool: string; offered: boolean; risk?: string; says?: RegExp }[] = [
    { attack: 'a server the policy does not name offers nothing', policy: undefined, tool: 'read_graph', offered: false, says: /names no such server/ },
    { attack: 'a disabled server offers nothing', policy: server({ enabled: false, tools: { allow: ['*'] } }), tool: 'read_graph', offered: false, says: /disabled/ },
    { attack: 'default allowlist is empty: a new tool is not offered', policy: server({}), tool: 'read_graph', offered: false, says: /not in the server's tools\.allow/ },
    { attack: 'a name that merely starts like an allowed one', policy: server({ tools: { allow: ['read'] } }), tool: 'read_graph', offered: false },
    { attack: 'an allowed name is offered at the default risk (high: asks every call)', policy: server({ tools: { allow: ['read_graph'] } }), tool: 'read_graph', offered: true, risk: 'high' },
    { attack: 'a glob allows a family of tools', policy: server({ tools: { allow: ['search_*'] } }), tool: 'search_nodes', offered: true, risk: 'high' },
    { attack: 'a glob does not reach past its prefix', policy: server({ tools: { allow: ['search_*'] } }), tool: 'delete_search_index', offered: false },
    { attack: 'readonly server: a write tool the server calls read-only is still not offered', policy: server({ readonly: true, tools: { allow: ['*'], readonly: ['read_graph'] } }), tool: 'delete_entities', offered: false, says: /read-only/ },
    { attack: 'readonly server: a tool the policy lists as read-only is offered', policy: server({ readonly: true, tools: { allow: ['*'], readonly: ['read_*'] } }), tool: 'read_graph', offered: true },
    { attack: 'readonly list alone does not allow a tool', policy: server({ readonly: true, tools: { readonly: ['read_graph'] } }), tool: 'read_graph', offered: false },
  ];
  for (const row of rows) {
    it(`${row.offered ? 'offered' : 'withheld'}: ${row.attack}`, () => {
      const decision = decideMcpTool(row.policy, row.tool);
      assert.equal(decision.offered, row.offered, decision.reason);
      if (decision.offered && row.risk) assert.equal(decision.risk, row.risk);
      if (row.says) assert.match(decision.reason, row.says);
    });
  }

  const risks: { attack: string; risk: Record<string, string>; tool: string; expected: string }[] = [
    { attack: 'nothing named: high', risk: {}, tool: 'create_entities', expected: 'high' },
    { attack: 'an exact name beats a glob', risk: { create_entities: 'low', 'create_*': 'critical' }, tool: 'create_entities', expected: 'low' },
    { attack: 'two globs: the higher level wins (fail closed)', risk: { '*': 'low', 'delete_*': 'critical' }, tool: 'delete_entities', expected: 'critical' },
    { attack: 'a glob that does not match leaves the default', risk: { 'read_*': 'low' }, tool: 'write_file', expected: 'high' },
    { attack: 'a tool named like an Object.prototype member is only a key', risk: { read: 'low' }, tool: 'constructor', expected: 'high' },
  ];
  for (const row of risks) it(`risk ${row.expected}: ${row.attack}`, () => assert.equal(mcpToolRisk(server({ tools: { allow: ['*'], risk: row.risk } }), row.tool), row.expected));
});
