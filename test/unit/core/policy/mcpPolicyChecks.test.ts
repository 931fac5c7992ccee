import assert from 'node:assert/strict';
import { parseOverlay, parsePack } from '../../../../src/core/policy/policyLoader';
import { composePolicy } from '../../../../src/core/policy/policyComposition';
import { mcpPatternWarnings } from '../../../../src/core/policy/mcpPolicyChecks';
import { policyPackSchema } from '../../../../src/core/policy/policySchema';
import type { PolicyErrorCode } from '../../../../src/core/policy/policyError';

const FILE = '.airlock/policy/default.yaml';
const PACK = policyPackSchema.parse({ version: 1, name: 'default', mcp: { servers: { memory: { stdio: { command: 'node', args: ['memory.js'] }, tools: { allow: ['read_graph', 'search_*'] } } } } });

function parse(text: string, kind: 'pack' | 'overlay' | 'managed') {
  const source = { text, file: FILE, ...(kind === 'managed' ? {} : { expectedName: 'default' }) };
  return kind === 'pack' ? parsePack(source) : parseOverlay(source, kind);
}

interface RefusedCase {
  /** The mistake or attack. */
  readonly name: string;
  readonly kind?: 'pack' | 'overlay' | 'managed';
  readonly text: string;
  readonly code: PolicyErrorCode;
  /** The whole first message starts with this: file:line:column: field: detail. */
  readonly message: string;
}

const server = (body: string): string => `version: 1\nmcp:\n  servers:\n    search:\n${body}`;

const refused: readonly RefusedCase[] = [
  { name: 'both stdio and http: which one runs would be a guess', text: server('      stdio: { command: npx }\n      http: { url: "https://mcp.example.com/mcp" }\n'), code: 'POLICY_SCHEMA', message: `${FILE}:6:13: mcp.servers.search.http: a server is started (stdio) or reached (http), not both` },
  { name: 'a blank command', text: server('      stdio: { command: "   " }\n'), code: 'POLICY_SCHEMA', message: `${FILE}:5:25: mcp.servers.search.stdio.command: the command is blank` },
  { name: 'plain http to a public host: calls and tokens in the clear', text: server('      http: { url: "http://mcp.example.com/mcp" }\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:20: mcp.servers.search.http.url: plain http to mcp.example.com sends every call` },
  { name: 'plain http to a private address is not "local"', text: server('      http: { url: "http://10.0.0.8:8080/mcp" }\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:20: mcp.servers.search.http.url: 10.0.0.8:8080 must not be reachable: 10.0.0.8 is a private address` },
  { name: 'the cloud metadata service as an MCP server (SSRF)', text: server('      http: { url: "https://169.254.169.254/latest" }\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:20: mcp.servers.search.http.url: 169.254.169.254 must not be reachable: 169.254.169.254 is a link-local address` },
  { name: 'credentials written into the URL of a shared file', text: server('      http: { url: "https://user:s3cret@mcp.example.com/mcp" }\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:20: mcp.servers.search.http.url: the URL carries credentials` },
  { name: 'egress to the metadata service by name', text: server('      stdio: { command: npx }\n      egress: [api.search.brave.com, metadata.google.internal]\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:6:38: mcp.servers.search.egress[1]: metadata.google.internal must not be reachable` },
  { name: 'egress to this machine: the server would reach Airlock\'s own proxy or the model', text: server('      stdio: { command: npx }\n      egress: ["localhost:11434"]\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:6:16: mcp.servers.search.egress[0]: localhost:11434 must not be reachable: localhost is this machine` },
  { name: 'egress wildcard for every host', text: server('      stdio: { command: npx }\n      egress: ["*"]\n'), code: 'POLICY_SCHEMA', message: `${FILE}:6:16: mcp.servers.search.egress[0]: "*" would allow every host` },
  { name: 'a server name with a dot would make mcp.<server>.<tool> ambiguous', text: 'version: 1\nmcp:\n  servers:\n    my.search:\n      stdio: { command: npx }\n', code: 'POLICY_SCHEMA', message: `${FILE}:4:5: mcp.servers["my.search"]: invalid key "my.search": MCP server names are lowercase` },
  { name: 'a tool named __proto__ as a key would be dropped without a word', text: server('      stdio: { command: npx }\n      tools:\n        allow: ["*"]\n        risk: { "*": low, __proto__: critical }\n'), code: 'POLICY_SCHEMA', message: `${FILE}:8:27: mcp.servers.search.tools.risk.__proto__: a key named "__proto__" cannot be read safely` },
  { name: 'a server named __proto__', text: 'version: 1\nmcp:\n  servers:\n    __proto__:\n      stdio: { command: npx }\n', code: 'POLICY_SCHEMA', message: `${FILE}:4:5: mcp.servers.__proto__: a key named "__proto__" cannot be read safely` },
  { name: 'a pack server with no transport', kind: 'pack', text: 'version: 1\nname: default\nmcp:\n  servers:\n    search:\n      tools: { allow: [web_search] }\n', code: 'POLICY_SCHEMA', message: `${FILE}:6:7: mcp.servers.search: an MCP server needs exactly one of stdio or http` },
  { name: 'the managed file brings a server of its own (it can only narrow)', kind: 'managed', text: server('      stdio: { command: npx, args: [evil-server] }\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:14: mcp.servers.search.stdio: the managed policy can only narrow an MCP server` },
  { name: 'the managed file allows a tool', kind: 'managed', text: server('      tools: { allow: [delete_everything] }\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:23: mcp.servers.search.tools.allow: the managed policy can only narrow` },
  { name: 'the managed file adds an egress host', kind: 'managed', text: server('      egress: [exfil.example.com]\n'), code: 'POLICY_UNSAFE_RULE', message: `${FILE}:5:15: mcp.servers.search.egress: the managed policy can only narrow` },
];

describe('MCP policy checks: mistakes and attacks name file, line, column and field', () => {
  for (const c of refused) {
    it(c.name, () => {
      const result = parse(c.text, c.kind ?? 'overlay');
      assert.equal(result.ok, false, 'refused');
      if (result.ok) return;
      const first = result.errors.at(0);
      assert.equal(first?.code, c.code, first?.message);
      assert.ok(first?.message.startsWith(c.message), `got:      ${first?.message}\nexpected: ${c.message}…`);
    });
  }

  const accepted: readonly { name: string; kind?: 'pack' | 'overlay' | 'managed'; text: string; warning?: RegExp }[] = [
    { name: 'plain http to this machine (a local server)', text: server('      http: { url: "http://127.0.0.1:3000/mcp" }\n') },
    { name: 'plain http to localhost by name', text: server('      http: { url: "http://localhost:3000/mcp" }\n') },
    { name: 'https to a public host', text: server('      http: { url: "https://mcp.example.com/mcp" }\n') },
    { name: 'a stdio server with public egress and env names', text: server('      stdio: { command: npx, args: [-y, search-server], env: [BRAVE_API_KEY] }\n      egress: [api.search.brave.com]\n') },
    { name: 'egress on an http server has no effect: a warning', text: server('      http: { url: "https://mcp.example.com/mcp" }\n      egress: [api.example.com]\n'), warning: /^\.airlock\/policy\/default\.yaml:6:15: mcp\.servers\.search\.egress: egress is for a stdio server's own connections/ },
    { name: 'the managed file narrows: off, read-only, lower limits, higher risk', kind: 'managed', text: server('      enabled: false\n      readonly: true\n      write: false\n      sampling: false\n      storageMb: 10\n      limits: { callsPerMinute: 5 }\n      tools: { risk: { "*": critical } }\n') },
    { name: 'the managed file turning sampling on has no effect: a warning', kind: 'managed', text: server('      sampling: true\n'), warning: /mcp\.servers\.search\.sampling: has no effect: the managed policy can only narrow/ },
    { name: 'servers and tools named like Object.prototype members are only keys', text: 'version: 1\nmcp:\n  servers:\n    constructor:\n      stdio: { command: node }\n      tools:\n        allow: [__proto__, constructor, toString]\n        risk: { constructor: low, toString: medium, "__proto_?": critical }\n    tostring:\n      http: { url: "https://mcp.example.com/mcp" }\n' },
  ];
  for (const c of accepted) {
    it(`accepted: ${c.name}`, () => {
      const result = parse(c.text, c.kind ?? 'overlay');
      assert.equal(result.ok, true, result.ok ? '' : result.errors.map(String).join('\n'));
      if (c.warning === undefined) assert.deepEqual(result.warnings, []);
      else assert.ok(result.warnings.some((warning) => c.warning?.test(warning)), result.warnings.join('\n'));
    });
  }

  it('a risk or read-only pattern that matches no allowed tool is a warning, in a pack and in an overlay over the pack', () => {
    const pack = parse('version: 1\nname: default\nmcp:\n  servers:\n    memory:\n      stdio: { command: node }\n      tools:\n        allow: [read_graph]\n        risk: { read_grahp: low }\n', 'pack');
    assert.ok(pack.ok);
    assert.deepEqual(pack.warnings, [`${FILE}:9:29: mcp.servers.memory.tools.risk.read_grahp: "read_grahp" matches no tool this server allows (tools.allow: read_graph), so it has no effect; check the spelling`]);
    const overlay = parse('version: 1\nmcp:\n  servers:\n    memory:\n      tools:\n        risk: { search_nodes: medium, "search_*": low, create_entities: high }\n        readonly: [read_graph, "read_*", delete_all]\n', 'overlay');
    assert.ok(overlay.ok);
    const warnings = mcpPatternWarnings(overlay, PACK.mcp);
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /:6:73: mcp\.servers\.memory\.tools\.risk\.create_entities: "create_entities" matches no tool this server allows \(tools\.allow: read_graph, search_\*\)/);
    assert.match(warnings[1] ?? '', /:7:42: mcp\.servers\.memory\.tools\.readonly\[2\]: "delete_all" matches no tool/);
  });

  it('a managed risk floor for a server only an overlay names is not warned about', () => {
    const managed = parse(server('      tools: { risk: { "*": critical } }\n'), 'managed');
    assert.ok(managed.ok);
    assert.deepEqual(mcpPatternWarnings(managed, PACK.mcp), []);
  });

  it('after the merge: an overlay that names a new server without a transport is an error at its line', () => {
    const overlay = parse('version: 1\nmcp:\n  servers:\n    memory:\n      tools: { allow: [read_graph] }\n    search:\n      tools: { allow: [web_search] }\n', 'overlay');
    assert.ok(overlay.ok, overlay.ok ? '' : overlay.errors.join('\n'));
    // With or without a managed file below: the error names the overlay that caused it.
    for (const managed of [undefined, { file: 'managed.yaml', value: { version: 1 as const, mcp: { servers: { search: { enabled: false } } } } }]) {
      const composed = composePolicy(PACK, { file: FILE, value: overlay.value, locate: overlay.locate }, managed);
      assert.equal(composed.ok, false);
      if (composed.ok) return;
      assert.equal(composed.error.code, 'POLICY_MERGE_FAILED');
      assert.equal(composed.error.message, `${FILE}:7:7: mcp.servers.search: the merged policy is invalid: an MCP server needs exactly one of stdio or http`);
    }
  });

  it('after the merge: an overlay that gives a pack\'s stdio server an http URL replaces the transport (one, not two)', () => {
    const overlay = parse(server('').replace('search', 'memory') + '      http: { url: "https://memory.example.com/mcp" }\n', 'overlay');
    assert.ok(overlay.ok, overlay.ok ? '' : overlay.errors.join('\n'));
    const composed = composePolicy(PACK, { file: FILE, value: overlay.value }, undefined);
    assert.ok(composed.ok);
    const memory = composed.policy.mcp.servers.memory;
    assert.equal(memory?.stdio, undefined);
    assert.equal(memory?.http?.url, 'https://memory.example.com/mcp');
  });
});
