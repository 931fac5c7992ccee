import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { processContext, type CliContext } from './cliContext';
import type { CommandContext } from './commands/commandFactory';
import { COMMANDS } from './commands/registry';
import { ExitCode, type CommandStatus } from './exitCode';

/** The `airlock` command tree, wired to the given I/O. */
export function createProgram(context: CommandContext): Command {
  const program = new Command('airlock')
    .description('Airlock: a local-first coding agent behind a workspace-scoped security guard.')
    .version(version, '-V, --version', 'print the version')
    .addHelpText('after', '\nExit status: 0 success, 1 a check failed, 2 usage error.');
  for (const factory of COMMANDS) program.addCommand(factory(context));
  applyCliBehaviour(program, context);
  return program;
}

/**
 * Runs `airlock` with `argv` (without node and script) and returns the exit code instead of
 * exiting, so tests run it in-process and the entry point decides how to end the process.
 */
export async function main(argv: readonly string[], cli: CliContext = processContext()): Promise<ExitCode | CommandStatus> {
  const outcome: { code: ExitCode | CommandStatus } = { code: ExitCode.ok };
  const program = createProgram({ ...cli, setExitCode: (code) => { outcome.code = code; } });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.code;
  } catch (error) {
    // commander has already written its message (and the usage) to stderr.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    cli.stderr.write(`airlock: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failure;
  }
}

/**
 * commander's defaults exit the process and print to the real streams; subcommands added with
 * addCommand do not inherit settings, so the whole tree is configured after it is built.
 */
function applyCliBehaviour(command: Command, context: CliContext): void {
  command
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => context.stdout.write(text), writeErr: (text) => context.stderr.write(text) });
  for (const sub of command.commands) applyCliBehaviour(sub, context);
}
