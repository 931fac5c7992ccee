import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { readSmallFile } from './auditFiles';
import { folderKey } from './auditLocation';
import { parseAuditKey, serialiseAuditKey, type AuditKey } from './auditKey';

/**
 * Where an audit log's sealing key lives: `<config>/keys/<log id>.json`, outside the workspace
 * and outside the log's folder, so an agent (which reaches neither) and anyone who can only
 * write the log's files cannot seal anything. The id names the log (its folder's real path
 * and file name), not the workspace, so `audit verify --file F` finds the key without knowing
 * the workspace; each workspace has its own log, hence its own key.
 */
export function auditKeyPath(configDir: string, activeFile: string): string {
  return join(configDir, 'keys', `${auditLogId(activeFile)}.json`);
}

export function auditLogId(activeFile: string): string {
  return createHash('sha256').update(`${folderKey(dirname(activeFile))}\0${basename(activeFile)}`).digest('hex').slice(0, 32);
}

export type AuditKeyRead = { readonly state: 'missing' } | { readonly state: 'invalid'; readonly message: string } | { readonly state: 'ok'; readonly key: AuditKey };

export function readAuditKey(path: string): AuditKeyRead {
  const read = readSmallFile(path);
  if (read.state !== 'text') return read;
  const key = parseAuditKey(read.text);
  return key === undefined ? { state: 'invalid', message: `${path} is not an Airlock audit key` } : { state: 'ok', key };
}

/**
 * Replaces the key file (0600, fsynced, renamed over the old one), so the previous epoch's key
 * is no longer in it. What the file system keeps of the old blocks is beyond this: see
 * docs/audit.md.
 */
export function writeAuditKey(path: string, key: AuditKey): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic.sync(path, serialiseAuditKey(key), { mode: 0o600, fsync: true });
}

/** Changes whenever the key file is replaced: another process evolved or created the key. */
export function auditKeyStamp(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false, bigint: true });
  return stat === undefined ? 'missing' : `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}
