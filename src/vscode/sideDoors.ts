import * as vscode from 'vscode';
import { vscodeReadsFile, WORKSPACE_MCP_FILES } from '../core/posture/mcpConfigFiles';
import { mcpServerEntries, type McpServerEntry } from '../core/posture/mcpServerEntries';
import { MCP_OVERRIDABLE_SETTINGS, type InspectedSetting, type McpOverridableSetting } from '../core/posture/mcpSettingOverrides';
import { withoutGatewayTools } from '../core/posture/gatewayTools';
import { findSideDoors, type McpConfigFact, type PostureFacts, type SideDoor } from '../core/posture/sideDoors';

/** Settings that open or close a side door; a change to any of them re-checks. */
const WATCHED_SETTINGS = ['chat.agent.enabled', 'chat.disableAIFeatures', 'chat.mcp', 'mcp'];
/**
 * How often VS Code's running MCP tools are looked at: no stable event says when they change.
 * A check reads one in-memory list; the doors are recomputed only when it changed.
 */
const TOOL_POLL_MS = 5000;

/**
 * What can act in this window outside Airlock's guard (VS Code's own agent, its bundled chat
 * extension, MCP servers, agent extensions), re-checked when a setting, an extension or an MCP
 * file changes.
 */
export class SideDoors implements vscode.Disposable {
  private doors: readonly SideDoor[] = [];
  private lastFacts: PostureFacts | undefined;
  private runningTools = '';
  private checks = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** The doors found may have changed. */
  readonly onDidChange = this.changed.event;

  /** `userDir` is VS Code's user folder (where its user `mcp.json` lives). */
  constructor(readonly userDir: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    const recheck = (): void => void this.refresh();
    const folderFiles = vscode.workspace.createFileSystemWatcher(`**/{${WORKSPACE_MCP_FILES.map((file) => file.path).join(',')}}`);
    const toolPoll = setInterval(() => {
      if (mcpToolNames().join('\n') !== this.runningTools) recheck();
    }, TOOL_POLL_MS);
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
      { dispose: () => clearInterval(toolPoll) },
    );
  }

  /** The doors found by the last check. */
  get current(): readonly SideDoor[] {
    return this.doors;
  }

  /** What the last check saw (MCP configurations, settings, running tools), for the MCP review. */
  get facts(): PostureFacts | undefined {
    return this.lastFacts;
  }

  /** Checks again; the answer of the latest check wins over one that finishes after it. */
  async refresh(): Promise<readonly SideDoor[]> {
    const check = ++this.checks;
    const tools = mcpToolNames();
    const facts = await this.gather(tools);
    if (check === this.checks) {
      this.lastFacts = facts;
      // What the poll compares with: every tool, the gateway's included.
      this.runningTools = tools.join('\n');
      this.doors = findSideDoors(facts);
      this.changed.fire();
    }
    return this.doors;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async gather(tools: readonly string[]): Promise<PostureFacts> {
    const config = vscode.workspace.getConfiguration();
    const agentMode = config.inspect<boolean>('chat.agent.enabled');
    const mcpSetting = config.inspect<unknown>('mcp');
    const inVsCode = { vscodeReads: true, readers: [] };
    const reading = { workspaceRootConfig: config.get('chat.mcp.workspaceRootConfig.enabled'), discovery: config.get('chat.mcp.discovery.enabled') };
    const folders = vscode.workspace.workspaceFolders ?? [];
    const files = [
      { where: 'user mcp.json', uri: vscode.Uri.joinPath(this.userDir, 'mcp.json'), ...inVsCode },
      ...folders.flatMap((folder) => WORKSPACE_MCP_FILES.map((file) => ({
        where: folders.length > 1 ? `${folder.name}/${file.path}` : file.path,
        uri: vscode.Uri.joinPath(folder.uri, file.path),
        vscodeReads: vscodeReadsFile(file.vscode, reading),
        readers: file.readers,
      }))),
    ];
    const fromFiles = await Promise.all(files.map((file) => this.readMcpFile(file)));
    const fromSettings: McpConfigFact[] = [
      { where: 'user settings (mcp)', servers: mcpServerEntries(mcpSetting?.globalValue), ...inVsCode },
      { where: 'workspace settings (mcp)', servers: notInFiles(mcpServerEntries(mcpSetting?.workspaceValue), fromFiles), ...inVsCode },
    ];
    const mcpConfigs = [...fromSettings, ...fromFiles];
    return {
      hasWorkspace: folders.length > 0,
      // VS Code 1.139's default is on: a host that cannot say counts as on.
      agentMode: { value: config.get<boolean>('chat.agent.enabled') ?? true, user: agentMode?.globalValue, workspace: agentMode?.workspaceValue },
      enabledExtensions: vscode.extensions.all.map((extension) => extension.id),
      mcpAccess: config.get('chat.mcp.access'),
      mcpConfigs,
      mcpDiscovery: reading.discovery,
      mcpSettings: inspectMcpSettings(config),
      mcpAllowed: config.get('chat.mcp.allowedServers'),
      mcpDenied: config.get('chat.mcp.deniedServers'),
      // Airlock's own gateway is not a side door: its tools are the guarded ones.
      mcpTools: withoutGatewayTools(tools, mcpConfigs),
    };
  }

  /** A missing file declares nothing; one that exists but cannot be read counts as open (fail closed). */
  private async readMcpFile(file: Omit<McpConfigFact, 'servers' | 'location'> & { readonly uri: vscode.Uri }): Promise<McpConfigFact> {
    const { uri, ...fact } = file;
    const location = uri.toString();
    try {
      return { ...fact, location, servers: mcpServerEntries(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { ...fact, servers: [] };
      this.log.warn(`side doors: could not read ${uri.toString(true)}: ${String(error)}; counted as configuring MCP servers`);
      return { ...fact, location, servers: [{ name: '(unreadable)', rawName: '(unreadable)' }] };
    }
  }
}

/**
 * VS Code reports a folder's .vscode/mcp.json as the workspace value of its `mcp` setting: a
 * server listed there and in a file VS Code reads is one server, shown once, with its file.
 */
function notInFiles(servers: readonly McpServerEntry[], fromFiles: readonly McpConfigFact[]): McpServerEntry[] {
  const inFiles = new Set(fromFiles.filter((fact) => fact.vscodeReads).flatMap((fact) => fact.servers.map((server) => server.rawName)));
  return servers.filter((server) => !inFiles.has(server.rawName));
}

/** The MCP tools VS Code offers its agent now, sorted: each belongs to a server it started. */
function mcpToolNames(): string[] {
  return vscode.lm.tools.filter((tool) => tool.tags.includes('mcp')).map((tool) => tool.name).sort();
}

function inspectMcpSettings(config: vscode.WorkspaceConfiguration): Record<McpOverridableSetting, InspectedSetting> {
  return Object.fromEntries(MCP_OVERRIDABLE_SETTINGS.map((key) => {
    const seen = config.inspect(key);
    return [key, { defaultValue: seen?.defaultValue, user: seen?.globalValue, workspace: seen?.workspaceValue }];
  })) as Record<McpOverridableSetting, InspectedSetting>;
}
