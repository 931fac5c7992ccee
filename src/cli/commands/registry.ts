import { auditCommand } from './audit';
import { checkCommand } from './check';
import type { CommandFactory } from './commandFactory';
import { doctorCommand } from './doctor';
import { firewallCommand } from './firewall';
import { mcpCommand } from './mcp';
import { policyCommand } from './policy';
import { redactCommand } from './redact';
import { sandboxCommand } from './sandbox';
import { scanCommand } from './scan';

/** Every `airlock` subcommand. Adding one is a new file in this folder plus one entry here. */
export const COMMANDS: readonly CommandFactory[] = [doctorCommand, firewallCommand, policyCommand, checkCommand, redactCommand, auditCommand, scanCommand, mcpCommand, sandboxCommand];
