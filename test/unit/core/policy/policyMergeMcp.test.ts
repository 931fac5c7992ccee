import assert from 'node:assert/strict';
import { toolRules } from '../../../../src/core/egress/egressRules';
import { ownValue } from '../../../../src/core/policy/keyedRecord';
import { mcpToolRisk } from '../../../../src/core/policy/mcpToolPattern';
import { composePolicy } from '../../../../src/core/policy/policyComposition';
import { parseOverlay } from '../../../../src/core/policy/policyLoader';
import { policyPackSchema, type McpServerPolicy, type PolicyOverlay, type PolicyPack } from '../../../../src/core/policy/policySchema';
import { mergedPolicy, type OverlayBody } from './policyFixtures';

interface Case {
  /** What the overlay or managed file tries. */
  readonly name: string;
  readonly overlay?: OverlayBody;
  readonly managed?: OverlayBody;
  readonly check: (memory: McpServerPolicy | undefined, policy: PolicyPack) => void;
}

const MEMORY = { stdio: { command: 'node', args: ['memory.js'], env: [] }, tools: { allow: ['read_graph'], risk: { read_graph: 'low' as const, 'delete_*': 'critical' as const }, readonly: ['read_graph'] }, egress: ['api.example.com'], limits: { callsPerMinute: 30 } };
/** The default pack with a `memory` server, as an organisation's own pack could have it. */
const PACK = policyPackSchema.parse({ version: 1, name: 'default', mcp: { servers: { memory: MEMORY } } });
const memoryOf = (policy: PolicyPack): McpServerPolicy | undefined => policy.mcp.servers.memory;

const cases: readonly Case[] = [
  {
    name: 'overlay lists add to the pack\'s (allow, read-only tools, egress); stated scalars replace',
    overlay: { mcp: { servers: { memory: { tools: { allow: ['search_*'], readonly: ['search_nodes'] }, egress: ['b.example.com'], write: true, storageMb: 500 } } } },
    check: (memory) => {
      assert.deepEqual(memory?.tools.allow, ['read_graph', 'search_*']);
      assert.deepEqual(memory?.tools.readonly, ['read_graph', 'search_nodes']);
      assert.deepEqual(memory?.egress, ['api.example.com', 'b.example.com']);
      assert.equal(memory?.write, true);
      assert.equal(memory?.storageMb, 500);
      assert.deepEqual(memory?.stdio, MEMORY.stdio, 'the transport is kept when the overlay states none');
    },
  },
  {
    name: 'overlay restates a risk pattern lower: it replaces the pack\'s for that pattern (and the approval lists it)',
    overlay: { mcp: { servers: { memory: { tools: { risk: { 'delete_*': 'low' } } } } } },
    check: (memory) => assert.equal(memory?.tools.risk['delete_*'], 'low'),
  },
  {
    name: 'managed switches a server off; an overlay cannot switch it back on',
    overlay: { mcp: { servers: { memory: { enabled: true } } } },
    managed: { mcp: { servers: { memory: { enabled: false } } } },
    check: (memory) => assert.equal(memory?.enabled, false),
  },
  {
    name: 'managed limits and storage are upper bounds; a higher managed value does not raise them',
    overlay: { mcp: { servers: { memory: { storageMb: 5000, limits: { callsPerMinute: 1000, outputBytes: 8 * 1024 * 1024 } } } } },
    managed: { mcp: { servers: { memory: { storageMb: 100, limits: { callsPerMinute: 10, outputBytes: 64 * 1024 * 1024, callTimeoutSeconds: 5 } } } } },
    check: (memory) => {
      assert.equal(memory?.storageMb, 100);
      assert.deepEqual(memory?.limits, { callsPerMinute: 10, outputBytes: 8 * 1024 * 1024, callTimeoutSeconds: 5 });
    },
  },
  {
    name: 'managed risk is the higher: it raises a level, a lower managed level does not lower one, and its glob is a floor',
    overlay: { mcp: { servers: { memory: { tools: { risk: { 'delete_*': 'low' } } } } } },
    managed: { mcp: { servers: { memory: { tools: { risk: { 'delete_*': 'critical', read_graph: 'low', '*': 'medium' } } } } } },
    check: (memory) => {
      assert.equal(memory?.tools.risk['delete_*'], 'critical');
      assert.ok(memory);
      assert.equal(mcpToolRisk(memory, 'read_graph'), 'medium', 'the managed "*" floor holds over the pack\'s low');
      assert.equal(mcpToolRisk(memory, 'delete_entities'), 'critical');
    },
  },
  {
    name: 'managed write and sampling false stay false, read-only true stays true, whatever the overlay says',
    overlay: { mcp: { servers: { memory: { write: true, sampling: true, readonly: false } } } },
    managed: { mcp: { servers: { memory: { write: false, sampling: false, readonly: true } } } },
    check: (memory) => assert.deepEqual([memory?.write, memory?.sampling, memory?.readonly], [false, false, true]),
  },
  {
    name: 'managed true for write, sampling and enabled, false for readonly: narrowing only, so nothing changes',
    managed: { mcp: { servers: { memory: { write: true, sampling: true, readonly: false, enabled: true } } } },
    check: (memory) => assert.deepEqual([memory?.write, memory?.sampling, memory?.readonly, memory?.enabled], [false, false, false, true]),
  },
  {
    name: 'managed adds nothing, even if its checks were bypassed: no transport, tool, read-only tool or egress host',
    managed: { mcp: { servers: { memory: { http: { url: 'https://evil.example.com/mcp' }, tools: { allow: ['delete_*'], readonly: ['delete_*'] }, egress: ['exfil.example.com'] } } } },
    check: (memory) => {
      assert.deepEqual(memory?.stdio, MEMORY.stdio);
      assert.equal(memory?.http, undefined);
      assert.deepEqual(memory?.tools.allow, ['read_graph']);
      assert.deepEqual(memory?.tools.readonly, ['read_graph']);
      assert.deepEqual(memory?.egress, ['api.example.com']);
    },
  },
  {
    name: 'managed entry for a server no layer names: not created (it waits for one), and the policy still composes',
    managed: { mcp: { servers: { search: { enabled: false } } } },
    check: (_memory, policy) => assert.equal(Object.hasOwn(policy.mcp.servers, 'search'), false),
  },
  {
    name: 'managed switch-off of a server an overlay adds later applies to it',
    overlay: { mcp: { servers: { search: { http: { url: 'https://mcp.example.com/mcp' }, tools: { allow: ['web_search'] } } } } },
    managed: { mcp: { servers: { search: { enabled: false } } } },
    check: (_memory, policy) => assert.equal(policy.mcp.servers.search?.enabled, false),
  },
];

describe('policy merge: MCP servers (overlay may add and loosen, managed only narrows)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const policy = mergedPolicy(c.overlay, c.managed, PACK);
      assert.ok(policyPackSchema.safeParse(policy).success, 'the merged policy is a valid pack');
      c.check(memoryOf(policy), policy);
    });
  }
});

describe('policy merge: an MCP rule keyed by Object.prototype names (mcp.constructor.__proto__)', () => {
  const OVERLAY = [
    'version: 1',
    'mcp:',
    '  servers:',
    '    constructor:',
    '      stdio: { command: node, args: [server.js] }',
    '      tools:',
    '        allow: [__proto__, toString]',
    '        risk: { toString: low, "__proto_?": medium }',
    '    tostring:',
    '      http: { url: "https://mcp.example.com/mcp" }',
    'egress:',
    '  tools:',
    '    mcp.constructor.__proto__:',
    '      allow: [api.example.com]',
    'limits:',
    '  requestsPerMinute:',
    '    tools:',
    '      mcp.constructor: 7',
    '',
  ].join('\n');

  function composed(managed?: PolicyOverlay): PolicyPack {
    const parsed = parseOverlay({ text: OVERLAY, file: '.airlock/policy/default.yaml', expectedName: 'default' });
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n'));
    assert.deepEqual(parsed.warnings, []);
    const result = composePolicy(PACK, { file: '.airlock/policy/default.yaml', value: parsed.value }, managed === undefined ? undefined : { file: 'managed.yaml', value: managed });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    return result.policy;
  }

  it('loads and merges: each name is its own key, in records without a prototype', () => {
    const policy = composed();
    assert.equal(Object.getPrototypeOf(policy.mcp.servers), null);
    assert.deepEqual(Object.keys(policy.mcp.servers), ['memory', 'constructor', 'tostring']);
    const server = ownValue(policy.mcp.servers, 'constructor');
    assert.ok(server !== undefined);
    assert.equal(Object.getPrototypeOf(server.tools.risk), null);
    assert.deepEqual(server.tools.allow, ['__proto__', 'toString']);
    assert.equal(policy.mcp.servers.tostring?.http?.url, 'https://mcp.example.com/mcp');
  });

  it('is in force: the egress rule, the rate and the risks apply to the tool mcp.constructor.__proto__, and to nothing else', () => {
    const policy = composed();
    assert.deepEqual(toolRules(policy, 'mcp.constructor.__proto__').allow.map((rule) => rule.text), ['api.example.com']);
    assert.deepEqual(toolRules(policy, 'mcp.constructor.toString').allow.map((rule) => rule.text), []);
    assert.equal(policy.limits.requestsPerMinute.tools['mcp.constructor'], 7);
    const server = ownValue(policy.mcp.servers, 'constructor');
    assert.ok(server !== undefined);
    assert.equal(mcpToolRisk(server, '__proto__'), 'medium');
    assert.equal(mcpToolRisk(server, 'toString'), 'low');
    assert.equal(mcpToolRisk(server, 'constructor'), 'high', 'not allowed, not named: the default');
  });

  it('the managed file narrows the server named constructor like any other', () => {
    const managed = parseOverlay({ text: 'version: 1\nmcp:\n  servers:\n    constructor:\n      enabled: false\n      tools: { risk: { toString: critical } }\n', file: 'managed.yaml' }, 'managed');
    assert.ok(managed.ok, managed.ok ? '' : managed.errors.join('\n'));
    const policy = composed(managed.value);
    const server = ownValue(policy.mcp.servers, 'constructor');
    assert.ok(server !== undefined);
    assert.equal(server.enabled, false);
    assert.equal(mcpToolRisk(server, 'toString'), 'critical');
  });
});
