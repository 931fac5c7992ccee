import { Command, Option } from 'commander';
import { basename, resolve, sep } from 'node:path';
import { isBuiltinPackName } from '../../core/policy/builtinPacks';
import { PolicyStore } from '../../core/policy/effectivePolicy';
import { editInForce } from '../../core/policy/editInForce';
import { OverlayTrustStore } from '../../core/policy/overlayTrust';
import { composeCandidate } from '../../core/policy/overlayCandidate';
import { resolveManagedPolicyPath } from '../../core/policy/policyPaths';
import { unknownToolWarnings } from '../../core/policy/unknownTools';
import { mcpServerNames } from '../../core/policy/mcpToolId';
import { mcpPatternWarnings } from '../../core/policy/mcpPolicyChecks';
import { builtinPolicyDir } from '../policy/builtinPolicyDir';
import { PolicyError } from '../../core/policy/policyError';
import { readPolicyFile } from '../../core/policy/policyFile';
import { parseOverlay, parsePack } from '../../core/policy/policyLoader';
import { recordCliChange, reportUnaudited } from '../audit/recordCliChange';
import { ExitCode } from '../exitCode';
import { packInForce, withPackSource } from '../settings/packInForce';
import { loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import { effectivePolicyJson, renderEffectivePolicy } from '../policy/renderPolicy';
import type { CommandContext } from './commandFactory';

type FileKind = 'pack' | 'overlay' | 'managed';

interface ValidateOptions extends PolicyCliOptions {
  readonly kind?: FileKind;
}

/** `airlock policy validate|show|approve`: check policy files, see the effective policy, approve an overlay. */
export function policyCommand(context: CommandContext): Command {
  return new Command('policy')
    .description('validate policy files, show the effective policy, approve a workspace overlay')
    .addCommand(validateCommand(context))
    .addCommand(showCommand(context))
    .addCommand(approveCommand(context));
}

function validateCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('validate'))
    .description('validate a policy file, or the workspace overlay, the built-in pack and the managed policy')
    .argument('[file]', 'a pack or overlay file (default: the workspace\'s policy files)')
    .addOption(new Option('--kind <kind>', 'what FILE is (default: overlay under .airlock/policy/, else pack)').choices(['pack', 'overlay', 'managed']))
    .addHelpText('after', '\nErrors are printed as file:line:column: field: message.\nExit status: 0 valid, 1 invalid, 2 usage error.');
  return command.action((file: string | undefined) => withUsageErrors(command, async () => {
    const options = command.opts<ValidateOptions>();
    const errors = file === undefined ? await validateWorkspace(options, context) : await validateFile(file, options.kind, options.pack, context);
    for (const error of errors) context.stdout.write(`${error.message}\n`);
    context.setExitCode(errors.length > 0 ? ExitCode.failure : ExitCode.ok);
  }));
}

async function validateFile(file: string, kind: FileKind | undefined, packName: string, context: CommandContext): Promise<readonly PolicyError[]> {
  const path = resolve(context.cwd ?? process.cwd(), file);
  const read = await readPolicyFile(path, file);
  if (!read.ok) return [new PolicyError(read.diagnostic)];
  const resolvedKind = kind ?? (path.includes(`${sep}.airlock${sep}policy${sep}`) ? 'overlay' : 'pack');
  const source = { text: read.content.text, file, expectedName: resolvedKind === 'managed' ? undefined : basename(path).replace(/\.ya?ml$/, '') };
  const result = resolvedKind === 'pack' ? parsePack(source) : parseOverlay(source, resolvedKind);
  // Valid means loadable: merged as the extension merges it, with the pack and the managed policy.
  const named = source.expectedName ?? packName;
  const files = { builtinDir: builtinPolicyDir(), packName: isBuiltinPackName(named) ? named : packName, managedPath: resolveManagedPolicyPath(context.env) };
  const composed = result.ok && resolvedKind !== 'pack' ? await composeCandidate(files, { file, value: result.value, locate: result.locate }, resolvedKind) : undefined;
  // MCP tool ids are known for the servers the merged policy names (the pack's, the file's own).
  const below = composed?.ok === true ? composed.policy : undefined;
  const warnings = [...result.warnings, ...(result.ok && resolvedKind !== 'pack' ? [...unknownToolWarnings(result, mcpServerNames(below, result.value)), ...mcpPatternWarnings(result, below?.mcp)] : [])];
  for (const warning of warnings) context.stderr.write(`warning: ${warning}\n`);
  if (!result.ok) return result.errors;
  if (composed?.ok === false) return [composed.error];
  context.stdout.write(`ok: ${file} is a valid ${resolvedKind === 'pack' ? 'pack' : `${resolvedKind} file`}\n`);
  return [];
}

async function validateWorkspace(options: PolicyCliOptions, context: CommandContext): Promise<readonly PolicyError[]> {
  const { effective } = await loadEffectivePolicy(options, context);
  for (const warning of effective.warnings) context.stderr.write(`warning: ${warning}\n`);
  if (effective.errors.length === 0) {
    const files = [...effective.sources.map((source) => source.file), ...(effective.pendingOverlay ? [effective.pendingOverlay.file] : [])];
    context.stdout.write(`ok: ${files.join(', ')}\n`);
  }
  if (effective.pendingOverlay !== undefined) context.stderr.write(`note: ${effective.pendingOverlay.file} is valid but not approved, so it does not apply (see "airlock policy show")\n`);
  return effective.errors;
}

function showCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('show'))
    .description('show the effective policy, the files it comes from and an overlay waiting for approval')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nExit status: 0 shown, 1 a policy file has errors (what is in force is shown), 2 usage error.');
  return command.action(() => withUsageErrors(command, async () => {
    const options = command.opts<PolicyCliOptions & { json?: boolean }>();
    // The pack the extension would use here: --pack, else the workspace's only if stricter or approved.
    const pack = await packInForce(options.workspace, command.getOptionValueSource('pack') === 'cli' ? options.pack : undefined, context);
    const { load, effective } = await loadEffectivePolicy({ ...options, pack: pack.name }, context);
    if (options.json === true) {
      context.stdout.write(`${JSON.stringify({ ...effectivePolicyJson(effective), packSource: pack.source, workspaceRequests: pack.workspaceRequests }, null, 2)}\n`);
    } else {
      context.stdout.write(withPackSource(pack, renderEffectivePolicy(effective, (sha256) => `airlock policy approve --workspace ${quote(load.workspaceFolder)} --pack ${effective.packName} --sha256 ${sha256}`)));
    }
    context.setExitCode(effective.errors.length > 0 ? ExitCode.failure : ExitCode.ok);
  }));
}

function approveCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('approve'))
    .description('approve the workspace overlay whose content has this SHA-256 (from "airlock policy show")')
    .requiredOption('--sha256 <hash>', 'the hash shown by "airlock policy show": the approval is for that exact content')
    .addHelpText('after', '\nExit status: 0 approved, 1 nothing to approve or the file changed, 2 usage error.');
  return command.action(() => withUsageErrors(command, async () => {
    const options = command.opts<PolicyCliOptions & { sha256: string }>();
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    const pending = effective.pendingOverlay;
    const wanted = options.sha256.trim().toLowerCase();
    if (pending === undefined) {
      context.stderr.write('airlock: there is no overlay waiting for approval\n');
      context.setExitCode(ExitCode.failure);
    } else if (pending.sha256 !== wanted) {
      context.stderr.write(`airlock: --sha256 does not match ${pending.file}, whose content is ${pending.sha256} now; if it changed after you reviewed it, run "airlock policy show" again\n`);
      context.setExitCode(ExitCode.failure);
    } else {
      await new OverlayTrustStore(load.configDir).trust(pending.key, pending.sha256, 'approved');
      // "Now applies" only once the policy, loaded again, is the approved content.
      const reloaded = await new PolicyStore().load(load);
      const standing = editInForce(reloaded, { path: pending.path, file: pending.file, sha256: pending.sha256, trusted: true });
      // As the extension records an approval, with the CLI as the actor.
      const unaudited = await recordCliChange({ configDir: load.configDir, workspaceFolder: load.workspaceFolder, policy: reloaded.policy }, { action: 'policy.overlay.approve', target: pending.file, decision: 'allow', detail: { sha256: pending.sha256, loosens: pending.loosens, inForce: standing.inForce } });
      if (standing.inForce) context.stdout.write(`approved: ${pending.file} (sha256 ${pending.sha256}) now applies\n`);
      else context.stderr.write(`airlock: ${pending.file} was approved, but it is not in force: ${standing.reason}\n`);
      context.setExitCode(standing.inForce ? ExitCode.ok : ExitCode.failure);
      reportUnaudited(unaudited, `${pending.file} was approved`, context);
    }
  }));
}

function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}
