import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import { version } from '../../../package.json';
import { McpGateway } from '../../core/mcp/mcpGateway';
import { mcpWorkspaceTools } from '../../core/mcp/mcpWorkspaceTools';
import { BUILTIN_PACK_NAMES } from '../../core/policy/builtinPacks';
import { ExitCode } from '../exitCode';
import { CliUsageError, loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import type { CommandContext } from '../commands/commandFactory';
import { openCliMcpServers } from './cliMcpServers';

/**
 * `airlock mcp serve`: the gateway over stdio, for any MCP client (VS Code's own chat reaches it
 * through Airlock's server definition provider). Its tools are the workspace's approved `mcp.*`
 * tools with every check, and a server allowed to sample asks the client's user and model;
 * stdout carries only the protocol, so every message goes to stderr.
 */
export function mcpServeCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('serve'))
    .description('serve the workspace\'s approved MCP tools (mcp.<server>.<tool>) over stdio, through the guard: policy allowlist, pinned definitions, argument validation, approval by risk through the client, output caps, content guard, audit')
    .addHelpText('after', '\nWithout --pack, the pack is AIRLOCK_POLICY_PACK if set (VS Code\'s definition provider passes it so that the command line stays the same in every workspace).\nRuns until stdin closes. Exit status: 0 the client closed the connection, 1 the policy failed to load, 2 usage error.');
  return command.action(() => withUsageErrors(command, async () => {
    const { load, effective } = await loadEffectivePolicy(servedPack(command, context), context);
    reportPolicyProblems(effective, context);
    if (effective.errors.length > 0) return context.setExitCode(ExitCode.failure);
    // Servers start on the first call, after the gateway below exists: a sampling request goes to its client.
    const servers = openCliMcpServers({ policy: effective.policy, configDir: load.configDir, workspaceFolder: load.workspaceFolder, onAuditError: (message) => context.stderr.write(`airlock mcp serve: an audit entry could not be written: ${message}\n`), sample: (ask, signal) => gateway.sample(ask, signal), onChange: () => gateway.toolsChanged() }, context);
    const gateway = new McpGateway({ policy: () => effective.policy, audit: servers.audit, version });
    try {
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = resolve;
      });
      // The SDK's transport does not notice the client closing stdin; the gateway ends with it.
      process.stdin.once('end', () => void transport.close());
      await gateway.connect(mcpWorkspaceTools(servers.workspace, () => effective.policy), transport);
      await closed;
    } finally {
      await servers.close();
    }
  }));
}

/** --pack when given, else AIRLOCK_POLICY_PACK, else the default pack. */
function servedPack(command: Command, context: CommandContext): PolicyCliOptions {
  const options = command.opts<PolicyCliOptions>();
  const fromEnv = context.env.AIRLOCK_POLICY_PACK?.trim();
  if (command.getOptionValueSource('pack') !== 'default' || !fromEnv) return options;
  if (!(BUILTIN_PACK_NAMES as readonly string[]).includes(fromEnv)) throw new CliUsageError(`AIRLOCK_POLICY_PACK=${fromEnv}: not a built-in pack (${BUILTIN_PACK_NAMES.join(', ')})`);
  return { ...options, pack: fromEnv };
}
