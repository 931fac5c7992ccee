/** The tamper-evident, sealed audit log (docs/audit.md). */
export { AUDIT_FORMAT_VERSION, canonicalJson, entryHash, GENESIS_HASH, type AuditEntry } from './auditEntry';
export { auditFiles, type AuditFiles } from './auditFiles';
export { parseAuditKey, serialiseAuditKey, type AuditKey } from './auditKey';
export { auditKeyPath, readAuditKey } from './auditKeyFile';
export { AUDIT_FILE_NAME, AUDIT_INDEX_FILE, folderKey, locateAuditLog, lookupAuditLocation, recordAuditLocation, resolveAuditPath, type AuditPathInput } from './auditLocation';
export { AuditLockError } from './auditLock';
export { AuditLog, DEFAULT_MAX_FILE_BYTES, DEFAULT_SYNC_EVERY, isSafePoint, type AuditDurability, type AuditLogOptions } from './auditLog';
export type { AuditEvent, AuditSink } from './auditSink';
export { readRecentEntries } from './auditTail';
export { verifyAuditLog, type AuditProblem, type AuditProblemKind, type AuditVerification, type AuditVerifyKeys, type AuditWarning, type AuditWarningKind } from './auditVerify';
