import { hostname } from 'node:os';
import { auditKeyPath, AuditLog, locateAuditLog, type AuditEvent } from '../../core/audit';
import { syslogFrame } from '../../core/audit/syslogFrame';
import { sendSyslogBatch } from '../../core/egress/syslogBatch';
import type { PolicyPack } from '../../core/policy/policySchema';
import type { CommandContext } from '../commands/commandFactory';
import { ExitCode } from '../exitCode';

/** What became of a CLI change's audit entry; each field is the reason a step failed. */
export interface CliAuditOutcome {
  /** The entry is not in the log. */
  readonly unwritten?: string;
  /** The entry is in the log, but its copy did not reach the syslog collector. */
  readonly unshipped?: string;
}

/**
 * Writes one entry by actor `cli` to the workspace's audit log: the one the extension recorded
 * for this folder (so both append to one chain, under the log's lock), else the CLI's own. What
 * it appended is then sent to the syslog collector the extension ships that log to, decided by
 * `policy` (the one in force after the change) as the extension decides it, within a deadline:
 * a dead collector delays the command by seconds at most, and the local entry is the record.
 */
export async function recordCliChange(input: { readonly configDir: string; readonly workspaceFolder: string; readonly policy: PolicyPack }, event: Omit<AuditEvent, 'actor'>): Promise<CliAuditOutcome> {
  const { file, syslog } = locateAuditLog(input);
  let unwritten: string | undefined;
  const frames: string[] = [];
  const origin = { hostname: hostname(), procId: process.pid };
  const log = new AuditLog({
    file,
    keyFile: auditKeyPath(input.configDir, file),
    ...(syslog === undefined ? {} : { onAppend: (entry) => frames.push(syslogFrame(entry, origin)) }),
    onError: (error) => { unwritten ??= error instanceof Error ? error.message : String(error); },
  });
  log.record({ actor: 'cli', ...event });
  log.close();
  if (unwritten !== undefined) return { unwritten };
  if (syslog === undefined) return {};
  try {
    await sendSyslogBatch({ url: syslog, policy: input.policy, frames });
    return {};
  } catch (error) {
    return { unshipped: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reports what went wrong with a change's entry: one that could not be written fails the
 * command (the change stands); one that was written but not shipped is a warning, as in the
 * extension, since the local log is the record.
 */
export function reportUnaudited(outcome: CliAuditOutcome, what: string, context: CommandContext): void {
  if (outcome.unwritten !== undefined) {
    context.stderr.write(`airlock: ${what}, but the audit entry could not be written: ${outcome.unwritten}\n`);
    context.setExitCode(ExitCode.failure);
  }
  if (outcome.unshipped !== undefined) context.stderr.write(`warning: ${what} and audited, but the entry was not copied to syslog: ${outcome.unshipped}\n`);
}
