import { quote } from 'shell-quote';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_MCP_FILES } from '../../core/posture/mcpConfigFiles';
import { mcpServerEntries, type McpServerEntry } from '../../core/posture/mcpServerEntries';

/** Largest MCP configuration file read; a larger one is not a configuration anybody wrote by hand. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A server one of the workspace's own MCP files declares for VS Code or another agent. */
export interface DirectServerEntry {
  /** Relative to the workspace folder. */
  readonly file: string;
  /** Who starts it directly: VS Code (always, or when its setting reads the file), other agents. */
  readonly readers: readonly string[];
  readonly entry: McpServerEntry;
}

/** The servers the workspace's own MCP files declare, outside Airlock's guard, file by file. */
export async function directServerEntries(workspaceFolder: string): Promise<DirectServerEntry[]> {
  const found: DirectServerEntry[] = [];
  for (const file of WORKSPACE_MCP_FILES) {
    const text = await readFile(join(workspaceFolder, file.path)).then((bytes) => (bytes.length > MAX_CONFIG_BYTES ? undefined : bytes.toString('utf8')), () => undefined);
    if (text === undefined) continue;
    const readers = [...(file.vscode === 'never' ? [] : [file.vscode === 'always' ? 'VS Code' : 'VS Code (when its setting reads this file)']), ...file.readers];
    for (const entry of mcpServerEntries(text)) found.push({ file: file.path, readers, entry });
  }
  return found;
}

/** The command that moves this server behind Airlock, for the user to run. */
export function adoptCommandLine(direct: DirectServerEntry, workspaceFolder: string, packName: string): string {
  return `airlock mcp adopt ${quote([direct.entry.rawName])} --from ${direct.file} --workspace ${quote([workspaceFolder])} --pack ${packName}`;
}
