import assert from 'node:assert/strict';
import { recordFrom } from '../../../../src/core/policy/keyedRecord';
import { mcpToolMatches, mcpToolRisk } from '../../../../src/core/policy/mcpToolPattern';
import type { RiskLevel } from '../../../../src/core/policy/policySchema';

describe('MCP tool patterns', () => {
  const rows: readonly { name: string; pattern: string; tool: string; matches: boolean }[] = [
    { name: 'a name matches itself', pattern: 'read_graph', tool: 'read_graph', matches: true },
    { name: 'case matters (servers report names as they are)', pattern: 'Read_Graph', tool: 'read_graph', matches: false },
    { name: '* spans any run', pattern: 'search_*', tool: 'search_nodes', matches: true },
    { name: '* spans dots too', pattern: 'repo.*', tool: 'repo.a.b', matches: true },
    { name: '? is one character', pattern: '__proto_?', tool: '__proto__', matches: true },
    { name: 'a dot is a dot, not any character', pattern: 'repo.status', tool: 'repoXstatus', matches: false },
    { name: 'anchored: no match inside a longer name', pattern: 'read', tool: 'read_graph', matches: false },
    { name: 'a dash is literal', pattern: 'a-b', tool: 'a-b', matches: true },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.pattern} ${row.matches ? 'matches' : 'does not match'} ${row.tool}`, () => {
      assert.equal(mcpToolMatches(row.pattern, row.tool), row.matches);
    });
  }

  // Entries, not object literals: a literal key `constructor` is what this guards against.
  const server = (risk: readonly (readonly [string, RiskLevel])[]) => ({ tools: { allow: [], readonly: [], risk: recordFrom(risk) } });
  const risks: readonly { name: string; risk: readonly (readonly [string, RiskLevel])[]; tool: string; expected: RiskLevel }[] = [
    { name: 'no pattern: high, which asks every call', risk: [], tool: 'write_file', expected: 'high' },
    { name: 'an exact name', risk: [['read_file', 'low']], tool: 'read_file', expected: 'low' },
    { name: 'an exact name wins over globs: an explicit exception', risk: [['*', 'critical'], ['read_file', 'low']], tool: 'read_file', expected: 'low' },
    { name: 'among globs, the highest', risk: [['read_*', 'low'], ['*_secrets', 'critical']], tool: 'read_secrets', expected: 'critical' },
    { name: 'a glob for other tools does not apply', risk: [['read_*', 'low']], tool: 'write_file', expected: 'high' },
    { name: 'a tool named constructor is only a key', risk: [['constructor', 'medium']], tool: 'constructor', expected: 'medium' },
    { name: 'a tool named toString finds no inherited entry', risk: [], tool: 'toString', expected: 'high' },
  ];
  for (const row of risks) {
    it(`risk: ${row.name}`, () => {
      assert.equal(mcpToolRisk(server(row.risk), row.tool), row.expected);
    });
  }
});
