import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, truncateSync } from 'node:fs';
import { canonicalJson, GENESIS_HASH, type AuditEntry } from '../../../../src/core/audit';
import { MAX_LINE_BYTES } from '../../../../src/core/audit/auditEntry';
import { readHead } from '../../../../src/core/audit/auditHead';
import { AuditLog, isSafePoint } from '../../../../src/core/audit/auditLog';
import { AuditFolder, sampleEvent } from './auditFixtures';

describe('core/audit: AuditLog', () => {
  let folder: AuditFolder;
  beforeEach(() => {
    folder = new AuditFolder();
  });
  afterEach(() => folder.remove());

  it('writes one JSON line per event, numbered and chained by SHA-256 over the canonical form', () => {
    folder.write(3);
    const entries = folder.entries();
    assert.deepEqual(entries.map((entry) => entry.seq), [1, 2, 3]);
    assert.equal(entries[0]?.prevHash, GENESIS_HASH);
    assert.equal(entries[1]?.prevHash, entries[0]?.hash);
    assert.equal(entries[2]?.prevHash, entries[1]?.hash);
    for (const entry of entries) {
      const { hash, mac, ...rest } = entry;
      assert.equal(hash, createHash('sha256').update(canonicalJson(rest)).digest('hex'));
      assert.match(mac ?? '', /^[0-9a-f]{64}$/);
    }
    assert.deepEqual(Object.keys(entries[0] ?? {}), ['v', 'seq', 'time', 'actor', 'action', 'target', 'decision', 'reason', 'rule', 'detail', 'epoch', 'prevHash', 'hash', 'mac']);
    assert.equal(entries[0]?.time, '2026-11-23T12:00:01.000Z');
  });

  it('canonical JSON sorts keys at every depth and ignores formatting', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 'x' }], c: null }, u: undefined }), '{"a":{"c":null,"d":[1,{"e":"x","f":2}]},"b":1}');
  });

  it('redacts every field before writing and notes which kinds, how many', () => {
    const log = folder.open();
    const entry = log.append({
      actor: 'agent',
      action: 'tool.web.fetch',
      target: 'https://deploy:Idx-Pa55w0rd@pypi.example.com/simple',
      decision: 'deny',
      reason: 'upstream said: invalid token ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      flags: ['exfiltration', 'AKIAUAMT2G4UXQYHX4YK'],
      detail: { headers: { authorization: 'Bearer abcdefgh12345678' }, password: 'hunter2', 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12': 1 },
    });
    log.close();
    const text = readFileSync(folder.file, 'utf8');
    for (const secret of ['Idx-Pa55w0rd', 'ghp_16C7', 'AKIAUAMT2G4UXQYHX4YK', 'abcdefgh12345678', 'hunter2', 'sk-proj-Ab12']) assert.ok(!text.includes(secret), `${secret} reached the log`);
    assert.equal(entry.target, 'https://deploy:[REDACTED:url-password]@pypi.example.com/simple');
    assert.deepEqual(entry.redacted, { 'url-password': 1, 'github-token': 1, 'aws-access-key-id': 1, 'openai-api-key': 1, 'authorization-header': 1, 'password-assignment': 1 });
    assert.ok(folder.verify().ok);
  });

  it('turns any detail into plain JSON: drops undefined and functions, names errors, cuts cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const log = folder.open();
    const entry = log.append({ actor: 'system', action: 'x', detail: { missing: undefined, fn: () => 1, big: 10n, when: new Date(0), error: new TypeError('bad'), cyclic, nan: Number.NaN, list: new Set([1, 2]) } });
    log.close();
    assert.deepEqual(entry.detail, { big: '10', when: '1970-01-01T00:00:00.000Z', error: { name: 'TypeError', message: 'bad' }, cyclic: { name: 'loop', self: '[circular]' }, nan: 'NaN', list: [1, 2] });
    assert.ok(folder.verify().ok);
  });

  it('keeps every line under the size limit by dropping an oversized detail', () => {
    const log = folder.open();
    const huge = Object.fromEntries(Array.from({ length: 400 }, (_, index) => [`field${index}`, 'x'.repeat(1000)]));
    const entry = log.append({ actor: 'agent', action: 'tool.x', detail: huge });
    log.close();
    assert.deepEqual(entry.detail, { truncated: true, bytes: (entry.detail as { bytes: number }).bytes });
    assert.ok(readFileSync(folder.file).length <= MAX_LINE_BYTES);
    assert.ok(folder.verify().ok);
  });

  it('a restarted process continues the chain from the last entry', () => {
    folder.write(3);
    folder.write(2);
    const entries = folder.entries();
    assert.deepEqual(entries.map((entry) => entry.seq), [1, 2, 3, 4, 5]);
    assert.equal(entries[3]?.prevHash, entries[2]?.hash);
    assert.ok(folder.verify().ok);
  });

  it('two writers on one file (as the extension and the CLI) see each other and keep one chain', () => {
    const first = folder.open();
    const second = folder.open();
    for (let index = 1; index <= 10; index++) (index % 3 === 0 ? second : first).append(sampleEvent(index));
    first.close();
    second.close();
    assert.deepEqual(folder.entries().map((entry) => entry.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const report = folder.verify();
    assert.ok(report.ok, JSON.stringify(report.problem));
    assert.deepEqual(report.warnings, []);
  });

  it('rotates by size into numbered files and carries the chain across them', () => {
    folder.write(40, { maxFileBytes: 2048 });
    const report = folder.verify();
    assert.ok(report.ok, JSON.stringify(report.problem));
    assert.equal(report.entries, 40);
    assert.ok(report.files.length >= 4, `${report.files.length} files`);
    assert.match(report.files[0] ?? '', /audit\.000001\.jsonl$/);
    assert.match(report.files[report.files.length - 1] ?? '', /audit\.jsonl$/);
    for (const file of report.files) assert.ok(readFileSync(file).length <= 2048);
    const firstOfSecond = JSON.parse(readFileSync(report.files[1] ?? '', 'utf8').split('\n')[0] ?? '') as AuditEntry;
    const lastOfFirst = JSON.parse(readFileSync(report.files[0] ?? '', 'utf8').trimEnd().split('\n').at(-1) ?? '') as AuditEntry;
    assert.equal(firstOfSecond.prevHash, lastOfFirst.hash);
  });

  it('continues from the newest rotated file when the active file is gone (crash right after a rotation)', () => {
    folder.write(20, { maxFileBytes: 2048 });
    renameSync(folder.file, folder.path('audit.999999.jsonl'));
    folder.write(1, { maxFileBytes: 2048 });
    assert.equal(folder.entries()[0]?.seq, 21);
    assert.ok(folder.verify().ok);
  });

  it('syncs and checkpoints at safe points: denials, user decisions, guard changes, every N entries, close', () => {
    const log = folder.open({ syncEvery: 5 });
    const head = (): number | undefined => { const read = readHead(folder.path('audit.head.json')); return read.state === 'ok' ? read.head.seq : undefined; };
    log.append(sampleEvent(1));
    assert.equal(head(), 0, 'a plain allow is not a safe point (the key\'s first checkpoint names no entry)');
    log.append(sampleEvent(4));
    assert.equal(head(), 2, 'a deny is');
    log.append({ actor: 'user', action: 'approval.answer', decision: 'allow' });
    assert.equal(head(), 3, 'a user decision is');
    for (let index = 0; index < 4; index++) log.append(sampleEvent(1));
    assert.equal(head(), 3);
    log.append(sampleEvent(1));
    assert.equal(head(), 8, 'at least every syncEvery entries');
    log.append(sampleEvent(1));
    log.close();
    assert.equal(head(), 9, 'at close');
    assert.deepEqual([isSafePoint({ actor: 'agent', action: 'policy.overlay.approve' }), isSafePoint({ actor: 'system', action: 'firewall.allow' }), isSafePoint({ actor: 'agent', action: 'tool.read', decision: 'allow' })], [true, true, false]);
  });

  it('durability "none" never syncs nor checkpoints after the key\'s first; "every-entry" checkpoints each entry', () => {
    folder.write(3, { durability: 'none' });
    const first = readHead(folder.path('audit.head.json'));
    assert.equal(first.state === 'ok' ? first.head.seq : undefined, 0);
    const log = folder.open({ durability: 'every-entry' });
    log.append(sampleEvent(1));
    const read = readHead(folder.path('audit.head.json'));
    assert.equal(read.state === 'ok' ? read.head.seq : 0, 4);
    log.close();
  });

  it('after a crash mid-write, the next writer ends the torn line and records the recovery in the chain', () => {
    folder.write(3);
    const whole = folder.lines()[2] ?? '';
    appendFileSync(folder.file, whole.slice(0, 40));
    assert.deepEqual(folder.verify().warnings.map((warning) => warning.kind), ['torn-tail']);
    folder.write(1);
    const lines = folder.lines();
    assert.equal(lines[3], whole.slice(0, 40));
    const recovery = JSON.parse(lines[4] ?? '') as AuditEntry;
    assert.deepEqual({ seq: recovery.seq, action: recovery.action, detail: recovery.detail }, { seq: 4, action: 'audit.recovered', detail: { tornBytes: 40, tornSha256: createHash('sha256').update(whole.slice(0, 40)).digest('hex') } });
    assert.equal((JSON.parse(lines[5] ?? '') as AuditEntry).seq, 5);
    const report = folder.verify();
    assert.ok(report.ok, JSON.stringify(report.problem));
    assert.deepEqual(report.warnings.map((warning) => [warning.kind, warning.line]), [['recovered-torn-line', 4]]);
  });

  it('a whole last entry that lost only its newline is kept and completed, not treated as torn', () => {
    folder.write(3);
    truncateSync(folder.file, statSync(folder.file).size - 1);
    assert.deepEqual(folder.verify().warnings.map((warning) => warning.kind), ['no-final-newline']);
    folder.write(1);
    assert.deepEqual(folder.entries().map((entry) => [entry.seq, entry.action]), [[1, 'tool.fs.read'], [2, 'tool.fs.read'], [3, 'tool.fs.read'], [4, 'tool.fs.read']]);
    const report = folder.verify();
    assert.ok(report.ok, JSON.stringify(report.problem));
    assert.deepEqual(report.warnings, []);
  });

  it('record() reports a failure instead of throwing, and refuses after close', () => {
    mkdirSync(folder.path('blocked.jsonl'));
    const errors: unknown[] = [];
    const broken = new AuditLog({ file: folder.path('blocked.jsonl'), keyFile: folder.keyFile, onError: (error) => errors.push(error) });
    assert.equal(broken.record(sampleEvent(1)), undefined);
    assert.equal(errors.length, 1);
    const log = folder.open({ onError: (error) => errors.push(error) });
    assert.equal(log.record(sampleEvent(1))?.seq, 1);
    log.close();
    log.close();
    assert.equal(log.record(sampleEvent(2)), undefined);
    assert.match(String(errors[1]), /closed/);
  });
});
