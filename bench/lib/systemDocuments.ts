// The documentation this machine's Debian packages install (changelogs, NEWS, READMEs, manuals,
// licences, HTML API docs) and manual pages: real text nobody wrote to attack anything, for the
// content guard's false-alarm count on whole documents. Read at bench time from /usr/share/doc
// and /usr/share/man (or AIRLOCK_DOC_DIR, AIRLOCK_MAN_DIR); nothing is copied into the repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Shorter files are stubs (a one-line README.Debian); longer ones are data dumps. */
const MIN_BYTES = 200;
const MAX_BYTES = 2_000_000;
/** A NUL byte in a file's head: binary, not text. */
const SNIFF_BYTES = 4_000;
/** Images, fonts and scripts that documentation folders also hold. */
const NOT_TEXT = /\.(?:png|jpe?g|gif|svg|ico|pdf|woff2?|ttf|js|css)(?:\.gz)?$/i;

export function docDir(): string {
  return process.env.AIRLOCK_DOC_DIR ?? '/usr/share/doc';
}

/** The manual pages (roff, gzip-compressed) of this machine's packages, every language: AIRLOCK_MAN_DIR or /usr/share/man. */
export function manDir(): string {
  return process.env.AIRLOCK_MAN_DIR ?? '/usr/share/man';
}

/** Every distinct text document under `dir`, in path order (gzip-compressed ones unpacked), or why there are none. */
export function systemDocuments(dir = docDir()): { texts: string[]; files: number } | { missing: string } {
  if (!existsSync(dir)) return { missing: `${dir} is absent: no package documentation on this machine` };
  const seen = new Set<string>();
  let files = 0;
  for (const file of filesUnder(dir)) {
    files++;
    const text = readText(file);
    if (text !== undefined) seen.add(text);
  }
  return seen.size === 0 ? { missing: `${dir} holds no text document` } : { texts: [...seen], files };
}

/** The file's text, or undefined when it is not a text document of a useful size or cannot be read. */
export function readText(file: string): string | undefined {
  if (NOT_TEXT.test(file)) return undefined;
  try {
    if (statSync(file).size > MAX_BYTES) return undefined;
    let bytes = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes, { maxOutputLength: MAX_BYTES + 1 });
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES || bytes.subarray(0, SNIFF_BYTES).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out;
}
