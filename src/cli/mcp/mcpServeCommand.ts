import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import { version } from '../../../package.json';
import { mcpGatewayBackend } from '../../core/mcp/mcpGatewayBackend';
import { serveMcpGateway } from '../../core/mcp/mcpGateway';
import { ExitCode } from '../exitCode';
import { loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import type { CommandContext } from '../commands/commandFactory';
import { openCliMcpServers } from './cliMcpServers';

/**
 * `airlock mcp serve`: the gateway over stdio, for any MCP client (VS Code's own chat reaches it
 * through Airlock's server definition provider). Its tools are the workspace's approved `mcp.*`
 * tools with every check; stdout carries only the protocol, so every message goes to stderr.
 */
export function mcpServeCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('serve'))
    .description('serve the workspace\'s approved MCP tools (mcp.<server>.<tool>) over stdio, through the guard: policy allowlist, pinned definitions, argument validation, approval by risk through the client, output caps, content guard, audit')
    .addHelpText('after', '\nRuns until stdin closes. Exit status: 0 the client closed the connection, 1 the policy failed to load, 2 usage error.');
  return command.action(() => withUsageErrors(command, async () => {
    const { load, effective } = await loadEffectivePolicy(command.opts<PolicyCliOptions>(), context);
    reportPolicyProblems(effective, context);
    if (effective.errors.length > 0) return context.setExitCode(ExitCode.failure);
    const servers = openCliMcpServers({ policy: effective.policy, configDir: load.configDir, workspaceFolder: load.workspaceFolder, onAuditError: (message) => context.stderr.write(`airlock mcp serve: an audit entry could not be written: ${message}\n`) }, context);
    try {
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = resolve;
      });
      // The SDK's transport does not notice the client closing stdin; the gateway ends with it.
      process.stdin.once('end', () => void transport.close());
      await serveMcpGateway(mcpGatewayBackend({ workspace: servers.workspace, policy: () => effective.policy, audit: servers.audit, actor: 'cli' }), transport, version);
      await closed;
    } finally {
      await servers.close();
    }
  }));
}
