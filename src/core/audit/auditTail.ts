import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { entryHash, parseEntry, sha256Hex, type AuditEntry } from './auditEntry';

/** A final line without its newline: what a crash in the middle of a write leaves. */
export interface TornTail {
  readonly bytes: number;
  readonly sha256: string;
}

export interface FileTail {
  /** The last entry whose own hash is right, if any. */
  readonly entry?: AuditEntry;
  readonly torn?: TornTail;
  /** The last line is a whole entry but its newline is missing (a write cut one byte short). */
  readonly missingNewline?: boolean;
  readonly size: number;
}

const FIRST_WINDOW = 128 * 1024;

/**
 * The end of one log file: its last valid entry (a restarted writer continues the chain from it)
 * and a torn final line, if any. Reads backwards from the end, widening the window until an
 * entry is found or the whole file was read; a missing file is an empty one.
 */
export function readFileTail(file: string): FileTail {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0 };
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { size };
    let torn: TornTail | undefined;
    for (let window = Math.min(size, FIRST_WINDOW); ; window = Math.min(size, window * 4)) {
      const buffer = Buffer.alloc(window);
      const read = readSync(fd, buffer, 0, window, size - window);
      const bytes = buffer.subarray(0, read);
      const lastNewline = bytes.lastIndexOf(0x0a);
      if (lastNewline < 0 && window < size) continue;
      if (torn === undefined && lastNewline < bytes.length - 1) {
        const fragment = bytes.subarray(lastNewline + 1);
        const whole = validEntry(fragment.toString('utf8'));
        if (whole !== undefined) return { entry: whole, size, missingNewline: true };
        torn = { bytes: fragment.length, sha256: sha256Hex(fragment) };
      }
      // A window that starts mid-file may start mid-line: its first line is not trusted.
      const lines = bytes.subarray(0, lastNewline + 1).toString('utf8').split('\n');
      const firstComplete = window === size ? 0 : 1;
      for (let index = lines.length - 1; index >= firstComplete; index--) {
        const entry = validEntry(lines[index] ?? '');
        if (entry !== undefined) return withTorn({ entry, size }, torn);
      }
      if (window === size) return withTorn({ size }, torn);
    }
  } finally {
    closeSync(fd);
  }
}

/** A line that parses as an entry whose hash matches its content. */
export function validEntry(line: string): AuditEntry | undefined {
  if (line === '') return undefined;
  const entry = parseEntry(line);
  return entry !== undefined && entryHash(entry as unknown as Record<string, unknown>) === entry.hash ? entry : undefined;
}

/**
 * The last `count` entries of a log, oldest first, reading files from the newest back. Lines that
 * are not entries are skipped (`audit verify` is the place to learn about them).
 */
export function readRecentEntries(chain: readonly string[], count: number): { entry: AuditEntry; file: string; line: number }[] {
  const found: { entry: AuditEntry; file: string; line: number }[] = [];
  for (let fileIndex = chain.length - 1; fileIndex >= 0 && found.length < count; fileIndex--) {
    const file = chain[fileIndex] ?? '';
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    for (let index = lines.length - 1; index >= 0 && found.length < count; index--) {
      const entry = parseEntry(lines[index] ?? '');
      if (entry !== undefined) found.push({ entry, file, line: index + 1 });
    }
  }
  return found.reverse();
}

function withTorn(tail: FileTail, torn: TornTail | undefined): FileTail {
  return torn === undefined ? tail : { ...tail, torn };
}
