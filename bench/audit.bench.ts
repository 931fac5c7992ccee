// Audit appends per second: Airlock's sealed, hash-chained log (redaction, lock, chain, HMAC seal, O_APPEND write),
// at each durability setting, against plain appendFileSync of the same JSON lines, with and
// without an fsync per line. The same events in every row; each round writes a fresh file.
import { appendFileSync, closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { prepareEntry as PrepareEntry, sealEntry as SealEntry } from '../src/core/audit/auditEntry';
import type { newAuditKey as NewAuditKey } from '../src/core/audit/auditKey';
import type { AuditDurability, AuditLog as AuditLogClass } from '../src/core/audit/auditLog';
import type { AuditEvent } from '../src/core/audit/auditSink';
import type { verifyAuditLog as VerifyAuditLog } from '../src/core/audit/auditVerify';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';

const EVENTS = 4_000;
const ROUNDS = 3;
/** Per round: slow rows (an fsync per line) stop early and are rated on what they wrote. */
const ROUND_BUDGET_MS = 3_000;

// Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
const { AuditLog, prepareEntry, sealEntry, newAuditKey, verifyAuditLog } = shippedModule<{ AuditLog: typeof AuditLogClass; prepareEntry: typeof PrepareEntry; sealEntry: typeof SealEntry; newAuditKey: typeof NewAuditKey; verifyAuditLog: typeof VerifyAuditLog }>(
  'src/core/audit/auditLog.ts',
  'src/core/audit/auditEntry.ts',
  'src/core/audit/auditKey.ts',
  'src/core/audit/auditVerify.ts',
);

export function run(): Promise<BenchReport> {
  const events = benchEvents(EVENTS);
  const lines = events.map((event, index) => JSON.stringify({ seq: index + 1, time: new Date().toISOString(), ...event }) + '\n');
  const root = mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-audit-'));
  try {
    const rows: BenchRow[] = [
      measure('airlock AuditLog, durability none', true, root, events.length, (file) => airlockWriter(file, events, 'none'), 'redact, lock, re-check the tail and the key file, chain (SHA-256 of canonical JSON), HMAC seal, one O_APPEND write; no fsync'),
      measure('airlock AuditLog, safe points (default)', false, root, events.length, (file) => airlockWriter(file, events, 'safe-points'), `as above, plus fsync, sealed checkpoint and key evolution (an atomic rewrite of the key file) after every deny, user decision and guard change, and every 32 entries (${safePointShare(events)} of these events are safe points)`),
      measure('airlock AuditLog, fsync every entry', false, root, events.length, (file) => airlockWriter(file, events, 'every-entry'), 'fsync, sealed checkpoint and key evolution after each entry'),
      measure('appendFileSync, same lines', false, root, events.length, (file) => (index) => appendFileSync(file, lines[index] ?? ''), 'fs.appendFileSync(file, line): open, write, close per line; no redaction, no chain, no lock'),
      measure('fd write + fsync per line', false, root, events.length, (file) => fsyncedWriter(file, lines), 'one O_APPEND fd, writeSync + fsyncSync per line; no redaction, no chain, no lock'),
      measureCpuOnly(events),
    ];
    return Promise.resolve({
      title: `audit log: appends per second, ${EVENTS.toLocaleString('en-US')} events`,
      columns: [
        { key: 'rate', label: 'appends/s', decimals: 0 },
        { key: 'micros', label: 'µs/append', decimals: 1 },
      ],
      rows,
      notes: [
        `events: tool reads and writes, approvals, denials with details, 1 in 10 carrying a secret to redact; file system: ${os.tmpdir()} (${process.platform})`,
        `median of ${ROUNDS} rounds, a fresh file each round; a round stops after ${ROUND_BUDGET_MS} ms and is rated on the entries it wrote`,
        'every Airlock round ends with verifyAuditLog() on what it wrote (with the key file), which must report the chain intact and sealed',
        'Airlock is measured as it ships: src/core/audit bundled by esbuild as npm run build bundles it (the tsx loader the benches run under slows cross-module calls in hot loops)',
      ],
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

type Writer = ((index: number) => void) & { close?: () => void };

function measure(subject: string, airlock: boolean, root: string, count: number, open: (file: string) => Writer, detail: string): BenchRow {
  const rates: number[] = [];
  let written = count;
  for (let round = 0; round < ROUNDS; round++) {
    const file = path.join(root, `${subject.replace(/\W+/g, '-')}-${round}`, 'audit.jsonl');
    mkdirSync(path.dirname(file), { recursive: true });
    const writer = open(file);
    const started = performance.now();
    let done = 0;
    for (; done < count && (done % 64 !== 0 || performance.now() - started < ROUND_BUDGET_MS); done++) writer(done);
    writer.close?.();
    rates.push(done / ((performance.now() - started) / 1000));
    written = Math.min(written, done);
    if (subject.startsWith('airlock')) {
      const report = verifyAuditLog(file, { keyFile: keyFileFor(file) });
      if (!report.ok || report.entries !== done) throw new Error(`${subject}: the chain does not verify (${report.problem?.message ?? `${report.entries} of ${done} entries`})`);
    }
  }
  const rate = median(rates);
  return { subject, airlock, values: { rate, micros: 1_000_000 / rate }, detail: `${detail}; ${written.toLocaleString('en-US')} entries in the shortest round` };
}

function airlockWriter(file: string, events: readonly AuditEvent[], durability: AuditDurability): Writer {
  const log = new AuditLog({ file, keyFile: keyFileFor(file), durability, onError: (error) => { throw error; } });
  const writer: Writer = (index) => { log.append(events[index % events.length] as AuditEvent); };
  writer.close = () => log.close();
  return writer;
}

/** Each round's key beside its log's folder, as the user's config folder would hold it. */
function keyFileFor(file: string): string {
  return path.join(path.dirname(file), '..', `${path.basename(path.dirname(file))}.key.json`);
}

function fsyncedWriter(file: string, lines: readonly string[]): Writer {
  const fd = openSync(file, 'a');
  const writer: Writer = (index) => {
    writeSync(fd, lines[index % lines.length] ?? '');
    fsyncSync(fd);
  };
  writer.close = () => closeSync(fd);
  return writer;
}

/** What an append costs before any I/O: redaction, serialisation and the hash. */
function measureCpuOnly(events: readonly AuditEvent[]): BenchRow {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    let prevHash = '0'.repeat(64);
    const key = newAuditKey(1);
    events.forEach((event, index) => {
      prevHash = sealEntry(prepareEntry(event), index + 1, prevHash, new Date(), key).entry.hash;
    });
    rates.push(events.length / ((performance.now() - started) / 1000));
  }
  const rate = median(rates);
  return { subject: 'airlock entry only (no I/O)', airlock: false, values: { rate, micros: 1_000_000 / rate }, detail: 'prepareEntry (redaction of every field) + sealEntry (canonical JSON, SHA-256, HMAC-SHA256): the CPU share of an append' };
}

function safePointShare(events: readonly AuditEvent[]): string {
  const safe = events.filter((event) => event.decision === 'deny' || event.actor === 'user' || /^(?:approval|policy|firewall|audit)(?:\.|$)/.test(event.action)).length;
  return `${Math.round((safe / events.length) * 100)} %`;
}

function benchEvents(count: number): AuditEvent[] {
  const shapes: readonly ((index: number) => AuditEvent)[] = [
    (i) => ({ actor: 'agent', action: 'tool.fs.read', target: `src/module${i % 97}/file${i % 13}.ts`, decision: 'allow', reason: 'allowed', rule: '**' }),
    (i) => ({ actor: 'agent', action: 'tool.fs.search', target: `src/**/*.ts`, decision: 'allow', reason: 'allowed', rule: '**', detail: { query: `function handler${i}`, matches: i % 40 } }),
    (i) => ({ actor: 'agent', action: 'tool.web.fetch', target: `https://docs.example.com/page/${i}`, decision: 'allow', reason: 'allowed-host', rule: 'docs.example.com', flags: i % 5 === 0 ? ['instruction-override'] : [] }),
    (i) => ({ actor: 'agent', action: 'tool.fs.read', target: '.env', decision: 'deny', reason: 'denied-by-rule', rule: '**/.env', detail: { attempt: i } }),
    (i) => ({ actor: 'agent', action: 'approval.request', target: `src/app${i % 7}.ts`, decision: 'ask', detail: { tool: 'fs.write', risk: 'medium' } }),
    (i) => ({ actor: 'user', action: 'approval.answer', target: `src/app${i % 7}.ts`, decision: 'allow', reason: 'once', detail: { tool: 'fs.write' } }),
    (i) => ({ actor: 'agent', action: 'tool.shell.output', target: 'npm test', decision: 'allow', detail: { excerpt: `env: GITHUB_TOKEN=ghp_${'a1B2c3D4e5'.repeat(3)}${String(i).padStart(6, '0')} and more output` } }),
    (i) => ({ actor: 'agent', action: 'model.request', target: 'http://127.0.0.1:11434/v1/chat/completions', decision: 'allow', detail: { messages: 4 + (i % 9), chars: 1200 + i } }),
    (i) => ({ actor: 'agent', action: 'tool.fs.write', target: `src/gen/out${i % 31}.ts`, decision: 'allow', reason: 'approved', rule: '**' }),
    (i) => ({ actor: 'agent', action: 'tool.fs.list', target: `src/module${i % 97}`, decision: 'allow', reason: 'allowed', rule: '**' }),
  ];
  return Array.from({ length: count }, (_, index) => (shapes[index % shapes.length] as (index: number) => AuditEvent)(index));
}
