import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { BUILTIN_PACK_NAMES, DEFAULT_PACK_NAME } from '../../core/policy/builtinPacks';
import { PolicyStore, type EffectivePolicy, type PolicyLoadOptions } from '../../core/policy/effectivePolicy';
import { resolveConfigDir, resolveManagedPolicyPath } from '../../core/policy/policyPaths';
import type { CliContext } from '../cliContext';
import { builtinPolicyDir } from './builtinPolicyDir';

/** The options every policy-reading command takes. */
export interface PolicyCliOptions {
  readonly workspace?: string;
  readonly pack: string;
}

/** Thrown for a command line that names something that does not exist; the command exits 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Adds `--workspace DIR` and `--pack NAME` to a command. */
export function withPolicyOptions(command: Command): Command {
  return command
    .option('--workspace <dir>', 'workspace folder (default: the current directory)')
    .addOption(new Option('--pack <name>', 'built-in policy pack').choices(BUILTIN_PACK_NAMES).default(DEFAULT_PACK_NAME));
}

/**
 * How the CLI loads the policy: the same core and files as the extension. The CLI runs as the
 * user in a shell, so the workspace counts as trusted (there is no Restricted Mode here), but a
 * repository's overlay still needs the user's approval (`airlock policy approve`).
 */
export function policyLoadOptions(options: PolicyCliOptions, context: CliContext): PolicyLoadOptions & { workspaceFolder: string } {
  const workspaceFolder = resolve(context.cwd ?? process.cwd(), options.workspace ?? '.');
  if (!existsSync(workspaceFolder) || !statSync(workspaceFolder).isDirectory()) throw new CliUsageError(`--workspace ${workspaceFolder}: no such folder`);
  return {
    workspaceFolder,
    packName: options.pack,
    builtinDir: builtinPolicyDir(),
    managedPath: resolveManagedPolicyPath(context.env),
    workspaceTrusted: true,
    configDir: configDirOf(context),
  };
}

function configDirOf(context: CliContext): string {
  return resolveConfigDir(context.env, context.env.HOME ?? homedir());
}

export async function loadEffectivePolicy(options: PolicyCliOptions, context: CliContext): Promise<{ load: ReturnType<typeof policyLoadOptions>; effective: EffectivePolicy }> {
  const load = policyLoadOptions(options, context);
  return { load, effective: await new PolicyStore().load(load) };
}

/** Policy file errors go to stderr whatever the command prints, so the user sees why. */
export function reportPolicyProblems(effective: EffectivePolicy, context: CliContext): void {
  for (const error of effective.errors) context.stderr.write(`error: ${error.message}\n`);
  for (const warning of effective.warnings) context.stderr.write(`warning: ${warning}\n`);
}

/** Runs an action; a CliUsageError becomes commander's usage error (exit 2, usage on stderr). */
export async function withUsageErrors(command: Command, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof CliUsageError) command.error(`error: ${error.message}`, { exitCode: 2, code: 'airlock.usage' });
    throw error;
  }
}
