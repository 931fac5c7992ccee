import { auditFiles } from '../core/audit/auditFiles';
import type { AuditEntry } from '../core/audit/auditEntry';
import { readRecentEntries } from '../core/audit/auditTail';
import { verifyAuditLog } from '../core/audit/auditVerify';
import type { AuditRow } from '../core/protocol/auditViewProtocol';
import type { AuditSnapshot } from './auditLogPanel';

const MAX_ROWS = 2000;

/** The most recent entries and the chain's verification, for the audit log view. */
export function auditSnapshot(file: string): AuditSnapshot {
  const recent = readRecentEntries(auditFiles(file).chain(), MAX_ROWS + 1);
  const verification = verifyAuditLog(file);
  const message = verification.ok
    ? `Hash chain intact: ${verification.entries} entries verified${verification.warnings.length > 0 ? ` (${verification.warnings.map((w) => w.message).join('; ')})` : ''}`
    : `TAMPERING OR DAMAGE DETECTED: ${verification.problem?.message ?? 'the chain does not verify'}`;
  return {
    file,
    rows: recent.slice(0, MAX_ROWS).map(({ entry }) => row(entry)),
    truncated: recent.length > MAX_ROWS,
    integrity: { ok: verification.ok, message },
  };
}

function row(entry: AuditEntry): AuditRow {
  return {
    seq: entry.seq,
    time: entry.time,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? '',
    decision: entry.decision ?? '',
    reason: entry.reason ?? '',
    rule: entry.rule ?? '',
    tool: toolOf(entry),
  };
}

/** Which tool an entry concerns: named in its detail, or in its action (`tool.web.fetch`). */
function toolOf(entry: AuditEntry): string {
  const detail = entry.detail;
  const tool = detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Readonly<Record<string, unknown>>).tool : undefined;
  if (typeof tool === 'string') return tool;
  return entry.action.startsWith('tool.') ? entry.action.slice('tool.'.length) : '';
}
