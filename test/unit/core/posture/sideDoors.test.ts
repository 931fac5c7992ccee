import assert from 'node:assert/strict';
import { gatewayAllowlist } from '../../../../src/core/posture/mcpAllowlist';
import type { McpServerEntry } from '../../../../src/core/posture/mcpServerEntries';
import { describeClosure, findSideDoors, nativeAgentNotice, sideDoorCount, type Closure, type McpConfigFact, type PostureFacts } from '../../../../src/core/posture/sideDoors';

/** Servers VS Code reads from `where`, each started by `node <name>.js`. */
function config(where: string, names: readonly string[], vscodeReads = true): McpConfigFact {
  return { where, vscodeReads, readers: [], servers: names.map((name): McpServerEntry => ({ name, rawName: name, command: 'node', args: [`${name}.js`] })) };
}

/** A window with every side door shut: VS Code's agent mode off, no chat extension, no MCP, no agent extension. */
const CLOSED: PostureFacts = {
  hasWorkspace: true,
  agentMode: { value: false, workspace: false },
  enabledExtensions: ['vscode.git', 'airlock.airlock'],
  mcpAccess: 'all',
  mcpConfigs: [],
  mcpDiscovery: { 'claude-desktop': false, 'cursor-global': false },
  mcpSettings: {
    'chat.mcp.access': { defaultValue: 'all' },
    'chat.mcp.discovery.enabled': { defaultValue: { 'claude-desktop': false } },
    'chat.mcp.workspaceRootConfig.enabled': { defaultValue: false },
    'chat.mcp.autostart': { defaultValue: 'newAndOutdated' },
  },
  mcpAllowed: undefined,
  mcpDenied: undefined,
  mcpTools: [],
};

interface DoorCase {
  readonly name: string;
  readonly facts: Partial<PostureFacts>;
  /** The doors found, by id; empty when the row is closed. */
  readonly ids: readonly string[];
  /** For the first door: words its sentence must hold, and how it closes. */
  readonly says?: readonly string[];
  readonly close?: Closure;
}

const CASES: readonly DoorCase[] = [
  { name: 'nothing open', facts: {}, ids: [] },
  {
    name: 'VS Code\'s agent mode on by default',
    facts: { agentMode: { value: true } },
    ids: ['agent-mode'],
    says: ['chat.agent.enabled', 'VS Code\'s default', 'terminal commands'],
    close: { kind: 'setting', key: 'chat.agent.enabled', value: false, target: 'workspace' },
  },
  {
    name: 'VS Code\'s agent mode turned on in the user settings',
    facts: { agentMode: { value: true, user: true } },
    ids: ['agent-mode'],
    says: ['your user settings'],
    close: { kind: 'setting', key: 'chat.agent.enabled', value: false, target: 'workspace' },
  },
  {
    name: 'VS Code\'s agent mode turned on by the repository\'s .vscode/settings.json over the user\'s false',
    facts: { agentMode: { value: true, user: false, workspace: true } },
    ids: ['agent-mode'],
    says: ['this workspace\'s settings'],
  },
  { name: 'agent mode turned off in the workspace over the user\'s true', facts: { agentMode: { value: false, user: true, workspace: false } }, ids: [] },
  {
    name: 'agent mode on in an empty window: closed in the user settings, there is no workspace',
    facts: { hasWorkspace: false, agentMode: { value: true } },
    ids: ['agent-mode'],
    close: { kind: 'setting', key: 'chat.agent.enabled', value: false, target: 'user' },
  },
  {
    name: 'VS Code\'s bundled chat extension enabled (id in another case)',
    facts: { enabledExtensions: ['GitHub.copilot-chat'] },
    ids: ['bundled-chat'],
    says: ['github.copilot-chat', 'edits and creates files'],
    close: { kind: 'setting', key: 'chat.disableAIFeatures', value: true, target: 'workspace' },
  },
  {
    name: 'MCP servers in .vscode/mcp.json and the user\'s mcp setting',
    facts: { mcpConfigs: [config('.vscode/mcp.json', ['github', 'postgres']), config('user settings (mcp)', ['time'])] },
    ids: ['mcp-servers'],
    says: ['github, postgres (.vscode/mcp.json)', 'time (user settings (mcp))'],
    close: { kind: 'setting', key: 'chat.mcp.access', value: 'none', target: 'workspace' },
  },
  { name: 'an MCP file with no servers', facts: { mcpConfigs: [config('.vscode/mcp.json', [])] }, ids: [] },
  { name: 'MCP servers configured but chat.mcp.access is none', facts: { mcpAccess: 'none', mcpConfigs: [config('.vscode/mcp.json', ['github'])] }, ids: [] },
  { name: 'MCP servers configured and access limited to the registry: still a door', facts: { mcpAccess: 'registry', mcpConfigs: [config('.mcp.json', ['x'])] }, ids: ['mcp-servers'] },
  { name: 'servers in a file only other agents read (Roo Code\'s .roo/mcp.json) are no door of VS Code\'s', facts: { mcpConfigs: [config('.roo/mcp.json', ['x'], false)] }, ids: [] },
  { name: 'servers the user\'s allowlist keeps from running are no door (the lock)', facts: { mcpAllowed: gatewayAllowlist(['node', 'cli.js', 'mcp', 'serve']), mcpConfigs: [config('.vscode/mcp.json', ['github'])] }, ids: [] },
  {
    name: 'the allowlist names one of two servers: only that one is a door',
    facts: { mcpAllowed: [{ serverCommand: ['node', 'time.js'] }], mcpConfigs: [config('.vscode/mcp.json', ['github', 'time'])] },
    ids: ['mcp-servers'],
    says: ['time (.vscode/mcp.json)'],
  },
  { name: 'a server on the user\'s denylist is no door', facts: { mcpDenied: [{ serverName: 'github' }], mcpConfigs: [config('.vscode/mcp.json', ['github'])] }, ids: [] },
  {
    name: 'the repository sets chat.mcp.access "all" over the user\'s "none"',
    facts: { mcpSettings: { ...CLOSED.mcpSettings, 'chat.mcp.access': { defaultValue: 'all', user: 'none', workspace: 'all' } } },
    ids: ['mcp-override:chat.mcp.access'],
    says: ['"all" over your user settings\' "none"'],
    close: { kind: 'setting', key: 'chat.mcp.access', value: undefined, target: 'workspace' },
  },
  {
    name: 'MCP tools running in VS Code now',
    facts: { mcpTools: ['mcp_memory_read_graph', 'mcp_memory_create_entities'] },
    ids: ['mcp-running'],
    says: ['mcp_memory_read_graph, mcp_memory_create_entities'],
    close: { kind: 'setting', key: 'chat.mcp.access', value: 'none', target: 'workspace' },
  },
  { name: 'many running tools: eight named, the rest counted', facts: { mcpTools: Array.from({ length: 11 }, (_, index) => `mcp_s_t${index}`) }, ids: ['mcp-running'], says: ['mcp_s_t7 and 3 more'] },
  {
    name: 'MCP discovery from Claude Desktop\'s configuration',
    facts: { mcpDiscovery: { 'claude-desktop': true, 'cursor-global': false } },
    ids: ['mcp-discovery'],
    says: ['claude-desktop', 'chat.mcp.discovery.enabled'],
    close: { kind: 'setting', key: 'chat.mcp.discovery.enabled', value: { 'claude-desktop': false, 'cursor-global': false }, target: 'workspace' },
  },
  { name: 'MCP discovery as the older single boolean', facts: { mcpDiscovery: true }, ids: ['mcp-discovery'], close: { kind: 'setting', key: 'chat.mcp.discovery.enabled', value: false, target: 'workspace' } },
  { name: 'MCP discovery on but chat.mcp.access is none', facts: { mcpAccess: 'none', mcpDiscovery: true }, ids: [] },
  {
    name: 'Cline installed and enabled',
    facts: { enabledExtensions: ['saoudrizwan.claude-dev'] },
    ids: ['extension:saoudrizwan.claude-dev'],
    says: ['Cline (saoudrizwan.claude-dev)'],
    close: { kind: 'extension', extensionId: 'saoudrizwan.claude-dev' },
  },
  { name: 'Roo Code', facts: { enabledExtensions: ['RooVeterinaryInc.roo-cline'] }, ids: ['extension:rooveterinaryinc.roo-cline'] },
  { name: 'Continue', facts: { enabledExtensions: ['Continue.continue'] }, ids: ['extension:continue.continue'] },
  { name: 'GitHub Copilot (the completions extension)', facts: { enabledExtensions: ['GitHub.copilot'] }, ids: ['extension:github.copilot'] },
  { name: 'Claude Code', facts: { enabledExtensions: ['anthropic.claude-code'] }, ids: ['extension:anthropic.claude-code'] },
  { name: 'Codex', facts: { enabledExtensions: ['openai.chatgpt'] }, ids: ['extension:openai.chatgpt'] },
  { name: 'an extension Airlock does not know as an agent', facts: { enabledExtensions: ['esbenp.prettier-vscode'] }, ids: [] },
  { name: 'an extension id that is an Object.prototype name', facts: { enabledExtensions: ['constructor', '__proto__', 'toString'] }, ids: [] },
  {
    name: 'everything open at once: VS Code\'s own agent first, then MCP, then extensions in id order',
    facts: {
      agentMode: { value: true },
      enabledExtensions: ['saoudrizwan.claude-dev', 'github.copilot-chat', 'anthropic.claude-code'],
      mcpConfigs: [config('.vscode/mcp.json', ['github'])],
      mcpDiscovery: { windsurf: true },
      mcpSettings: { ...CLOSED.mcpSettings, 'chat.mcp.access': { user: 'none', workspace: 'all' } },
      mcpTools: ['mcp_github_list_issues'],
    },
    ids: ['agent-mode', 'bundled-chat', 'mcp-override:chat.mcp.access', 'mcp-servers', 'mcp-discovery', 'mcp-running', 'extension:anthropic.claude-code', 'extension:saoudrizwan.claude-dev'],
  },
];

describe('core/posture/sideDoors: what acts in this window outside the guard', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const doors = findSideDoors({ ...CLOSED, ...c.facts });
      assert.deepEqual(doors.map((door) => door.id), c.ids);
      const first = doors[0];
      for (const words of c.says ?? []) assert.ok(first?.sentence.includes(words), `"${first?.sentence ?? ''}" says ${words}`);
      if (c.close) assert.deepEqual(first?.close, c.close);
    });
  }

  it('marks VS Code\'s own agent (agent mode, bundled chat extension) as native, nothing else', () => {
    const doors = findSideDoors({ ...CLOSED, agentMode: { value: true }, enabledExtensions: ['github.copilot-chat', 'continue.continue'], mcpDiscovery: true });
    assert.deepEqual(doors.filter((door) => door.native).map((door) => door.id), ['agent-mode', 'bundled-chat']);
  });

  it('says how each closure is done, and that an extension cannot be disabled for the user', () => {
    assert.equal(describeClosure({ kind: 'setting', key: 'chat.agent.enabled', value: false, target: 'workspace' }), 'Set chat.agent.enabled: false in this workspace\'s settings.');
    assert.equal(describeClosure({ kind: 'setting', key: 'chat.mcp.access', value: 'none', target: 'user' }), 'Set chat.mcp.access: "none" in your user settings.');
    assert.equal(describeClosure({ kind: 'setting', key: 'chat.mcp.access', value: undefined, target: 'workspace' }), 'Remove chat.mcp.access from this workspace\'s settings, so your own value applies again.');
    assert.match(describeClosure({ kind: 'extension', extensionId: 'saoudrizwan.claude-dev' }), /Extensions view: no API lets another extension turn it off/);
  });

  const NOTICE_CASES: readonly { name: string; facts: Partial<PostureFacts>; required: boolean; notice?: string }[] = [
    { name: 'agent mode on, the policy requires it off', facts: { agentMode: { value: true } }, required: true, notice: 'Airlock\'s guard is not the only way in: VS Code\'s agent mode can act in this workspace outside it until you close it (Airlock: Review Side Doors…)' },
    { name: 'agent mode and the bundled chat extension, required off', facts: { agentMode: { value: true }, enabledExtensions: ['github.copilot-chat'] }, required: true, notice: 'Airlock\'s guard is not the only way in: VS Code\'s agent mode and VS Code\'s bundled chat extension can act in this workspace outside it until you close them (Airlock: Review Side Doors…)' },
    { name: 'agent mode on, the policy does not require it off', facts: { agentMode: { value: true } }, required: false },
    { name: 'required, and only a non-native door (Cline) open', facts: { enabledExtensions: ['saoudrizwan.claude-dev'] }, required: true },
    { name: 'required, and everything closed', facts: {}, required: true },
  ];
  for (const c of NOTICE_CASES) {
    it(`panel notice: ${c.name}`, () => assert.equal(nativeAgentNotice(findSideDoors({ ...CLOSED, ...c.facts }), c.required), c.notice));
  }

  it('counts doors in words: 1 side door, 2 side doors', () => {
    assert.deepEqual([1, 2].map(sideDoorCount), ['1 side door', '2 side doors']);
  });
});
