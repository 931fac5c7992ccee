import { Command } from 'commander';
import { quote } from 'shell-quote';
import { directServerMove } from '../../core/mcp/directServerPolicy';
import { removeDirectServer } from '../../core/mcp/directServerRemoval';
import { McpAdoptionError } from '../../core/mcp/mcpAdoptionError';
import { addOverlayMcpServer } from '../../core/mcp/overlayMcpServer';
import { PolicyStore } from '../../core/policy/effectivePolicy';
import { editInForce } from '../../core/policy/editInForce';
import { FirewallEditError } from '../../core/policy/firewallEditError';
import { FileLockError } from '../../core/policy/fileLock';
import { recordCliChange, reportUnaudited } from '../audit/recordCliChange';
import type { CommandContext } from '../commands/commandFactory';
import { ExitCode } from '../exitCode';
import { CliUsageError, loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import { adoptCommandLine, directServerEntries, type DirectServerEntry } from './directServers';

interface AdoptOptions extends PolicyCliOptions {
  readonly from?: string;
  readonly removeDirect?: boolean;
}

/**
 * `airlock mcp adopt <name>`: moves a server the workspace configures directly for an agent
 * behind Airlock. It writes `mcp.servers.<name>` (same command or URL, env names only, no tool
 * allowed) into the workspace overlay, which applies once the user approves it; with
 * `--remove-direct`, once that is in force, it also removes the server from the agent's file.
 */
export function mcpAdoptCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('adopt'))
    .description('move a server the workspace configures directly for VS Code or another agent (.vscode/mcp.json, .mcp.json, .cursor/mcp.json, .roo/mcp.json) behind Airlock: add it to the workspace overlay with no tool allowed; with --remove-direct, once the overlay is approved and in force, remove it from the agent\'s file')
    .argument('<name>', 'the server\'s name in the agent\'s file (see "airlock mcp list")')
    .option('--from <file>', 'the file to take it from, when more than one declares that name')
    .option('--remove-direct', 'also remove it from the agent\'s file (comments and layout kept), once the overlay that runs it is in force')
    .addHelpText('after', [
      '',
      'The overlay is not counted as written by you: its command comes from a file the repository ships, so',
      'approve it ("airlock policy approve", printed here, or the dialog in VS Code), then run this again with',
      '--remove-direct. Environment values are never copied, only the names; give the values in the environment',
      'or in Airlock\'s secret storage in VS Code.',
      `Exit status: 0 moved (and in force), 1 refused or failed, ${ExitCode.flagged} written but waiting for your approval, 2 usage error.`,
    ].join('\n'));
  return command.action((name: string) => withUsageErrors(command, async () => {
    const options = command.opts<AdoptOptions>();
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    if (effective.errors.length > 0) return context.setExitCode(ExitCode.failure);
    const direct = pick(await directServerEntries(load.workspaceFolder), name, options.from);
    const move = directServerMove(direct.entry);
    if (!move.ok) {
      context.stderr.write(`airlock: "${direct.entry.name}" in ${direct.file} cannot be moved: ${move.reason}\n`);
      return context.setExitCode(ExitCode.failure);
    }
    for (const note of move.notes) context.stdout.write(`note: ${note}\n`);
    let result;
    try {
      result = await addOverlayMcpServer({ workspaceFolder: load.workspaceFolder, packName: effective.packName, builtinDir: load.builtinDir, ...(load.managedPath === undefined ? {} : { managedPath: load.managedPath }), name: move.name, server: move.server });
    } catch (error) {
      if (!(error instanceof McpAdoptionError || error instanceof FirewallEditError || error instanceof FileLockError)) throw error;
      context.stderr.write(`airlock: "${direct.entry.name}" was not moved: ${error.message}\n`);
      return context.setExitCode(ExitCode.failure);
    }
    const reloaded = await new PolicyStore().load(load);
    const standing = editInForce(reloaded, { ...result, trusted: true });
    const audit = { configDir: load.configDir, workspaceFolder: load.workspaceFolder, policy: reloaded.policy };
    if (result.written) {
      reportUnaudited(await recordCliChange(audit, { action: 'mcp.server.adopt', target: move.name, decision: 'allow', detail: { from: direct.file, overlay: result.file, sha256: result.sha256, inForce: standing.inForce } }), `${result.file} was written`, context);
    }
    if (!standing.inForce) {
      const pending = reloaded.pendingOverlay?.sha256 === result.sha256;
      if (!pending) {
        context.stderr.write(`airlock: ${result.file} was written, but it is not in force: ${standing.reason}\n`);
        return context.setExitCode(ExitCode.failure);
      }
      const approve = `airlock policy approve --workspace ${quote([load.workspaceFolder])} --pack ${effective.packName} --sha256 ${result.sha256}`;
      context.stdout.write(`${result.written ? 'written' : 'already'} in ${result.file}: "${move.name}" runs behind Airlock once you approve the overlay (review it with "airlock policy show"):\n  ${approve}\n`);
      context.stdout.write(options.removeDirect === true ? `not removed from ${direct.file}: the move is not in force yet; run this command again with --remove-direct after approving\n` : `then remove it from ${direct.file}: ${adoptCommandLine(direct, load.workspaceFolder, effective.packName)} --remove-direct\n`);
      return context.setExitCode(ExitCode.flagged);
    }
    context.stdout.write(`moved: "${move.name}" is an Airlock MCP server (mcp.servers.${move.name} in ${result.file}, no tool allowed yet); allow its tools in tools.allow, then run "airlock mcp diff ${move.name}"\n`);
    if (options.removeDirect !== true) {
      context.stdout.write(`${direct.file} still starts it directly for ${direct.readers.join(', ') || 'another agent'}: ${adoptCommandLine(direct, load.workspaceFolder, effective.packName)} --remove-direct\n`);
      return;
    }
    try {
      await removeDirectServer({ workspaceFolder: load.workspaceFolder, file: direct.file, entry: direct.entry });
    } catch (error) {
      if (!(error instanceof McpAdoptionError || error instanceof FileLockError || isFileError(error))) throw error;
      context.stderr.write(`airlock: "${direct.entry.name}" was not removed from ${direct.file}: ${error.message}\n`);
      return context.setExitCode(ExitCode.failure);
    }
    reportUnaudited(await recordCliChange(audit, { action: 'mcp.server.remove-direct', target: direct.entry.name, decision: 'allow', detail: { file: direct.file, movedTo: move.name } }), `"${direct.entry.name}" was removed from ${direct.file}`, context);
    context.stdout.write(`removed "${direct.entry.name}" from ${direct.file}\n`);
  }));
}

/** The one direct server the command names: by its name in the file, in the file `--from` gives when several declare it. */
function pick(found: readonly DirectServerEntry[], name: string, from: string | undefined): DirectServerEntry {
  const named = found.filter((direct) => (direct.entry.rawName === name || direct.entry.name === name) && (from === undefined || direct.file === from));
  const only = named[0];
  if (only !== undefined && named.length === 1) return only;
  if (named.length > 1) throw new CliUsageError(`"${name}" is declared in ${named.map((direct) => direct.file).join(' and ')}: choose one with --from`);
  const where = from ?? 'the workspace\'s MCP files (.vscode/mcp.json, .mcp.json, .cursor/mcp.json, .roo/mcp.json)';
  throw new CliUsageError(`no server named "${name}" in ${where}; see "airlock mcp list"`);
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
