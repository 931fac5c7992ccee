import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { entryHash, GENESIS_HASH, type AuditEntry, type AuditProblemKind } from '../../../../src/core/audit';
import { readHead, sealHead } from '../../../../src/core/audit/auditHead';
import { entryMac, type AuditKey } from '../../../../src/core/audit/auditKey';
import { readAuditKey } from '../../../../src/core/audit/auditKeyFile';
import { AuditFolder, sampleEvent } from './auditFixtures';

/**
 * Attacks on a sealed log, each row named for what the attacker does, with the verdict of the
 * CLI (which holds only the key file's current key) and of the extension (which also holds the
 * key of epoch 0 in SecretStorage). The log: 6 entries, a checkpoint after the 4th (a denial)
 * and at close, so entries 1–4 are in epoch 0, 5–6 in epoch 1, and the key is at epoch 2.
 * `undefined` means the verifier accepts the log: the limits docs/audit.md states.
 */
interface Attack {
  readonly name: string;
  readonly tamper: (folder: AuditFolder) => void;
  readonly cli: AuditProblemKind | undefined;
  readonly extension: AuditProblemKind | undefined;
}

type Json = Record<string, unknown>;

function entries(folder: AuditFolder): Json[] {
  return folder.lines().map((line) => JSON.parse(line) as Json);
}

/** Rewrites the log from `lines`, recomputing every hash and link; `reseal` re-seals the entries it has a key for. */
function rewrite(folder: AuditFolder, lines: readonly Json[], reseal?: AuditKey): Json {
  let prevHash = GENESIS_HASH;
  let last: Json = {};
  folder.setLines(lines.map((line) => {
    const entry: Json = { ...line, prevHash };
    delete entry.hash;
    delete entry.mac;
    const hash = entryHash(entry);
    const mac = reseal !== undefined && entry.epoch === reseal.epoch ? entryMac(reseal.key, hash) : line.mac;
    last = { ...entry, hash, ...(mac === undefined ? {} : { mac }) };
    prevHash = hash;
    return JSON.stringify(last);
  }));
  return last;
}

/** A checkpoint as someone with `key` would write it, naming the log's last entry. */
function headFor(folder: AuditFolder, last: Json, key: AuditKey): void {
  folder.setLines([JSON.stringify(sealHead({ seq: last.seq as number, hash: last.hash as string, time: '2026-11-23T13:00:00.000Z' }, key))], 'audit.head.json');
}

/** A checkpoint written without the key: the old one with the new end, its seal kept. */
function unsealedHead(folder: AuditFolder, last: Json): void {
  const read = readHead(folder.path('audit.head.json'));
  assert.ok(read.state === 'ok');
  folder.setLines([JSON.stringify({ ...read.head, seq: last.seq, hash: last.hash })], 'audit.head.json');
}

function stolenKey(folder: AuditFolder): AuditKey {
  const read = readAuditKey(folder.keyFile);
  assert.ok(read.state === 'ok');
  return read.key;
}

function appended(previous: Json, change: Json): Json {
  return { ...previous, seq: (previous.seq as number) + 1, time: '2026-11-23T13:00:00.000Z', action: 'firewall.allow', target: 'evil.example', decision: 'allow', ...change };
}

const attacks: readonly Attack[] = [
  { name: 'nobody: the log as written', tamper: () => undefined, cli: undefined, extension: undefined },
  // Someone who can write the log's folder, but has no key.
  { name: 'writes files: rewrites the whole log with a recomputed chain and rewrites the checkpoint', tamper: (f) => unsealedHead(f, rewrite(f, entries(f).map((e) => ({ ...e, target: 'src/innocent.ts' })))), cli: 'forged', extension: 'forged' },
  { name: 'writes files: rewrites the whole log as format 1 (no seals) with a format-1 checkpoint', tamper: (f) => { const last = rewrite(f, entries(f).map((e) => ({ ...e, v: 1, epoch: undefined, mac: undefined }))); f.setLines([JSON.stringify({ v: 1, seq: last.seq, hash: last.hash, time: last.time })], 'audit.head.json'); }, cli: 'forged', extension: 'forged' },
  { name: 'writes files: appends a forged entry with a valid link, in the last entry\'s epoch and seal', tamper: (f) => { const all = entries(f); rewrite(f, [...all, appended(all.at(-1) ?? {}, {})]); }, cli: 'forged', extension: 'forged' },
  { name: 'writes files: appends a forged entry with a valid link in the current epoch', tamper: (f) => { const all = entries(f); rewrite(f, [...all, appended(all.at(-1) ?? {}, { epoch: 2 })]); }, cli: 'forged', extension: 'forged' },
  { name: 'writes files: appends a forged entry with a valid link, unsealed (format 1)', tamper: (f) => { const all = entries(f); rewrite(f, [...all, appended(all.at(-1) ?? {}, { v: 1, epoch: undefined, mac: undefined })]); }, cli: 'forged', extension: 'forged' },
  { name: 'writes files: deletes the checkpoint and cuts the last lines off', tamper: (f) => { rmSync(f.path('audit.head.json')); f.setLines(f.lines().slice(0, -2)); }, cli: 'unprovable', extension: 'unprovable' },
  { name: 'writes files: cuts the last lines off and moves the checkpoint back to the new end', tamper: (f) => { f.setLines(f.lines().slice(0, -2)); unsealedHead(f, entries(f).at(-1) ?? {}); }, cli: 'forged', extension: 'forged' },
  { name: 'writes files: puts back an older checkpoint and cuts off what came after it', tamper: (f) => { copyFileSync(f.path('head-after-4.json'), f.path('audit.head.json')); f.setLines(f.lines().slice(0, 4)); }, cli: 'unprovable', extension: 'unprovable' },
  { name: 'writes the key folder: deletes the key', tamper: (f) => rmSync(f.keyFile), cli: 'unprovable', extension: 'unprovable' },
  // Someone who stole the key file today (epoch 2): forward security is what the extension's epoch-0 key checks.
  { name: 'stole today\'s key: edits an entry of a closed epoch, recomputes the chain, re-seals the checkpoint', tamper: (f) => { const key = stolenKey(f); headFor(f, rewrite(f, entries(f).map((e) => (e.seq === 2 ? { ...e, target: 'src/innocent.ts' } : e)), key), key); }, cli: undefined, extension: 'forged' },
  { name: 'stole today\'s key: cuts off the end of the closed epoch 1 and re-seals the checkpoint', tamper: (f) => { const key = stolenKey(f); f.setLines(f.lines().slice(0, -1)); headFor(f, entries(f).at(-1) ?? {}, key); }, cli: undefined, extension: 'forged' },
  { name: 'stole today\'s key: relabels the history as the current epoch and re-seals it all', tamper: (f) => { const key = stolenKey(f); headFor(f, rewrite(f, entries(f).map((e) => ({ ...e, epoch: 2 })), key), key); }, cli: 'forged', extension: 'forged' },
  { name: 'stole today\'s key: appends entries after the last checkpoint (what a key thief can always do)', tamper: (f) => { const key = stolenKey(f); const all = entries(f); rewrite(f, [...all, appended(all.at(-1) ?? {}, { epoch: 2 })], key); }, cli: undefined, extension: undefined },
];

describe('core/audit: attacks on the sealed log', () => {
  let folder: AuditFolder;
  let anchor: AuditKey;
  beforeEach(() => {
    folder = new AuditFolder();
    const log = folder.open();
    anchor = log.currentKey();
    for (let index = 1; index <= 4; index++) log.append(sampleEvent(index));
    copyFileSync(folder.path('audit.head.json'), folder.path('head-after-4.json'));
    for (let index = 5; index <= 6; index++) log.append(sampleEvent(index));
    log.close();
  });
  afterEach(() => folder.remove());

  it('the log under attack: epochs 0 and 1, the key at epoch 2, the extension holding epoch 0', () => {
    assert.deepEqual(folder.entries().map((entry: AuditEntry) => entry.epoch), [0, 0, 0, 0, 1, 1]);
    assert.equal(stolenKey(folder).epoch, 2);
    assert.equal(anchor.epoch, 0);
  });

  for (const attack of attacks) {
    it(`${attack.name}: CLI ${attack.cli ?? 'accepts'}, extension ${attack.extension ?? 'accepts'}`, () => {
      attack.tamper(folder);
      const cli = folder.verify();
      const extension = folder.verify(anchor);
      assert.equal(cli.problem?.kind, attack.cli, `CLI: ${JSON.stringify(cli.problem)}`);
      assert.equal(extension.problem?.kind, attack.extension, `extension: ${JSON.stringify(extension.problem)}`);
      assert.equal(cli.ok, attack.cli === undefined);
      assert.equal(extension.ok, attack.extension === undefined);
    });
  }
});
