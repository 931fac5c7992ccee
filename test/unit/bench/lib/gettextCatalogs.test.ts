import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localisedMessages, translations } from '../../../../bench/lib/gettextCatalogs';

/** A GNU .mo catalogue of these (original, translation) pairs, in either byte order. */
function catalogue(pairs: readonly (readonly [string, string])[], littleEndian = true): Buffer {
  const header = 28;
  const strings: Buffer[] = [];
  const tables = Buffer.alloc(pairs.length * 16);
  let offset = header + tables.length;
  const put = (table: number, index: number, text: string): void => {
    const bytes = Buffer.from(text, 'utf8');
    const at = table + index * 8;
    if (littleEndian) {
      tables.writeUInt32LE(bytes.length, at);
      tables.writeUInt32LE(offset, at + 4);
    } else {
      tables.writeUInt32BE(bytes.length, at);
      tables.writeUInt32BE(offset, at + 4);
    }
    strings.push(bytes, Buffer.from([0]));
    offset += bytes.length + 1;
  };
  pairs.forEach(([original], index) => put(0, index, original));
  pairs.forEach(([, translation], index) => put(pairs.length * 8, index, translation));
  const head = Buffer.alloc(header);
  const words = [0x950412de, 0, pairs.length, header, header + pairs.length * 8, 0, 0];
  words.forEach((word, index) => (littleEndian ? head.writeUInt32LE(word, index * 4) : head.writeUInt32BE(word, index * 4)));
  return Buffer.concat([head, tables, ...strings]);
}

describe('bench: gettext catalogues for the false-alarm count (bench/lib/gettextCatalogs)', () => {
  const pairs = [
    ['', 'Content-Type: text/plain; charset=UTF-8\n'],
    ['File not found', 'Datei nicht gefunden'],
    ['%d file\0%d files', '%d Datei\0%d Dateien'],
    ['Yes', 'Ja'],
  ] as const;

  const cases: [string, Buffer, string[]][] = [
    ['little-endian catalogue: the header entry left out, plural forms one each', catalogue(pairs), ['Datei nicht gefunden', '%d Datei', '%d Dateien', 'Ja']],
    ['big-endian catalogue', catalogue(pairs, false), ['Datei nicht gefunden', '%d Datei', '%d Dateien', 'Ja']],
    ['not a catalogue', Buffer.from('# a .po source file, not compiled\nmsgid "x"\n'), []],
    ['cut short inside its tables', catalogue(pairs).subarray(0, 40), []],
  ];
  for (const [name, buffer, expected] of cases) {
    it(name, () => assert.deepEqual(translations(buffer), expected));
  }

  it('reads every language folder and drops labels shorter than 8 characters', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-locale-'));
    try {
      mkdirSync(path.join(dir, 'de', 'LC_MESSAGES'), { recursive: true });
      writeFileSync(path.join(dir, 'de', 'LC_MESSAGES', 'demo.mo'), catalogue(pairs));
      const found = localisedMessages(dir);
      assert.ok(!('missing' in found));
      assert.deepEqual(found.byLanguage.get('de'), ['Datei nicht gefunden', '%d Datei', '%d Dateien']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the folder is absent', () => {
    const found = localisedMessages('/nonexistent/locale');
    assert.ok('missing' in found && found.missing.includes('absent'));
  });
});
