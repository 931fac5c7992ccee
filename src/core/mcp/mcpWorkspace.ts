import { ownEntries, ownValue } from '../policy/keyedRecord';
import type { DefinitionReview, OfferedMcpTool } from './definitionReview';
import { McpServerManager, type McpServerManagerOptions } from './mcpServerManager';
import { McpServerTools } from './mcpServerTools';
import { McpPinStore, mcpServerIdentity, pinStoreKey, type McpServerIdentity } from './pinStore';

export interface McpWorkspaceOptions extends McpServerManagerOptions {
  /** Where the approvals live (`<configDir>/mcp-pins.json`), shared by the extension and the CLI. */
  readonly configDir: string;
  /** A listing that differs from the approval: the UI shows it and may approve it. */
  readonly onReview?: (review: DefinitionReview) => void;
  /** The offered tools changed (an approval, a withheld listing, a policy change). */
  readonly onChange?: () => void;
}

/**
 * The MCP servers of one workspace: one manager (processes, connections), the pins, and one
 * McpServerTools per server as the policy names it now. A server whose name, command, arguments
 * or URL changed in the policy is another identity, so it gets new tools that start unapproved.
 * Used alike by the extension, `airlock mcp diff|approve` and the gateway (`airlock mcp serve`).
 */
export class McpWorkspace {
  readonly manager: McpServerManager;
  readonly pins: McpPinStore;
  private readonly tools = new Map<string, { key: string; tools: McpServerTools }>();

  constructor(private readonly options: McpWorkspaceOptions) {
    this.manager = new McpServerManager({
      ...options,
      // Every new connection (a start, a restart) is watched: a server that says its tools changed is listed and reviewed again.
      configureClient: (client, server, settings) => {
        options.configureClient?.(client, server, settings);
        this.serverTools(server)?.watch(client);
      },
    });
    this.pins = new McpPinStore(options.configDir);
  }

  /** The servers the policy names and enables, in the policy's order. */
  enabledServers(): string[] {
    return ownEntries(this.options.policy().mcp.servers).filter(([, settings]) => settings.enabled).map(([name]) => name);
  }

  /** The identity an approval of this server is bound to, or undefined when the policy does not name it. */
  identity(server: string): McpServerIdentity | undefined {
    const settings = ownValue(this.options.policy().mcp.servers, server);
    return settings ? mcpServerIdentity(server, settings, this.options.workspace) : undefined;
  }

  /** The server's tools as the policy names it now; undefined when it does not. */
  serverTools(server: string): McpServerTools | undefined {
    const identity = this.identity(server);
    if (!identity) return undefined;
    const key = pinStoreKey(identity);
    const existing = this.tools.get(server);
    if (existing?.key === key) return existing.tools;
    const tools = new McpServerTools({
      identity,
      policy: () => ownValue(this.options.policy().mcp.servers, server),
      client: () => this.manager.client(server),
      pins: this.pins,
      onReview: (review) => this.options.onReview?.(review),
      ...(this.options.onChange ? { onChange: this.options.onChange } : {}),
    });
    this.tools.set(server, { key, tools });
    return tools;
  }

  /** Lists every enabled server that has not been listed yet (starting it); failures stay on each server's state. */
  async refresh(signal?: AbortSignal): Promise<void> {
    await Promise.all(this.enabledServers().map(async (server) => {
      const tools = this.serverTools(server);
      if (tools?.current().kind === 'unlisted' || tools?.current().kind === 'failed') await tools.refresh(signal);
    }));
  }

  /** What the model may be offered now, from every enabled server whose listing is approved. */
  offered(): OfferedMcpTool[] {
    return this.enabledServers().flatMap((server) => this.serverTools(server)?.tools() ?? []);
  }

  /** The policy changed: servers it no longer names are forgotten, the rest decided again. */
  repolicy(): void {
    for (const [server, entry] of [...this.tools]) {
      const identity = this.identity(server);
      if (!identity || pinStoreKey(identity) !== entry.key) this.tools.delete(server);
      else entry.tools.repolicy();
    }
  }

  async dispose(): Promise<void> {
    this.tools.clear();
    await this.manager.dispose();
  }
}
