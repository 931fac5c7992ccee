import type { CommandFactory } from './commandFactory';
import { doctorCommand } from './doctor';

/** Every `airlock` subcommand. Adding one is a new file in this folder plus one entry here. */
export const COMMANDS: readonly CommandFactory[] = [doctorCommand];
