import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { entryHash, GENESIS_HASH, type AuditEntry } from '../../../../src/core/audit';
import { sealHead, writeHead } from '../../../../src/core/audit/auditHead';
import { evolveAuditKey, parseAuditKey, serialiseAuditKey } from '../../../../src/core/audit/auditKey';
import { auditKeyPath, readAuditKey } from '../../../../src/core/audit/auditKeyFile';
import { AuditFolder, sampleEvent } from './auditFixtures';

/** A log as format 1 wrote it: chained, unsealed, with a format-1 checkpoint. */
function writeLegacyLog(folder: AuditFolder, count: number): void {
  let prevHash = GENESIS_HASH;
  const lines: string[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const entry: Record<string, unknown> = { v: 1, seq, time: `2026-11-01T10:00:0${seq}.000Z`, actor: 'agent', action: 'tool.fs.read', target: `old${seq}.ts`, prevHash };
    prevHash = entryHash(entry);
    lines.push(JSON.stringify({ ...entry, hash: prevHash }));
  }
  folder.setLines(lines);
  folder.setLines([JSON.stringify({ v: 1, seq: count, hash: prevHash, time: '2026-11-01T10:00:09.000Z' })], 'audit.head.json');
}

function currentKey(folder: AuditFolder): ReturnType<typeof evolveAuditKey> {
  const read = readAuditKey(folder.keyFile);
  assert.ok(read.state === 'ok', read.state);
  return read.key;
}

describe('core/audit: the sealing key', () => {
  let folder: AuditFolder;
  beforeEach(() => {
    folder = new AuditFolder();
  });
  afterEach(() => folder.remove());

  it('lives in a 0600 file in a 0700 folder, named for the log, outside the log\'s folder', () => {
    folder.write(1);
    assert.equal(statSync(folder.keyFile).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(folder.keyFile)).mode & 0o777, 0o700);
    assert.match(auditKeyPath('/home/u/.config/airlock', folder.file), /^\/home\/u\/\.config\/airlock\/keys\/[0-9a-f]{32}\.json$/);
    assert.notEqual(auditKeyPath('/c', folder.file), auditKeyPath('/c', folder.path('other/audit.jsonl')));
  });

  it('evolves at each checkpoint, and the key file no longer holds the previous key', () => {
    const log = folder.open();
    const first = log.currentKey();
    log.append(sampleEvent(1));
    assert.equal(currentKey(folder).epoch, 0, 'no checkpoint yet');
    log.append(sampleEvent(4));
    const second = currentKey(folder);
    assert.equal(second.epoch, 1);
    assert.ok(second.key.equals(evolveAuditKey(first, folder.entries()[1]?.hash ?? '').key), 'k1 = HMAC(k0, evolve ‖ 0 ‖ hash of the entry that closed epoch 0)');
    assert.ok(!readFileSync(folder.keyFile, 'utf8').includes(first.key.toString('base64')), 'k0 is gone from the file');
    log.append(sampleEvent(1));
    log.close();
    assert.deepEqual(folder.entries().map((entry: AuditEntry) => entry.epoch), [0, 0, 1]);
    assert.equal(currentKey(folder).epoch, 2);
    assert.ok(folder.verify(first).ok);
  });

  it('the stored form reads back, and anything else is refused', () => {
    folder.write(1);
    const key = currentKey(folder);
    assert.deepEqual(parseAuditKey(serialiseAuditKey(key)), key);
    for (const text of ['', '{}', '{"v":1,"keyId":"zz","startSeq":1,"epoch":0,"key":"AA=="}', serialiseAuditKey(key).replace('"epoch":', '"epoch":-')]) assert.equal(parseAuditKey(text), undefined, text);
  });

  it('a crash between the checkpoint and the key file: the next writer completes the step from the checkpoint\'s seal', () => {
    folder.write(2);
    const key = currentKey(folder);
    folder.open({ durability: 'none' }).append(sampleEvent(1));
    // The checkpoint of the next epoch was written, then the process died before the key file.
    const entry = folder.entries().at(-1) as AuditEntry;
    writeHead(folder.path('audit.head.json'), sealHead({ seq: entry.seq, hash: entry.hash, time: entry.time }, evolveAuditKey(key, entry.hash)));
    folder.write(1, { durability: 'none' });
    assert.deepEqual(folder.entries().map((item: AuditEntry) => item.epoch), [0, 0, 1, 2]);
    assert.equal(currentKey(folder).epoch, 2);
    const report = folder.verify();
    assert.ok(report.ok, JSON.stringify(report.problem));
  });

  it('a format-1 log: cannot be proven until sealed; then its old entries are proven unchanged since the first seal', () => {
    writeLegacyLog(folder, 3);
    const before = folder.verify();
    assert.equal(before.problem?.kind, 'unprovable');
    assert.match(before.problem.message, /no audit key/);
    folder.write(2);
    const after = folder.verify();
    assert.ok(after.ok, JSON.stringify(after.problem));
    assert.deepEqual(after.warnings.map((warning) => warning.kind), ['unsealed-prefix']);
    assert.deepEqual(folder.entries().map((entry: AuditEntry) => [entry.v, entry.seq]), [[1, 1], [1, 2], [1, 3], [2, 4], [2, 5]]);
  });

  it('a key lost after sealing: the writer starts a new one and says so; the log before it cannot be proven', () => {
    folder.write(3);
    rmSync(folder.keyFile);
    folder.write(1);
    assert.deepEqual(folder.entries().slice(3).map((entry: AuditEntry) => [entry.action, entry.reason]), [['audit.rekeyed', 'key-missing'], ['tool.fs.read', 'allowed']]);
    const report = folder.verify();
    assert.equal(report.problem?.kind, 'unprovable');
    assert.match(report.problem.message, /earlier audit key/);
  });

  it('a checkpoint deleted while the key stayed: the writer records it, and the log stays unprovable', () => {
    folder.write(3);
    rmSync(folder.path('audit.head.json'));
    folder.write(1);
    assert.equal(folder.entries()[3]?.action, 'audit.checkpoint-lost');
    const report = folder.verify();
    assert.equal(report.problem?.kind, 'unprovable');
    assert.match(report.problem.message, /seq 4 .*checkpoint missing/);
  });
});
