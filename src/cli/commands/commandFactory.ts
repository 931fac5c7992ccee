import type { Command } from 'commander';
import type { CliContext } from '../cliContext';
import type { CommandStatus, ExitCode } from '../exitCode';

/** What a command's action receives besides its options: I/O, and where to put its verdict. */
export interface CommandContext extends CliContext {
  /** commander ignores action return values, so actions report their exit code here: an ExitCode, or (`airlock sandbox run`) the command's own. */
  setExitCode(code: ExitCode | CommandStatus): void;
}

/** One file per command exports one of these; src/cli/commands/registry.ts lists them. */
export type CommandFactory = (context: CommandContext) => Command;
