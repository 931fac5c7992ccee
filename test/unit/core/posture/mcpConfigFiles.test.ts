import assert from 'node:assert/strict';
import { vscodeReadsFile, WORKSPACE_MCP_FILES, type McpReadSettings } from '../../../../src/core/posture/mcpConfigFiles';

const STABLE: McpReadSettings = { workspaceRootConfig: false, discovery: { 'cursor-workspace': false } };

function reads(path: string, settings: McpReadSettings): boolean {
  const file = WORKSPACE_MCP_FILES.find((candidate) => candidate.path === path);
  assert.ok(file, path);
  return vscodeReadsFile(file.vscode, settings);
}

const CASES: readonly { name: string; path: string; settings: McpReadSettings; reads: boolean }[] = [
  { name: '.vscode/mcp.json, always', path: '.vscode/mcp.json', settings: STABLE, reads: true },
  { name: '.mcp.json (Claude Code\'s), not by default in stable', path: '.mcp.json', settings: STABLE, reads: false },
  { name: '.mcp.json once chat.mcp.workspaceRootConfig.enabled is on', path: '.mcp.json', settings: { ...STABLE, workspaceRootConfig: true }, reads: true },
  { name: '.cursor/mcp.json, not without discovery', path: '.cursor/mcp.json', settings: STABLE, reads: false },
  { name: '.cursor/mcp.json with cursor-workspace discovery', path: '.cursor/mcp.json', settings: { ...STABLE, discovery: { 'cursor-workspace': true } }, reads: true },
  { name: '.cursor/mcp.json with discovery as the older single boolean', path: '.cursor/mcp.json', settings: { ...STABLE, discovery: true }, reads: true },
  { name: '.cursor/mcp.json with only Cursor\'s global file discovered', path: '.cursor/mcp.json', settings: { ...STABLE, discovery: { 'cursor-global': true } }, reads: false },
  { name: '.roo/mcp.json, never (Roo Code\'s own)', path: '.roo/mcp.json', settings: { workspaceRootConfig: true, discovery: true }, reads: false },
];

describe('core/posture/mcpConfigFiles: which of a repository\'s MCP files VS Code itself reads', () => {
  for (const c of CASES) it(c.name, () => assert.equal(reads(c.path, c.settings), c.reads));

  it('names another agent for every file VS Code may not read', () => {
    for (const file of WORKSPACE_MCP_FILES) if (file.vscode !== 'always') assert.ok(file.readers.length > 0, file.path);
  });
});
