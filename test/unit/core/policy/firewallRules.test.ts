import assert from 'node:assert/strict';
import type { PolicySource } from '../../../../src/core/policy/effectivePolicy';
import { isDefaultDeny, listRules, rulesForTool } from '../../../../src/core/policy/firewallRules';
import { mergeOverlay } from '../../../../src/core/policy/policyMerge';
import type { PolicyOverlay } from '../../../../src/core/policy/policySchema';
import { builtinPack } from './policyFixtures';

function source(kind: PolicySource['kind'], file: string, content: PolicySource['content']): PolicySource {
  return { kind, path: `/abs/${file}`, file, sha256: '0'.repeat(64), content, current: true };
}

describe('firewall rules listing', () => {
  const pack = builtinPack('default');
  const sources = [
    source('builtin', 'policy/default.yaml', pack),
    source('overlay', '.airlock/policy/default.yaml', { version: 1, egress: { allow: ['docs.python.org'], tools: { 'web.fetch': { allow: ['api.github.com'], block: ['gist.github.com'] } } } }),
    source('managed', '/etc/airlock/managed.yaml', { version: 1, egress: { block: ['pastebin.com'], allow: ['docs.python.org'] } }),
  ];

  it('lists every rule by tool and list, with the file it comes from, in merge order', () => {
    assert.deepEqual(listRules(sources).map((row) => `${row.tool} ${row.list} ${row.pattern} ${row.source}:${row.file}`), [
      '* block 169.254.169.254 builtin:policy/default.yaml',
      '* block metadata.google.internal builtin:policy/default.yaml',
      '* allow docs.python.org overlay:.airlock/policy/default.yaml',
      'web.fetch allow api.github.com overlay:.airlock/policy/default.yaml',
      'web.fetch block gist.github.com overlay:.airlock/policy/default.yaml',
      '* allow docs.python.org managed:/etc/airlock/managed.yaml',
      '* block pastebin.com managed:/etc/airlock/managed.yaml',
    ]);
  });

  it('rulesForTool keeps the tool\'s own rules and those for every tool', () => {
    const rows = listRules(sources);
    assert.deepEqual(rulesForTool(rows, 'fs.read').map((row) => row.tool), ['*', '*', '*', '*', '*']);
    assert.equal(rulesForTool(rows, 'web.fetch').length, 7);
  });

  it('isDefaultDeny: true until a host is allowed outright, for any tool', () => {
    assert.ok(isDefaultDeny(pack));
    assert.ok(isDefaultDeny(mergeOverlay(pack, { version: 1, egress: { requireApproval: ['pypi.org'], block: ['evil.example.com'] } })));
    assert.ok(!isDefaultDeny(mergeOverlay(pack, { version: 1, egress: { allow: ['pypi.org'] } })));
    assert.ok(!isDefaultDeny(mergeOverlay(pack, { version: 1, egress: { tools: { 'web.fetch': { allow: ['pypi.org'] } } } })));
  });

  const stdio = { command: 'npx', args: [], env: [] };
  const servers: readonly { name: string; server: NonNullable<NonNullable<PolicyOverlay['mcp']>['servers']>[string]; defaultDeny: boolean }[] = [
    { name: 'a stdio server with no egress reaches nothing', server: { stdio }, defaultDeny: true },
    { name: 'a stdio server\'s egress hosts are allowed without asking', server: { stdio, egress: ['api.search.brave.com'] }, defaultDeny: false },
    { name: 'an http server\'s URL is allowed without asking', server: { http: { url: 'https://mcp.example.com/mcp' } }, defaultDeny: false },
    { name: 'a server that is off reaches nothing', server: { enabled: false, stdio, egress: ['api.search.brave.com'] }, defaultDeny: true },
  ];
  for (const row of servers) {
    it(`isDefaultDeny with an MCP server: ${row.name}`, () => {
      assert.equal(isDefaultDeny(mergeOverlay(pack, { version: 1, mcp: { servers: { search: row.server } } })), row.defaultDeny);
    });
  }
});
