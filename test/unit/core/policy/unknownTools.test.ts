import assert from 'node:assert/strict';
import { parseOverlay } from '../../../../src/core/policy/policyLoader';
import { unknownToolWarnings } from '../../../../src/core/policy/unknownTools';

const FILE = '.airlock/policy/default.yaml';

describe('warnings for tool ids that name nothing (policy validate, the PolicyStore)', () => {
  const rows: readonly { name: string; text: string; servers: readonly string[]; warnings: readonly string[] }[] = [
    { name: 'a built-in tool', text: 'egress:\n  tools:\n    web.fetch: { allow: [api.example.com] }\n', servers: [], warnings: [] },
    { name: 'a misspelt built-in tool', text: 'egress:\n  tools:\n    web.fecth: { allow: [api.example.com] }\n', servers: [], warnings: [`${FILE}:4:16: egress.tools["web.fecth"]: "web.fecth" is not a tool Airlock knows, so this entry has no effect for now`] },
    { name: 'a tool of a server the policy names', text: 'egress:\n  tools:\n    mcp.search.web_search: { allow: [api.example.com] }\n', servers: ['search'], warnings: [] },
    { name: 'the rate of a named server itself', text: 'limits:\n  requestsPerMinute:\n    tools:\n      mcp.search: 5\n', servers: ['search'], warnings: [] },
    { name: 'a tool of a server no file names', text: 'egress:\n  tools:\n    mcp.serach.web_search: { allow: [api.example.com] }\n', servers: ['search'], warnings: [`${FILE}:4:28: egress.tools["mcp.serach.web_search"]: "mcp.serach.web_search" is a tool of the MCP server "serach", which no policy file names under mcp.servers, so this entry has no effect for now`] },
    { name: 'an MCP tool under tools, where its risk does not live', text: 'tools:\n  mcp.search.web_search: { risk: low }\n', servers: ['search'], warnings: [`${FILE}:3:26: tools["mcp.search.web_search"]: "mcp.search.web_search" is an MCP tool: its risk goes under mcp.servers.search.tools.risk and whether it is offered under mcp.servers.search.tools.allow, so this entry has no effect`] },
    { name: 'a server named constructor is a name like any other', text: 'egress:\n  tools:\n    mcp.constructor.toString: { allow: [api.example.com] }\n', servers: ['constructor'], warnings: [] },
    { name: 'a server named like an Object.prototype member (tostring) that no file names: unknown', text: 'egress:\n  tools:\n    mcp.tostring.x: { allow: [api.example.com] }\n', servers: ['constructor'], warnings: [`${FILE}:4:21: egress.tools["mcp.tostring.x"]: "mcp.tostring.x" is a tool of the MCP server "tostring", which no policy file names under mcp.servers, so this entry has no effect for now`] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const parsed = parseOverlay({ text: `version: 1\n${row.text}`, file: FILE, expectedName: 'default' });
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n'));
      assert.deepEqual(unknownToolWarnings(parsed, new Set(row.servers)), row.warnings);
    });
  }
});
