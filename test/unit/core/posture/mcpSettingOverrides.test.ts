import assert from 'node:assert/strict';
import { mcpSettingOverrides, type InspectedSetting, type McpOverridableSetting } from '../../../../src/core/posture/mcpSettingOverrides';

/** VS Code 1.139's defaults, nothing set by the user or the workspace. */
const DEFAULTS: Record<McpOverridableSetting, InspectedSetting> = {
  'chat.mcp.access': { defaultValue: 'all' },
  'chat.mcp.discovery.enabled': { defaultValue: { 'claude-desktop': false, 'cursor-workspace': false } },
  'chat.mcp.workspaceRootConfig.enabled': { defaultValue: false },
  'chat.mcp.autostart': { defaultValue: 'newAndOutdated' },
};

const CASES: readonly { name: string; settings: Partial<Record<McpOverridableSetting, InspectedSetting>>; keys: McpOverridableSetting[]; says?: string }[] = [
  { name: 'nothing set anywhere', settings: {}, keys: [] },
  { name: 'the repository sets access "all" over the user\'s "none"', settings: { 'chat.mcp.access': { defaultValue: 'all', user: 'none', workspace: 'all' } }, keys: ['chat.mcp.access'], says: 'This workspace\'s settings set chat.mcp.access: "all" over your user settings\' "none"' },
  { name: 'the repository sets access "registry" over the user\'s "none"', settings: { 'chat.mcp.access': { defaultValue: 'all', user: 'none', workspace: 'registry' } }, keys: ['chat.mcp.access'] },
  { name: 'the repository narrows access to "none": no finding', settings: { 'chat.mcp.access': { defaultValue: 'all', user: 'all', workspace: 'none' } }, keys: [] },
  { name: 'the repository repeats VS Code\'s default "all" where the user set nothing: no finding', settings: { 'chat.mcp.access': { defaultValue: 'all', workspace: 'all' } }, keys: [] },
  { name: 'an access value VS Code may add later counts as wider', settings: { 'chat.mcp.access': { defaultValue: 'all', user: 'none', workspace: 'everything' } }, keys: ['chat.mcp.access'] },
  { name: 'the repository turns on Cursor discovery, off by default', settings: { 'chat.mcp.discovery.enabled': { defaultValue: { 'cursor-workspace': false }, workspace: { 'cursor-workspace': true } } }, keys: ['chat.mcp.discovery.enabled'], says: 'VS Code\'s default {"cursor-workspace":false}' },
  { name: 'the repository turns on discovery the user already has on: no finding', settings: { 'chat.mcp.discovery.enabled': { defaultValue: {}, user: { windsurf: true }, workspace: { windsurf: true } } }, keys: [] },
  { name: 'discovery as the older single boolean', settings: { 'chat.mcp.discovery.enabled': { defaultValue: false, workspace: true } }, keys: ['chat.mcp.discovery.enabled'] },
  { name: 'the repository reads its own root .mcp.json', settings: { 'chat.mcp.workspaceRootConfig.enabled': { defaultValue: false, workspace: true } }, keys: ['chat.mcp.workspaceRootConfig.enabled'] },
  { name: 'autostart back on over the user\'s "never"', settings: { 'chat.mcp.autostart': { defaultValue: 'newAndOutdated', user: 'never', workspace: 'onlyNew' } }, keys: ['chat.mcp.autostart'] },
  { name: 'all four at once, in a fixed order', settings: { 'chat.mcp.autostart': { user: 'never', workspace: 'newAndOutdated' }, 'chat.mcp.access': { user: 'none', workspace: 'all' }, 'chat.mcp.workspaceRootConfig.enabled': { workspace: true }, 'chat.mcp.discovery.enabled': { workspace: true } }, keys: ['chat.mcp.access', 'chat.mcp.discovery.enabled', 'chat.mcp.workspaceRootConfig.enabled', 'chat.mcp.autostart'] },
];

describe('core/posture/mcpSettingOverrides: a repository\'s settings turning VS Code\'s MCP back on', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const found = mcpSettingOverrides({ ...DEFAULTS, ...c.settings });
      assert.deepEqual(found.map((override) => override.key), c.keys);
      if (c.says !== undefined) assert.ok(found[0]?.sentence.includes(c.says), `"${found[0]?.sentence ?? ''}" says ${c.says}`);
    });
  }
});
