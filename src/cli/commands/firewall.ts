import { Command } from 'commander';
import { isKnownTool, isKnownToolIn, unknownToolMessage } from '../../core/agent/toolRegistry';
import { mcpServerNames, parseMcpToolId } from '../../core/policy/mcpToolId';
import { PolicyStore } from '../../core/policy/effectivePolicy';
import { editInForce } from '../../core/policy/editInForce';
import { addFirewallRule, removeFirewallRule } from '../../core/policy/firewallEditor';
import { FirewallEditError, type FirewallEditErrorCode } from '../../core/policy/firewallEditError';
import { ALL_TOOLS, listRules, rulesForTool } from '../../core/policy/firewallRules';
import { recordCliChange, reportUnaudited } from '../audit/recordCliChange';
import { ExitCode } from '../exitCode';
import { CliUsageError, loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import { renderRuleTable, sourceLabel, type RuleRowJson } from '../policy/renderRules';
import type { CommandContext } from './commandFactory';

interface FirewallOptions extends PolicyCliOptions {
  readonly tool?: string;
  readonly field?: string;
  readonly json?: boolean;
}

/** Mistakes in the command line itself; every other refusal is a failed command (exit 1). */
const USAGE_CODES: ReadonlySet<FirewallEditErrorCode> = new Set(['FIREWALL_INVALID_PATTERN', 'FIREWALL_INVALID_TOOL', 'FIREWALL_UNKNOWN_TOOL', 'FIREWALL_INVALID_FIELD', 'FIREWALL_UNKNOWN_PACK']);

/** `airlock firewall list|allow|remove`: the workspace's egress rules, edited in its overlay. */
export function firewallCommand(context: CommandContext): Command {
  return new Command('firewall')
    .description('list, allow and remove the hosts agent tools may reach (edits .airlock/policy/<pack>.yaml)')
    .addCommand(listCommand(context))
    .addCommand(editCommand(context, 'allow'))
    .addCommand(editCommand(context, 'remove'));
}

function listCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('list'))
    .description('list every egress rule by tool, with the file it comes from')
    .option('--tool <id>', 'only the rules that apply to this tool (its own and those for every tool)')
    .option('--json', 'print a JSON array of {tool, list, pattern, source, file}')
    .addHelpText('after', '\nExit status: 0 listed, 1 a policy file has errors (the rules in force are listed), 2 usage error.');
  return command.action(() => withUsageErrors(command, async () => {
    const options = command.opts<FirewallOptions>();
    const { effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    const all = listRules(effective.sources);
    const rows = options.tool === undefined ? all : rulesForTool(all, options.tool);
    const servers = mcpServerNames(effective.policy);
    // Listed all the same (a rule may name a tool that comes later), but said, so a typo is not read as "no rules".
    if (options.tool !== undefined && options.tool !== ALL_TOOLS && !isKnownToolIn(options.tool, servers)) context.stderr.write(`note: ${unknownToolMessage(options.tool, servers)}\n`);
    if (options.json === true) {
      const json: RuleRowJson[] = rows.map(({ tool, list, pattern, source, file }) => ({ tool, list, pattern, source, file }));
      context.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      context.stdout.write(renderRuleTable(rows, effective));
    }
    context.setExitCode(effective.errors.length > 0 ? ExitCode.failure : ExitCode.ok);
  }));
}

function editCommand(context: CommandContext, action: 'allow' | 'remove'): Command {
  const command = withPolicyOptions(new Command(action))
    .description(action === 'allow'
      ? 'allow a host pattern (example.com, *.example.com, host:port) for every tool or one tool'
      : 'remove a host pattern that the workspace overlay allows')
    .argument('<host-pattern>', 'example.com, *.example.com or an IP literal, with an optional :port')
    .option('--tool <id>', `the tool the rule is for (default: every tool, "${ALL_TOOLS}")`);
  if (action === 'remove') command.option('--field <list>', 'remove the entry from another list of the overlay instead (files.deny, model.endpoints, …), as it stands in the file');
  command
    .addHelpText('after', `\nExit status: 0 done (or nothing to do), 1 refused (${action === 'remove' ? 'the rule is not in the overlay, ' : ''}the overlay is not approved or is invalid), 2 usage error.`);
  return command.action((pattern: string) => withUsageErrors(command, async () => {
    const options = command.opts<FirewallOptions>();
    const tool = options.tool === ALL_TOOLS ? undefined : options.tool;
    // Refused before anything is written: a rule for a tool that does not exist never is. An MCP
    // tool exists when the policy in force names its server, so that one waits for the policy.
    if (action === 'allow' && tool !== undefined && !isKnownTool(tool) && parseMcpToolId(tool) === undefined) throw new CliUsageError(`--tool ${unknownToolMessage(tool)}`);
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    const servers = mcpServerNames(effective.policy);
    if (action === 'allow' && tool !== undefined && !isKnownToolIn(tool, servers)) throw new CliUsageError(`--tool ${unknownToolMessage(tool, servers)}`);
    const edit = { workspaceFolder: load.workspaceFolder, packName: effective.packName, configDir: load.configDir, pattern, tool, builtinDir: load.builtinDir, ...(load.managedPath === undefined ? {} : { managedPath: load.managedPath }), ...(options.field === undefined ? {} : { field: options.field }) };
    // As the palette's firewall commands record it, with the CLI as the actor.
    const audited = { action: `firewall.${action}`, target: `${pattern.trim()} ${options.field ?? tool ?? ALL_TOOLS}` };
    const where = { configDir: load.configDir, workspaceFolder: load.workspaceFolder };
    try {
      const result = action === 'allow' ? await addFirewallRule(edit) : await removeFirewallRule(edit);
      const scope = options.field ?? (tool === undefined ? 'every tool' : tool);
      const verb = action === 'allow' ? (result.changed ? 'allowed' : 'already allowed') : 'removed';
      // Done only when the policy, loaded again as the extension loads it, is the one written.
      const reloaded = await new PolicyStore().load(load);
      const standing = editInForce(reloaded, result);
      const unaudited = await recordCliChange({ ...where, policy: reloaded.policy }, { ...audited, target: `${result.pattern} ${options.field ?? tool ?? ALL_TOOLS}`, decision: 'allow', detail: { file: result.file, changed: result.changed, inForce: standing.inForce, ...(standing.inForce ? {} : { reason: standing.reason }) } });
      if (!standing.inForce && standing.awaitingApproval) {
        context.stdout.write(`${verb}: ${result.pattern} for ${scope} in ${result.file}\nnote: ${standing.reason}: airlock policy approve --sha256 ${result.sha256}\n`);
        context.setExitCode(ExitCode.ok);
      } else if (!standing.inForce) {
        context.stderr.write(`airlock: ${result.file} was written, but the change is not in force: ${standing.reason}\n`);
        context.setExitCode(ExitCode.failure);
      } else {
        context.stdout.write(`${verb}: ${result.pattern} for ${scope} in ${result.file}\n`);
        if (action === 'allow') warnIfBlocked(effective, result.pattern, tool, context);
        context.setExitCode(ExitCode.ok);
      }
      reportUnaudited(unaudited, `${result.file} was written`, context);
    } catch (error) {
      if (!(error instanceof FirewallEditError)) throw error;
      if (USAGE_CODES.has(error.code)) throw new CliUsageError(error.message);
      reportUnaudited(await recordCliChange({ ...where, policy: effective.policy }, { ...audited, decision: 'deny', reason: error.code }), `${action} was refused`, context);
      context.stderr.write(`airlock: ${error.message}\n`);
      if (error.code === 'FIREWALL_RULE_NOT_FOUND') explainRuleOrigin(effective, pattern, tool, context);
      context.setExitCode(ExitCode.failure);
    }
  }));
}

type Effective = Awaited<ReturnType<typeof loadEffectivePolicy>>['effective'];

/** An allow that a block rule outweighs does nothing: say so rather than let the user wonder. */
function warnIfBlocked(effective: Effective, pattern: string, tool: string | undefined, context: CommandContext): void {
  const blocking = rulesForTool(listRules(effective.sources), tool ?? ALL_TOOLS).filter((row) => row.list === 'block' && row.pattern === pattern);
  for (const row of blocking) context.stderr.write(`warning: ${pattern} is also blocked by the ${sourceLabel(row.source, row.file, effective.packName)}, and block wins over allow\n`);
}

/** A rule that is not in the overlay may come from the pack or the managed policy, which the overlay cannot remove. */
function explainRuleOrigin(effective: Effective, pattern: string, tool: string | undefined, context: CommandContext): void {
  const elsewhere = listRules(effective.sources).filter((row) => row.pattern === pattern.trim().toLowerCase() && row.source !== 'overlay' && row.tool === (tool ?? ALL_TOOLS));
  for (const row of elsewhere) {
    context.stderr.write(`note: ${row.pattern} (${row.list}) comes from the ${sourceLabel(row.source, row.file, effective.packName)}; a workspace overlay can only add rules, so it cannot be removed here\n`);
  }
}
