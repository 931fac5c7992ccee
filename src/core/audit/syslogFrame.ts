import type { AuditEntry } from './auditEntry';

/** `log audit` (RFC 5424, table 1): the facility meant for security audit records. */
const FACILITY_LOG_AUDIT = 13;
const SEVERITY: Readonly<Record<string, number>> = { deny: 4, ask: 5 };
const SEVERITY_INFORMATIONAL = 6;

export interface SyslogOrigin {
  readonly hostname: string;
  readonly procId: number;
}

/**
 * One audit entry as an RFC 5424 message in RFC 6587 octet-counting framing (for TCP):
 * `LEN <PRI>1 TIME HOST airlock PID MSGID - MSG`. MSG is the entry's line as stored, sealed,
 * so the copy a collector keeps can be checked like the log itself. Denials are `warning`,
 * questions `notice`, the rest `informational`; MSGID is the action (`tool.fs.read`).
 */
export function syslogFrame(entry: AuditEntry, origin: SyslogOrigin): string {
  const priority = FACILITY_LOG_AUDIT * 8 + (entry.decision === undefined ? SEVERITY_INFORMATIONAL : SEVERITY[entry.decision] ?? SEVERITY_INFORMATIONAL);
  const header = `<${priority}>1 ${entry.time} ${field(origin.hostname, 255)} airlock ${origin.procId} ${field(entry.action, 32)} -`;
  const message = `${header} ${JSON.stringify(entry)}`;
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}

/** A header field: printable US-ASCII without spaces, at most `max` characters; `-` when nothing is left. */
function field(value: string, max: number): string {
  const printable = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return printable === '' ? '-' : printable;
}
