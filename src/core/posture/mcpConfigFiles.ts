import { discoverySources } from './mcpSettingOverrides';

/** Whether VS Code itself starts the servers a file declares, or only other agents read it. */
export type VsCodeReads = 'always' | 'never' | 'with-workspace-root-config' | 'with-cursor-discovery';

/** An MCP configuration file in a workspace folder, and who reads it. */
export interface McpConfigFile {
  /** Relative to the folder. */
  readonly path: string;
  /** The agents other than VS Code that read it. */
  readonly readers: readonly string[];
  readonly vscode: VsCodeReads;
}

/** The MCP files a repository can ship, for VS Code (1.139) and for the agents people run beside it. */
export const WORKSPACE_MCP_FILES: readonly McpConfigFile[] = [
  { path: '.vscode/mcp.json', readers: [], vscode: 'always' },
  { path: '.mcp.json', readers: ['Claude Code'], vscode: 'with-workspace-root-config' },
  { path: '.cursor/mcp.json', readers: ['Cursor'], vscode: 'with-cursor-discovery' },
  { path: '.roo/mcp.json', readers: ['Roo Code'], vscode: 'never' },
];

/** The effective settings that decide which files VS Code reads. */
export interface McpReadSettings {
  /** `chat.mcp.workspaceRootConfig.enabled` (off by default in stable 1.139). */
  readonly workspaceRootConfig: unknown;
  /** `chat.mcp.discovery.enabled`. */
  readonly discovery: unknown;
}

export function vscodeReadsFile(reads: VsCodeReads, settings: McpReadSettings): boolean {
  switch (reads) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'with-workspace-root-config':
      return settings.workspaceRootConfig === true;
    case 'with-cursor-discovery': {
      const sources = discoverySources(settings.discovery);
      return sources.includes('cursor-workspace') || sources.includes('every application');
    }
  }
}
