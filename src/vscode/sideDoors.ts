import * as vscode from 'vscode';
import { mcpServerNames } from '../core/posture/mcpServerNames';
import { findSideDoors, type McpConfigFact, type PostureFacts, type SideDoor } from '../core/posture/sideDoors';

/** Settings that open or close a side door; a change to any of them re-checks. */
const WATCHED_SETTINGS = ['chat.agent.enabled', 'chat.disableAIFeatures', 'chat.mcp', 'mcp'];
/** Where VS Code reads a folder's MCP servers from. */
const FOLDER_MCP_FILES = ['.vscode/mcp.json', '.mcp.json'];

/**
 * What can act in this window outside Airlock's guard (VS Code's own agent, its bundled chat
 * extension, MCP servers, agent extensions), re-checked when a setting, an extension or an MCP
 * file changes.
 */
export class SideDoors implements vscode.Disposable {
  private doors: readonly SideDoor[] = [];
  private checks = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** The doors found may have changed. */
  readonly onDidChange = this.changed.event;

  /** `userDir` is VS Code's user folder (where its user `mcp.json` lives). */
  constructor(private readonly userDir: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    const recheck = (): void => void this.refresh();
    const folderFiles = vscode.workspace.createFileSystemWatcher(`**/{${FOLDER_MCP_FILES.join(',')}}`);
    const userFile = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(userDir, 'mcp.json'));
    this.disposables.push(
      folderFiles,
      userFile,
      ...[folderFiles, userFile].flatMap((watcher) => [watcher.onDidChange(recheck), watcher.onDidCreate(recheck), watcher.onDidDelete(recheck)]),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (WATCHED_SETTINGS.some((key) => event.affectsConfiguration(key))) recheck();
      }),
      vscode.extensions.onDidChange(recheck),
      vscode.workspace.onDidChangeWorkspaceFolders(recheck),
    );
  }

  /** The doors found by the last check. */
  get current(): readonly SideDoor[] {
    return this.doors;
  }

  /** Checks again; the answer of the latest check wins over one that finishes after it. */
  async refresh(): Promise<readonly SideDoor[]> {
    const check = ++this.checks;
    const doors = findSideDoors(await this.facts());
    if (check === this.checks) {
      this.doors = doors;
      this.changed.fire();
    }
    return this.doors;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async facts(): Promise<PostureFacts> {
    const config = vscode.workspace.getConfiguration();
    const agentMode = config.inspect<boolean>('chat.agent.enabled');
    const mcpSetting = config.inspect<unknown>('mcp');
    const fromSettings: McpConfigFact[] = [
      { where: 'user settings (mcp)', servers: mcpServerNames(mcpSetting?.globalValue) },
      { where: 'workspace settings (mcp)', servers: mcpServerNames(mcpSetting?.workspaceValue) },
    ];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const files = [
      { where: 'user mcp.json', uri: vscode.Uri.joinPath(this.userDir, 'mcp.json') },
      ...folders.flatMap((folder) => FOLDER_MCP_FILES.map((file) => ({ where: folders.length > 1 ? `${folder.name}/${file}` : file, uri: vscode.Uri.joinPath(folder.uri, file) }))),
    ];
    return {
      hasWorkspace: folders.length > 0,
      // VS Code 1.139's default is on: a host that cannot say counts as on.
      agentMode: { value: config.get<boolean>('chat.agent.enabled') ?? true, user: agentMode?.globalValue, workspace: agentMode?.workspaceValue },
      enabledExtensions: vscode.extensions.all.map((extension) => extension.id),
      mcpAccess: config.get('chat.mcp.access'),
      mcpConfigs: [...fromSettings, ...(await Promise.all(files.map(({ where, uri }) => this.readMcpFile(where, uri))))],
      mcpDiscovery: config.get('chat.mcp.discovery.enabled'),
    };
  }

  /** A missing file declares nothing; one that exists but cannot be read counts as open (fail closed). */
  private async readMcpFile(where: string, uri: vscode.Uri): Promise<McpConfigFact> {
    try {
      return { where, servers: mcpServerNames(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { where, servers: [] };
      this.log.warn(`side doors: could not read ${uri.toString(true)}: ${String(error)}; counted as configuring MCP servers`);
      return { where, servers: ['(unreadable)'] };
    }
  }
}
