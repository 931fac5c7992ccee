import { Command } from 'commander';
import { quote } from 'shell-quote';
import { directServerMove } from '../../core/mcp/directServerPolicy';
import { ownEntries, ownValue } from '../../core/policy/keyedRecord';
import { describeLaunch } from '../../core/posture/mcpServerEntries';
import { mcpServerSummary, mcpServerSummaryText } from '../../core/mcp/mcpServerSummary';
import type { McpServerPolicy } from '../../core/policy/policySchema';
import { recordCliChange, reportUnaudited } from '../audit/recordCliChange';
import { ExitCode } from '../exitCode';
import { CliUsageError, loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import type { CommandContext } from '../commands/commandFactory';
import { openCliMcpServers, type CliMcpServers } from './cliMcpServers';
import { adoptCommandLine, directServerEntries, type DirectServerEntry } from './directServers';
import { mcpAdoptCommand } from './mcpAdoptCommand';
import { mcpServeCommand } from './mcpServeCommand';
import { reviewSha256, reviewText } from '../../core/mcp/reviewText';
import type { DefinitionReview } from '../../core/mcp/definitionReview';
import type { McpServerToolsState } from '../../core/mcp/mcpServerTools';

/** `airlock mcp list|diff|approve|adopt|serve`: the policy's MCP servers, their pins, the step that approves a listing, moving a direct server behind Airlock, and the gateway. */
export function mcpServerCommands(context: CommandContext): Command[] {
  return [listCommand(context), diffCommand(context), approveCommand(context), mcpAdoptCommand(context), mcpServeCommand(context)];
}

function listCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('list'))
    .description('list the MCP servers the policy names (how each starts, its allowed tools, its pin, what its pinned listing offers and withholds, the definition scan\'s flags) and the servers the workspace configures directly for VS Code or other agents, with the command that moves each behind Airlock (no server is started)')
    .option('--json', 'one JSON object per server instead of text')
    .addHelpText('after', '\nNo server runs in this process: the state is "not running in this process", and what is offered is read from the pinned listing.\nExit status: 0 listed, 1 the policy failed to load, 2 usage error.');
  return command.action(() => withUsageErrors(command, async () => {
    const options = command.opts<PolicyCliOptions & { json?: boolean }>();
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    if (effective.errors.length > 0) return context.setExitCode(ExitCode.failure);
    const servers = openCliMcpServers({ policy: effective.policy, configDir: load.configDir, workspaceFolder: load.workspaceFolder, onAuditError: () => undefined }, context);
    try {
      const entries = ownEntries(effective.policy.mcp.servers);
      if (entries.length === 0 && options.json !== true) context.stdout.write('The policy names no MCP servers (see the mcp section in docs/policy.md).\n');
      for (const [name, settings] of entries) {
        const identity = servers.workspace.identity(name);
        const approved = identity ? await servers.workspace.pins.approved(identity) : undefined;
        const summary = mcpServerSummary({ server: name, settings, approved });
        const row = { ...summary, transport: transportText(settings), allow: settings.tools.allow, readonly: settings.readonly, write: settings.write, egress: settings.egress, approvedAt: approved?.approvedAt ?? null, approvedTools: approved ? [...approved.tools.keys()] : [] };
        context.stdout.write(options.json === true ? `${JSON.stringify(row)}\n` : listLine(row, mcpServerSummaryText(summary)));
      }
      for (const direct of await directServerEntries(load.workspaceFolder)) {
        const row = directRow(direct, load.workspaceFolder, effective.packName);
        context.stdout.write(options.json === true ? `${JSON.stringify(row)}\n` : directLine(row));
      }
    } finally {
      await servers.close();
    }
  }));
}

function diffCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('diff'))
    .description('start the server in the sandbox, list its tools, and show what changed since you approved them (with the definition scan\'s flags)')
    .argument('<server>', 'the server\'s name in the policy')
    .addHelpText('after', `\nExit status: 0 the listing is what you approved, ${ExitCode.flagged} it needs your approval (never approved, or changed), 1 the server could not be listed or the policy failed to load, 2 usage error.`);
  return command.action((server: string) => withUsageErrors(command, async () => {
    await withReview(command.opts<PolicyCliOptions>(), server, context, (review) => {
      context.stdout.write(reviewText(review, true));
      if (review.approved) return Promise.resolve();
      context.stdout.write(`\nTo approve exactly this listing: airlock mcp approve ${quote([server])} --sha256 ${reviewSha256(review)}\n`);
      context.setExitCode(ExitCode.flagged);
      return Promise.resolve();
    });
  }));
}

function approveCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('approve'))
    .description('approve the server\'s tool listing whose SHA-256 "airlock mcp diff" printed; a listing that changed since is not approved')
    .argument('<server>', 'the server\'s name in the policy')
    .requiredOption('--sha256 <hash>', 'the listing\'s SHA-256, from "airlock mcp diff"')
    .addHelpText('after', '\nExit status: 0 approved (or already approved), 1 the listing changed, the server could not be listed or the policy failed to load, 2 usage error.');
  return command.action((server: string) => withUsageErrors(command, async () => {
    const options = command.opts<PolicyCliOptions & { sha256: string }>();
    if (!/^[0-9a-f]{64}$/.test(options.sha256)) throw new CliUsageError(`--sha256 ${options.sha256}: give the 64 hex digits "airlock mcp diff" printed`);
    await withReview(options, server, context, async (review, servers, load) => {
      const sha256 = reviewSha256(review);
      if (sha256 !== options.sha256) {
        context.stderr.write(`airlock: the tools of "${server}" are not the listing you saw (its SHA-256 is now ${sha256}); run "airlock mcp diff ${server}" again\n`);
        return context.setExitCode(ExitCode.failure);
      }
      if (review.approved) {
        context.stdout.write(`already approved: the tools of "${server}" are what you approved\n`);
        return;
      }
      const tools = servers.workspace.serverTools(server);
      if (!tools) throw new CliUsageError(`the policy names no MCP server "${server}"`);
      const state = await tools.approve(review);
      const pinned = state.kind === 'offered';
      const unaudited = await recordCliChange(load, { action: 'mcp.server.approve', target: server, decision: 'allow', detail: { sha256, tools: review.definitions.map((tool) => tool.name), offered: pinned } });
      context.stdout.write(pinned ? `approved: ${review.definitions.length} tool definitions of "${server}" are pinned\n` : `approved, but the server's listing changed again: run "airlock mcp diff ${server}"\n`);
      if (!pinned) context.setExitCode(ExitCode.failure);
      reportUnaudited(unaudited, `the tools of "${server}" were approved`, context);
    });
  }));
}

type Load = Awaited<ReturnType<typeof loadEffectivePolicy>>['load'] & { policy: Awaited<ReturnType<typeof loadEffectivePolicy>>['effective']['policy'] };

/** Loads the policy, starts the named server in the sandbox, lists and reviews its tools, and always stops it. */
async function withReview(options: PolicyCliOptions, server: string, context: CommandContext, use: (review: DefinitionReview, servers: CliMcpServers, load: Load) => Promise<void>): Promise<void> {
  const { load, effective } = await loadEffectivePolicy(options, context);
  reportPolicyProblems(effective, context);
  if (effective.errors.length > 0) return context.setExitCode(ExitCode.failure);
  const servers = openCliMcpServers({ policy: effective.policy, configDir: load.configDir, workspaceFolder: load.workspaceFolder, onAuditError: (message) => context.stderr.write(`warning: the server's connections could not be audited: ${message}\n`) }, context);
  try {
    const settings = ownValue(effective.policy.mcp.servers, server);
    const tools = servers.workspace.serverTools(server);
    if (!settings || !tools) throw new CliUsageError(`the policy names no MCP server "${server}" (see "airlock mcp list")`);
    if (!settings.enabled) {
      context.stderr.write(`airlock: the MCP server "${server}" is disabled by the policy; it is not started\n`);
      return context.setExitCode(ExitCode.failure);
    }
    const state: McpServerToolsState = await tools.refresh();
    if (state.kind === 'failed' || state.kind === 'unlisted') {
      context.stderr.write(`airlock: ${state.kind === 'failed' ? state.error : `the tools of "${server}" were not listed`}\n`);
      return context.setExitCode(ExitCode.failure);
    }
    await use(state.review, servers, { ...load, policy: effective.policy });
  } finally {
    await servers.close();
  }
}

function transportText(settings: McpServerPolicy): string {
  if (settings.stdio) return quote([settings.stdio.command, ...settings.stdio.args]);
  return settings.http?.url ?? '';
}

function listLine(row: { server: string; enabled: boolean; transport: string; allow: readonly string[] }, summary: readonly string[]): string {
  return `${row.server}${row.enabled ? '' : ' (disabled)'}: ${row.transport}\n  allowed tools: ${row.allow.length === 0 ? 'none' : row.allow.join(', ')}\n${summary.map((line) => `  ${line}\n`).join('')}`;
}

interface DirectServerRow {
  readonly server: string;
  readonly direct: true;
  readonly file: string;
  readonly readers: readonly string[];
  readonly launch: string;
  /** The overlay text the move writes, or null when it cannot be moved (`moveRefused` says why). */
  readonly move: string | null;
  readonly moveRefused: string | null;
  /** The command that moves it. */
  readonly adopt: string | null;
}

function directRow(direct: DirectServerEntry, workspaceFolder: string, packName: string): DirectServerRow {
  const move = directServerMove(direct.entry);
  return { server: direct.entry.name, direct: true, file: direct.file, readers: direct.readers, launch: describeLaunch(direct.entry), move: move.ok ? move.yaml : null, moveRefused: move.ok ? null : move.reason, adopt: move.ok ? adoptCommandLine(direct, workspaceFolder, packName) : null };
}

function directLine(direct: DirectServerRow): string {
  const head = `${direct.server} (in ${direct.file}, started by ${direct.readers.join(', ') || 'another agent'} directly, NOT behind Airlock): ${direct.launch}\n`;
  if (direct.move === null || direct.adopt === null) return `${head}  it cannot be moved behind Airlock: ${direct.moveRefused ?? ''}\n`;
  const snippet = direct.move.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
  return `${head}  to move it behind Airlock (this goes into the workspace overlay, which you then approve; --remove-direct then takes it out of ${direct.file}):\n    ${direct.adopt}\n  it writes:\n${snippet}\n`;
}
