import * as vscode from 'vscode';
import { ownEntries } from '../core/policy/keyedRecord';
import { airlockGatewayLaunch } from './mcpGatewayLaunch';
import type { PolicyService } from './policyService';

export const MCP_GATEWAY_PROVIDER_ID = 'airlock.gateway';
/** The one server VS Code's own chat gets from Airlock; the side-door lock allows only this. */
export const MCP_GATEWAY_LABEL = 'Airlock';

/**
 * Offers VS Code's own chat one MCP server, Airlock's gateway (`airlock mcp serve` from this
 * extension's bundled CLI), whose tools are the workspace's approved `mcp.*` tools with every
 * check applied. VS Code asks before each call itself; the gateway asks again by risk through
 * elicitation. No server is offered in an untrusted workspace or without a folder, and a start
 * is refused when the policy does not load or names no enabled server.
 */
export class McpGatewayProvider implements vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly extensionPath: string, private readonly version: string, private readonly policy: PolicyService, private readonly managedPath: () => string | undefined) {
    this.subscriptions = [
      this.changed,
      policy.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.lm.registerMcpServerDefinitionProvider(MCP_GATEWAY_PROVIDER_ID, this),
    ];
  }

  provideMcpServerDefinitions(): vscode.McpStdioServerDefinition[] {
    const folder = this.policy.workspaceFolder;
    if (folder === undefined || !vscode.workspace.isTrusted) return [];
    const managed = this.managedPath();
    const launch = airlockGatewayLaunch(this.extensionPath);
    // The command line is what the lock's allowlist matches, the same in every workspace: the
    // workspace is the working folder and the pack an environment variable, which VS Code does not match.
    // ELECTRON_RUN_AS_NODE: in desktop VS Code the extension host's binary is Electron; this makes it a plain Node.
    const definition = new vscode.McpStdioServerDefinition(MCP_GATEWAY_LABEL, launch.command, [...launch.args], { ELECTRON_RUN_AS_NODE: '1', AIRLOCK_POLICY_PACK: this.policy.packName, ...(managed === undefined ? {} : { AIRLOCK_MANAGED_POLICY: managed }) }, this.version);
    definition.cwd = vscode.Uri.file(folder);
    return [definition];
  }

  resolveMcpServerDefinition(server: vscode.McpStdioServerDefinition): vscode.McpStdioServerDefinition {
    const refusal = this.refusal();
    if (refusal !== undefined) throw new Error(`Airlock does not start its MCP gateway: ${refusal}`);
    return server;
  }

  /** Why the gateway may not start now, or undefined when it may. */
  refusal(): string | undefined {
    if (!vscode.workspace.isTrusted) return 'the workspace is not trusted';
    const policy = this.policy.toolPolicy;
    if (policy === undefined) return 'the security policy did not load';
    if (!ownEntries(policy.mcp.servers).some(([, settings]) => settings.enabled)) return 'the policy names no enabled MCP server';
    return undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
