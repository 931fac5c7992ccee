import { auditKeyPath, AuditLog, locateAuditLog, type AuditEvent } from '../../core/audit';
import type { CommandContext } from '../commands/commandFactory';
import { ExitCode } from '../exitCode';

/**
 * Writes one entry by actor `cli` to the workspace's audit log: the one the extension recorded
 * for this folder (so both append to one chain, under the log's lock), else the CLI's own.
 * Returns the error message when it could not be written; the caller says so and fails.
 */
export function recordCliChange(input: { readonly configDir: string; readonly workspaceFolder: string }, event: Omit<AuditEvent, 'actor'>): string | undefined {
  const { file } = locateAuditLog(input);
  let failure: string | undefined;
  const log = new AuditLog({ file, keyFile: auditKeyPath(input.configDir, file), onError: (error) => { failure ??= error instanceof Error ? error.message : String(error); } });
  log.record({ actor: 'cli', ...event });
  log.close();
  return failure;
}

/** Reports an entry that could not be written: the change stands, but the command fails. */
export function reportUnaudited(failure: string | undefined, what: string, context: CommandContext): void {
  if (failure === undefined) return;
  context.stderr.write(`airlock: ${what}, but the audit entry could not be written: ${failure}\n`);
  context.setExitCode(ExitCode.failure);
}
