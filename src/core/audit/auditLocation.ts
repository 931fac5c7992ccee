import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { withFileLock } from '../policy/fileLock';
import { ownValue } from '../policy/keyedRecord';

/** The active file's name inside the audit folder. */
export const AUDIT_FILE_NAME = 'audit.jsonl';
/** The user-level index, in the config folder: which audit log belongs to which workspace folder. */
export const AUDIT_INDEX_FILE = 'audit-logs.json';

export interface AuditPathInput {
  /** The workspace folder the log is for; a relative `override` is resolved against it. */
  readonly workspaceFolder?: string;
  /** The `airlock.audit.path` setting: a file, or a folder when it ends with a separator. `~/` is the home folder. */
  readonly override?: string;
  /** The extension's workspace storage folder (`ExtensionContext.storageUri`). */
  readonly storageDir?: string;
  /** The user config folder (resolveConfigDir), for a log the CLI keeps when there is no extension storage. */
  readonly configDir?: string;
  readonly homeDir?: string;
}

/**
 * Where a workspace's audit log lives, in this order:
 * 1. the override (setting), if not blank;
 * 2. `<storageDir>/audit/audit.jsonl` — the extension's workspace storage, outside the workspace,
 *    so the agent's file tools never reach it;
 * 3. `<configDir>/audit/<hash of the folder>/audit.jsonl` — for a CLI with no extension storage.
 */
export function resolveAuditPath(input: AuditPathInput): string {
  const home = input.homeDir ?? homedir();
  const override = input.override?.trim();
  if (override) {
    const expanded = override === '~' ? home : /^~[/\\]/.test(override) ? join(home, override.slice(2)) : override;
    const absolute = isAbsolute(expanded) ? expanded : resolve(input.workspaceFolder ?? '.', expanded);
    return /[/\\]$/.test(override) ? join(absolute, AUDIT_FILE_NAME) : absolute;
  }
  if (input.storageDir) return join(input.storageDir, 'audit', AUDIT_FILE_NAME);
  if (input.configDir && input.workspaceFolder) return join(input.configDir, 'audit', folderKeyHash(input.workspaceFolder), AUDIT_FILE_NAME);
  throw new Error('resolveAuditPath needs an override, a storage folder, or a config folder and a workspace folder');
}

interface AuditIndex {
  readonly version: 1;
  readonly workspaces: Record<string, IndexEntry>;
}

interface IndexEntry {
  readonly file: string;
  readonly updated: string;
  /** The `airlock.audit.syslog` collector the extension ships this log to, so the CLI ships its entries there too. */
  readonly syslog?: string;
}

/**
 * Records in the user-level index that `workspaceFolder`'s audit log is `file`, and the syslog
 * collector its entries are shipped to (none when `syslog` is blank), so the CLI appends to the
 * log the extension writes (`airlock audit verify --workspace DIR`) and ships what it appends
 * to the same collector. Written by the extension when it opens the log; a no-op when the index
 * already says so. Locked and atomic, as the index is shared by every workspace.
 */
export async function recordAuditLocation(input: { readonly configDir: string; readonly workspaceFolder: string; readonly file: string; readonly syslog?: string }): Promise<void> {
  const indexFile = join(input.configDir, AUDIT_INDEX_FILE);
  const key = folderKey(input.workspaceFolder);
  const file = resolve(input.file);
  const syslog = input.syslog?.trim() || undefined;
  const recorded = (entry: IndexEntry | undefined): boolean => entry?.file === file && entry.syslog === syslog;
  if (recorded(ownValue(readIndex(indexFile).workspaces, key))) return;
  mkdirSync(input.configDir, { recursive: true, mode: 0o700 });
  await withFileLock(indexFile, async () => {
    const index = readIndex(indexFile);
    if (recorded(ownValue(index.workspaces, key))) return;
    const entry: IndexEntry = { file, updated: new Date().toISOString(), ...(syslog === undefined ? {} : { syslog }) };
    const next: AuditIndex = { version: 1, workspaces: { ...index.workspaces, [key]: entry } };
    await writeFileAtomic(indexFile, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  });
}

/** The audit log the index records for `workspaceFolder`, if any. */
export function lookupAuditLocation(input: { readonly configDir: string; readonly workspaceFolder: string }): string | undefined {
  return ownValue(readIndex(join(input.configDir, AUDIT_INDEX_FILE)).workspaces, folderKey(input.workspaceFolder))?.file;
}

function readIndex(indexFile: string): AuditIndex {
  try {
    const value = JSON.parse(readFileSync(indexFile, 'utf8')) as Partial<AuditIndex>;
    if (value.version === 1 && value.workspaces !== null && typeof value.workspaces === 'object') return { version: 1, workspaces: value.workspaces };
  } catch {
    // Missing or unreadable: no workspace recorded yet.
  }
  return { version: 1, workspaces: {} };
}

/**
 * The index key for a folder: absolute, symbolic links resolved (the CLI may be given a linked
 * path), and lower-cased where file systems usually ignore case.
 */
export function folderKey(folder: string): string {
  let absolute = resolve(folder);
  try {
    absolute = realpathSync.native(absolute);
  } catch {
    // A folder that does not exist (any more) keeps its spelled path.
  }
  return process.platform === 'win32' || process.platform === 'darwin' ? absolute.toLowerCase() : absolute;
}

function folderKeyHash(folder: string): string {
  return createHash('sha256').update(folderKey(folder)).digest('hex').slice(0, 16);
}

/**
 * The log a CLI command should write for `workspaceFolder`: the one the extension recorded in the
 * index, with the syslog collector it ships that log to, else the CLI's own default under the
 * config folder (shipped nowhere).
 */
export function locateAuditLog(input: { readonly configDir: string; readonly workspaceFolder: string }): { readonly file: string; readonly source: 'index' | 'default'; readonly syslog?: string } {
  const recorded = ownValue(readIndex(join(input.configDir, AUDIT_INDEX_FILE)).workspaces, folderKey(input.workspaceFolder));
  if (recorded === undefined) return { file: resolveAuditPath(input), source: 'default' };
  return { file: recorded.file, source: 'index', ...(typeof recorded.syslog === 'string' ? { syslog: recorded.syslog } : {}) };
}

/**
 * The log a CLI command should read when run in `folder`: the folder's own, else that of the
 * nearest folder above it that has one (run from a subfolder, or from the root of a nested
 * project), else the CLI's default if it exists. Undefined when there is none: then
 * `recordedWorkspaces` says which `--workspace` values would work.
 */
export function findAuditLog(input: { readonly configDir: string; readonly folder: string }): { readonly file: string; readonly workspaceFolder: string } | undefined {
  const workspaces = readIndex(join(input.configDir, AUDIT_INDEX_FILE)).workspaces;
  for (let folder = folderKey(input.folder); ; folder = dirname(folder)) {
    const recorded = ownValue(workspaces, folder)?.file;
    if (recorded !== undefined) return { file: recorded, workspaceFolder: folder };
    if (dirname(folder) === folder) break;
  }
  const fallback = resolveAuditPath({ configDir: input.configDir, workspaceFolder: input.folder });
  return existsSync(fallback) ? { file: fallback, workspaceFolder: input.folder } : undefined;
}

/** Every workspace folder the index records a log for, sorted. */
export function recordedWorkspaces(configDir: string): string[] {
  return Object.keys(readIndex(join(configDir, AUDIT_INDEX_FILE)).workspaces).sort();
}
