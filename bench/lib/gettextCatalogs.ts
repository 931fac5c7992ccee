// Translated messages from the gettext catalogues this machine's packages install (coreutils,
// bash, apt, dpkg, …): real text in many languages that nobody wrote to attack anything, for the
// content guard's false-alarm count. Read at bench time from /usr/share/locale (or
// AIRLOCK_LOCALE_DIR); nothing is copied into the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Messages shorter than this are labels ("Datei", "OK"), which say nothing about false alarms. */
const MIN_MESSAGE_CHARS = 8;
const MO_MAGIC = 0x950412de;

export function localeDir(): string {
  return process.env.AIRLOCK_LOCALE_DIR ?? '/usr/share/locale';
}

/** Every distinct translated message of every catalogue, by language, or why there are none. */
export function localisedMessages(dir = localeDir()): { byLanguage: Map<string, string[]> } | { missing: string } {
  if (!existsSync(dir)) return { missing: `${dir} is absent: no gettext catalogues on this machine` };
  const byLanguage = new Map<string, string[]>();
  for (const language of readdirSync(dir).sort()) {
    const messagesDir = path.join(dir, language, 'LC_MESSAGES');
    if (!existsSync(messagesDir)) continue;
    const seen = new Set<string>();
    for (const file of readdirSync(messagesDir).filter((name) => name.endsWith('.mo')).sort()) {
      for (const message of translations(readFileSync(path.join(messagesDir, file)))) if (message.length >= MIN_MESSAGE_CHARS) seen.add(message);
    }
    if (seen.size > 0) byLanguage.set(language, [...seen]);
  }
  return byLanguage.size === 0 ? { missing: `${dir} holds no .mo catalogue` } : { byLanguage };
}

/**
 * The translations in one compiled catalogue (GNU .mo: a magic number that also tells the byte
 * order, then the count and the offsets of two tables of length/offset pairs). Plural forms,
 * separated by NUL, count one each; the header entry (an empty original) is left out. A file that
 * is not a catalogue, or is cut short, gives what could be read.
 */
export function translations(buffer: Buffer): string[] {
  if (buffer.length < 20) return [];
  const littleEndian = buffer.readUInt32LE(0) === MO_MAGIC;
  if (!littleEndian && buffer.readUInt32BE(0) !== MO_MAGIC) return [];
  const word = (at: number): number => (littleEndian ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  const count = word(8);
  const originals = word(12);
  const translated = word(16);
  const out: string[] = [];
  for (let index = 0; index < count; index++) {
    const entry = (table: number): string | undefined => {
      const at = table + index * 8;
      if (at + 8 > buffer.length) return undefined;
      const length = word(at);
      const offset = word(at + 4);
      return offset + length > buffer.length ? undefined : buffer.toString('utf8', offset, offset + length);
    };
    const original = entry(originals);
    const translation = entry(translated);
    if (original === undefined || translation === undefined) break;
    if (original === '') continue;
    out.push(...translation.split('\0').filter((form) => form !== ''));
  }
  return out;
}
