import * as path from 'node:path';

/**
 * How VS Code starts Airlock's MCP gateway: `airlock mcp serve` (stdio) from the CLI shipped in
 * this extension, run by the extension host's own Node. VS Code's allowlist matches a server by
 * this exact command line, so the definition provider and the lock must both take it from here,
 * with nothing per workspace in it: the allowlist is one user setting for every workspace, so the
 * gateway learns its workspace and pack from its working folder and environment, which VS Code
 * does not match.
 */
export function airlockGatewayLaunch(extensionPath: string): { readonly command: string; readonly args: readonly string[]; readonly commandLine: readonly string[] } {
  const args = [path.join(extensionPath, 'dist', 'cli.js'), 'mcp', 'serve'];
  return { command: process.execPath, args, commandLine: [process.execPath, ...args] };
}

