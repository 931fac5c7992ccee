import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/**
 * The files of one audit log, all in the active file's folder:
 * - `audit.jsonl`: the active file, appended to;
 * - `audit.000001.jsonl`, `audit.000002.jsonl`, …: rotated files, oldest first (the number
 *   orders them; `audit verify` reads them in that order, then the active file);
 * - `audit.head.json`: the checkpoint (seq and hash of the last entry made durable), which lets
 *   `audit verify` notice entries cut off the end;
 * - `audit.jsonl.lock`: the inter-process lock (a folder, see auditLock.ts).
 */
export interface AuditFiles {
  readonly active: string;
  readonly head: string;
  readonly lock: string;
  /** The path of rotated file number `index`. */
  rotated(index: number): string;
  /** Rotated files that exist, oldest first, with their numbers. */
  listRotated(): { index: number; file: string }[];
  /** Every file to verify, in chain order: rotated files, then the active one. */
  chain(): string[];
}

const DIGITS = 6;

export function auditFiles(active: string): AuditFiles {
  const dir = dirname(active);
  const ext = extname(active);
  const stem = basename(active, ext);
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.(\\d{${DIGITS},})${escapeRegExp(ext)}$`);
  const listRotated = (): { index: number; file: string }[] => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .map((name) => ({ name, match: pattern.exec(name) }))
      .filter((item): item is { name: string; match: RegExpExecArray } => item.match !== null)
      .map(({ name, match }) => ({ index: Number(match[1]), file: join(dir, name) }))
      .sort((a, b) => a.index - b.index);
  };
  return {
    active,
    head: join(dir, `${stem}.head.json`),
    lock: `${active}.lock`,
    rotated: (index) => join(dir, `${stem}.${String(index).padStart(DIGITS, '0')}${ext}`),
    listRotated,
    chain: () => [...listRotated().map((item) => item.file), active],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A small file next to or for the log (checkpoint, key): its text, or why there is none. */
export function readSmallFile(path: string): { readonly state: 'missing' } | { readonly state: 'invalid'; readonly message: string } | { readonly state: 'text'; readonly text: string } {
  try {
    return { state: 'text', text: readFileSync(path, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
}
