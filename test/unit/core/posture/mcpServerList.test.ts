import assert from 'node:assert/strict';
import { gatewayAllowlist } from '../../../../src/core/posture/mcpAllowlist';
import { mcpLockStatus, mcpServerRows } from '../../../../src/core/posture/mcpServerList';
import type { McpConfigFact, PostureFacts } from '../../../../src/core/posture/sideDoors';
import { mcpSchema } from '../../../../src/core/policy/policySchema';

const GATEWAY = ['/usr/bin/node', '/ext/dist/cli.js', 'mcp', 'serve'];

const MEMORY_FILE: McpConfigFact = {
  where: '.vscode/mcp.json',
  location: 'file:///w/.vscode/mcp.json',
  vscodeReads: true,
  readers: [],
  servers: [{ name: 'memory', rawName: 'memory', command: 'node', args: ['server-memory.js'] }],
};

const FACTS: PostureFacts = {
  hasWorkspace: true,
  agentMode: { value: false },
  enabledExtensions: [],
  mcpAccess: 'all',
  mcpConfigs: [MEMORY_FILE],
  mcpDiscovery: {},
  mcpSettings: {
    'chat.mcp.access': { defaultValue: 'all' },
    'chat.mcp.discovery.enabled': { defaultValue: {} },
    'chat.mcp.workspaceRootConfig.enabled': { defaultValue: false },
    'chat.mcp.autostart': { defaultValue: 'newAndOutdated' },
  },
  mcpAllowed: undefined,
  mcpDenied: undefined,
  mcpTools: [],
};

const STATE_CASES: readonly { name: string; facts: Partial<PostureFacts>; state: string; outsideGuard: boolean }[] = [
  { name: 'a repository\'s server VS Code may start', facts: {}, state: 'VS Code may start it, outside Airlock\'s guard', outsideGuard: true },
  { name: 'stopped by chat.mcp.access "none"', facts: { mcpAccess: 'none' }, state: 'VS Code: blocked (chat.mcp.access is "none")', outsideGuard: false },
  { name: 'blocked by the lock\'s allowlist', facts: { mcpAllowed: gatewayAllowlist(GATEWAY) }, state: 'VS Code: blocked (not in your chat.mcp.allowedServers)', outsideGuard: false },
  { name: 'on the denylist', facts: { mcpDenied: [{ serverName: 'memory' }] }, state: 'VS Code: blocked (chat.mcp.deniedServers)', outsideGuard: false },
  { name: 'in Claude Code\'s .mcp.json, which VS Code does not read', facts: { mcpConfigs: [{ ...MEMORY_FILE, where: '.mcp.json', vscodeReads: false, readers: ['Claude Code'] }] }, state: 'VS Code does not read this file now; read by Claude Code', outsideGuard: true },
];

describe('core/posture/mcpServerList: every MCP server Airlock knows of, with its state', () => {
  for (const c of STATE_CASES) {
    it(c.name, () => {
      const [row] = mcpServerRows({ ...FACTS, ...c.facts }, undefined);
      assert.equal(row?.state, c.state);
      assert.equal(row?.outsideGuard, c.outsideGuard);
      assert.equal(row?.launch, 'node server-memory.js');
    });
  }

  it('lists Airlock\'s own servers from the policy first, as configured there, then files, then running tools', () => {
    const policy = mcpSchema.parse({ servers: { search: { http: { url: 'https://mcp.example.com/mcp' } }, fs: { enabled: false, stdio: { command: 'node', args: ['fs.js'] } } } });
    const rows = mcpServerRows({ ...FACTS, mcpTools: ['mcp_memory_read_graph'] }, policy);
    assert.deepEqual(rows.map((row) => [row.name, row.source, row.launch, row.state]), [
      ['search', 'Airlock policy', 'https://mcp.example.com/mcp', 'configured in policy'],
      ['fs', 'Airlock policy', 'node fs.js', 'configured in policy, disabled'],
      ['memory', '.vscode/mcp.json', 'node server-memory.js', 'VS Code may start it, outside Airlock\'s guard'],
      ['mcp_memory_read_graph', 'VS Code\'s running MCP tools', '(tool of a server VS Code started)', 'running in VS Code now'],
    ]);
    assert.equal(rows[2]?.location, 'file:///w/.vscode/mcp.json');
  });

  const LOCK_CASES: readonly { name: string; facts: Partial<PostureFacts>; locked: boolean; says: string }[] = [
    { name: 'nothing set', facts: {}, locked: false, says: 'chat.mcp.allowedServers is not set: VS Code may start any MCP server that your settings or a workspace name. Your chat.mcp.access is "all" (VS Code\'s default).' },
    { name: 'the lock', facts: { mcpAllowed: gatewayAllowlist(GATEWAY), mcpSettings: { ...FACTS.mcpSettings, 'chat.mcp.access': { defaultValue: 'all', user: 'none', workspace: 'all' } } }, locked: true, says: 'chat.mcp.allowedServers names only Airlock\'s gateway. Your chat.mcp.access is "none".' },
    { name: 'the allowlist without the user\'s stop', facts: { mcpAllowed: gatewayAllowlist(GATEWAY) }, locked: false, says: 'names only Airlock\'s gateway' },
    { name: 'an allowlist of an earlier Airlock', facts: { mcpAllowed: gatewayAllowlist(['/usr/bin/node', '/old/cli.js', 'mcp', 'serve']) }, locked: false, says: 'does not name this Airlock\'s gateway (1 entry' },
    { name: 'the gateway and one more', facts: { mcpAllowed: [...gatewayAllowlist(GATEWAY), { serverName: 'x' }] }, locked: false, says: 'Airlock\'s gateway and 1 other entry' },
  ];
  for (const c of LOCK_CASES) {
    it(`lock status: ${c.name}`, () => {
      const status = mcpLockStatus({ ...FACTS, ...c.facts }, GATEWAY);
      assert.equal(status.locked, c.locked);
      assert.ok(status.sentence.includes(c.says), `"${status.sentence}" says ${c.says}`);
    });
  }
});
