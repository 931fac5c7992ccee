import { auditFiles } from '../core/audit/auditFiles';
import type { AuditEntry } from '../core/audit/auditEntry';
import { readRecentEntries } from '../core/audit/auditTail';
import { verifyAuditLog, type AuditVerification, type AuditVerifyKeys } from '../core/audit/auditVerify';
import type { AuditRow } from '../core/protocol/auditViewProtocol';
import type { AuditSnapshot } from './auditLogPanel';

const MAX_ROWS = 2000;

/** The most recent entries and the verification of the chain and its seals, for the audit log view. */
export function auditSnapshot(file: string, keys: AuditVerifyKeys): AuditSnapshot {
  const recent = readRecentEntries(auditFiles(file).chain(), MAX_ROWS + 1);
  const verification = verifyAuditLog(file, keys);
  return {
    file,
    rows: recent.slice(0, MAX_ROWS).map(({ entry }) => row(entry)),
    truncated: recent.length > MAX_ROWS,
    integrity: { ok: verification.ok, message: verdict(verification) },
  };
}

function verdict(verification: AuditVerification): string {
  if (verification.problem?.kind === 'unprovable') return `CANNOT PROVE COMPLETENESS: ${verification.problem.message}`;
  if (!verification.ok) return `TAMPERING OR DAMAGE DETECTED: ${verification.problem?.message ?? 'the chain does not verify'}`;
  const sealed = verification.sealed;
  const seals = sealed === undefined ? '' : sealed.from === 'anchor' ? `, seals checked from epoch ${sealed.epoch} with the key kept in SecretStorage` : `, seals checked from epoch ${sealed.epoch} with the key file only (no copy in SecretStorage)`;
  const warnings = verification.warnings.length > 0 ? ` (${verification.warnings.map((w) => w.message).join('; ')})` : '';
  return `Hash chain intact and sealed: ${verification.entries} entries verified${seals}${warnings}`;
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
