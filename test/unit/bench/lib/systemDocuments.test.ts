import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readText, systemDocuments } from '../../../../bench/lib/systemDocuments';

describe('bench: package documentation for the false-alarm count (bench/lib/systemDocuments)', () => {
  const changelog = 'tool (1.2-1) unstable; urgency=medium\n\n  * New upstream release.\n'.repeat(8);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'airlock-docs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string, Buffer, string | undefined][] = [
    ['a plain text file', 'README', Buffer.from(changelog), changelog],
    ['a gzip-compressed changelog, unpacked', 'changelog.Debian.gz', gzipSync(changelog), changelog],
    ['a stub shorter than 200 bytes', 'README.Debian', Buffer.from('See the manual.\n'), undefined],
    ['a binary file (a NUL byte in its head)', 'data.bin', Buffer.concat([Buffer.from(changelog), Buffer.from([0])]), undefined],
    ['an image, by its name', 'logo.png', Buffer.from(changelog), undefined],
    ['a corrupt .gz', 'broken.gz', Buffer.from(changelog), undefined],
  ];
  for (const [name, file, bytes, expected] of cases) {
    it(name, () => {
      const full = path.join(dir, file);
      writeFileSync(full, bytes);
      assert.equal(readText(full), expected);
    });
  }

  it('walks every package folder, counts files, and keeps each distinct text once', () => {
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    writeFileSync(path.join(dir, 'a', 'changelog.gz'), gzipSync(changelog));
    writeFileSync(path.join(dir, 'b', 'changelog.gz'), gzipSync(changelog));
    writeFileSync(path.join(dir, 'b', 'NEWS'), `NEWS\n${changelog}`);
    writeFileSync(path.join(dir, 'b', 'logo.png'), Buffer.from([0x89, 0x50]));
    const found = systemDocuments(dir);
    assert.ok(!('missing' in found));
    assert.equal(found.files, 4);
    assert.deepEqual(found.texts, [changelog, `NEWS\n${changelog}`]);
  });

  it('says so when the folder is absent', () => {
    const found = systemDocuments(path.join(dir, 'nowhere'));
    assert.ok('missing' in found && found.missing.includes('absent'));
  });
});
