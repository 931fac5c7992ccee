import assert from 'node:assert/strict';
import { appendFileSync, rmSync, truncateSync, statSync } from 'node:fs';
import { type AuditProblemKind, type AuditWarningKind } from '../../../../src/core/audit';
import { AuditFolder, rehashed } from './auditFixtures';

interface TamperCase {
  readonly name: string;
  /** Entries written before tampering; `rotate` writes them across files of about 1 kB. */
  readonly entries: number;
  readonly rotate?: boolean;
  readonly tamper: (folder: AuditFolder) => void;
  readonly problem?: { kind: AuditProblemKind; seq?: number; file?: string; line?: number };
  readonly warnings?: readonly AuditWarningKind[];
}

function edit(folder: AuditFolder, change: (lines: string[]) => string[], name = 'audit.jsonl'): void {
  folder.setLines(change(folder.lines(name)), name);
}

const cases: readonly TamperCase[] = [
  { name: 'an untouched log is intact', entries: 6, tamper: () => undefined },
  { name: 'a field modified (hash not recomputed)', entries: 6, tamper: (f) => edit(f, (l) => l.map((line, i) => (i === 2 ? line.replace('"allow"', '"deny"') : line))), problem: { kind: 'modified', seq: 3, line: 3 } },
  { name: 'a field modified and the hash recomputed (forged without the chain)', entries: 6, tamper: (f) => edit(f, (l) => l.map((line, i) => (i === 2 ? rehashed(line, { target: 'src/innocent.ts' }) : line))), problem: { kind: 'rehashed', seq: 3, line: 3 } },
  { name: 'the prevHash of an entry edited and its hash recomputed', entries: 6, tamper: (f) => edit(f, (l) => l.map((line, i) => (i === 3 ? rehashed(line, { prevHash: 'a'.repeat(64) }) : line))), problem: { kind: 'rehashed', seq: 3, line: 3 } },
  { name: 'an entry deleted', entries: 6, tamper: (f) => edit(f, (l) => l.filter((_, i) => i !== 2)), problem: { kind: 'deleted', seq: 3, line: 3 } },
  { name: 'several entries deleted', entries: 8, tamper: (f) => edit(f, (l) => l.filter((_, i) => i < 2 || i > 4)), problem: { kind: 'deleted', seq: 3, line: 3 } },
  { name: 'the first entries deleted', entries: 6, tamper: (f) => edit(f, (l) => l.slice(2)), problem: { kind: 'deleted', seq: 1, line: 1 } },
  { name: 'a copy of an entry inserted', entries: 6, tamper: (f) => edit(f, (l) => [...l.slice(0, 4), l[1] ?? '', ...l.slice(4)]), problem: { kind: 'inserted', seq: 2, line: 5 } },
  { name: 'a forged entry inserted, linked and hashed, before the real one', entries: 6, tamper: (f) => edit(f, (l) => [...l.slice(0, 3), rehashed(l[3] ?? '', { target: 'forged' }), ...l.slice(3)]), problem: { kind: 'inserted', seq: 4, line: 4 } },
  { name: 'two neighbours swapped', entries: 6, tamper: (f) => edit(f, (l) => [l[0] ?? '', l[1] ?? '', l[3] ?? '', l[2] ?? '', l[4] ?? '', l[5] ?? '']), problem: { kind: 'reordered', seq: 4, line: 3 } },
  { name: 'two distant entries swapped', entries: 7, tamper: (f) => edit(f, (l) => [l[0] ?? '', l[5] ?? '', l[2] ?? '', l[3] ?? '', l[4] ?? '', l[1] ?? '', l[6] ?? '']), problem: { kind: 'reordered', seq: 6, line: 2 } },
  { name: 'garbage inserted', entries: 4, tamper: (f) => edit(f, (l) => [...l.slice(0, 2), 'not json', ...l.slice(2)]), problem: { kind: 'malformed', line: 3 } },
  { name: 'a blank line inserted', entries: 4, tamper: (f) => edit(f, (l) => [...l.slice(0, 2), '', ...l.slice(2)]), problem: { kind: 'malformed', line: 3 } },
  { name: 'a line cut short in the middle of the log', entries: 4, tamper: (f) => edit(f, (l) => l.map((line, i) => (i === 1 ? line.slice(0, 30) : line))), problem: { kind: 'malformed', line: 2 } },
  { name: 'the last entries cut off (checkpoint says more were written)', entries: 6, tamper: (f) => edit(f, (l) => l.slice(0, 4)), problem: { kind: 'truncated', seq: 5, line: 4 } },
  { name: 'the file truncated in the middle of its last line', entries: 6, tamper: (f) => truncateSync(f.file, statSync(f.file).size - 20), problem: { kind: 'truncated', seq: 6, line: 5 }, warnings: ['torn-tail'] },
  { name: 'the whole tail rewritten with a recomputed chain (caught by the checkpoint)', entries: 6, tamper: (f) => edit(f, (l) => rewriteFrom(l, 3)), problem: { kind: 'modified', seq: 6, line: 6 } },
  { name: 'a torn final line from a crash is not tampering', entries: 5, tamper: (f) => appendFileSync(f.file, '{"v":1,"seq":6,"time":"2026-11-23T12:00:0'), warnings: ['torn-tail'] },
  { name: 'no checkpoint: completeness cannot be proven', entries: 5, tamper: (f) => rmSync(f.path('audit.head.json')), problem: { kind: 'unprovable', file: 'audit.head.json', line: 0 } },
  { name: 'an unreadable checkpoint: completeness cannot be proven', entries: 5, tamper: (f) => f.setLines(['{'], 'audit.head.json'), problem: { kind: 'unprovable', file: 'audit.head.json', line: 0 } },
  { name: 'no key: completeness cannot be proven', entries: 5, tamper: (f) => rmSync(f.keyFile), problem: { kind: 'unprovable', file: 'audit.head.json', line: 0 } },
  { name: 'rotated: untouched', entries: 30, rotate: true, tamper: () => undefined },
  { name: 'rotated: the first entry of the second file modified', entries: 30, rotate: true, tamper: (f) => edit(f, (l) => l.map((line, i) => (i === 0 ? line.replace('src/', 'lib/') : line)), 'audit.000002.jsonl'), problem: { kind: 'modified', file: 'audit.000002.jsonl', line: 1 } },
  { name: 'rotated: the last entry of the first file deleted', entries: 30, rotate: true, tamper: (f) => edit(f, (l) => l.slice(0, -1), 'audit.000001.jsonl'), problem: { kind: 'deleted', file: 'audit.000002.jsonl', line: 1 } },
  { name: 'rotated: the last entry of the first file re-hashed after an edit', entries: 30, rotate: true, tamper: (f) => edit(f, (l) => l.map((line, i, all) => (i === all.length - 1 ? rehashed(line, { target: 'src/changed.ts' }) : line)), 'audit.000001.jsonl'), problem: { kind: 'rehashed', file: 'audit.000001.jsonl' } },
  { name: 'rotated: a whole rotated file deleted', entries: 30, rotate: true, tamper: (f) => rmSync(f.path('audit.000002.jsonl')), problem: { kind: 'deleted', file: 'audit.000003.jsonl', line: 1 } },
  { name: 'rotated: an entry moved from one file to the end of the next', entries: 30, rotate: true, tamper: (f) => moveLastToNext(f), problem: { kind: 'reordered', file: 'audit.000002.jsonl', line: 1 } },
];

/** Changes entry `from` (1-based seq) and recomputes every hash after it: the whole-tail forgery. */
function rewriteFrom(lines: readonly string[], from: number): string[] {
  const out: string[] = [];
  let prevHash = '';
  lines.forEach((line, index) => {
    const seq = index + 1;
    if (seq < from) {
      out.push(line);
      prevHash = (JSON.parse(line) as { hash: string }).hash;
      return;
    }
    const forged = rehashed(line, { prevHash, ...(seq === from ? { target: 'rewritten' } : {}) });
    out.push(forged);
    prevHash = (JSON.parse(forged) as { hash: string }).hash;
  });
  return out;
}

function moveLastToNext(folder: AuditFolder): void {
  const first = folder.lines('audit.000001.jsonl');
  const moved = first.pop() ?? '';
  folder.setLines(first, 'audit.000001.jsonl');
  folder.setLines([...folder.lines('audit.000002.jsonl'), moved], 'audit.000002.jsonl');
}

describe('core/audit: verifyAuditLog finds the first tampered entry', () => {
  let folder: AuditFolder;
  beforeEach(() => {
    folder = new AuditFolder();
  });
  afterEach(() => folder.remove());

  for (const c of cases) {
    it(`${c.name}: ${c.problem === undefined ? 'intact' : c.problem.kind}${c.warnings ? ` (warning ${c.warnings.join(', ')})` : ''}`, () => {
      folder.write(c.entries, c.rotate === true ? { maxFileBytes: 1024 } : {});
      c.tamper(folder);
      const report = folder.verify();
      if (c.problem === undefined) {
        assert.ok(report.ok, `unexpected problem: ${JSON.stringify(report.problem)}`);
      } else {
        assert.equal(report.ok, false);
        const problem = report.problem;
        assert.ok(problem !== undefined);
        assert.equal(problem.kind, c.problem.kind, problem.message);
        if (c.problem.seq !== undefined) assert.equal(problem.seq, c.problem.seq, problem.message);
        if (c.problem.line !== undefined) assert.equal(problem.line, c.problem.line, problem.message);
        assert.ok(problem.file.endsWith(c.problem.file ?? 'audit.jsonl'), `${problem.file}: ${problem.message}`);
        assert.match(problem.message, /seq \d+|line \d+|cannot prove completeness/);
      }
      assert.deepEqual(report.warnings.map((warning) => warning.kind), c.warnings ?? []);
    });
  }

  it('names the rotated files in chain order and counts every entry', () => {
    folder.write(30, { maxFileBytes: 1024 });
    const report = folder.verify();
    assert.equal(report.entries, 30);
    assert.deepEqual(report.files.map((file) => file.slice(folder.root.length + 1)), [...report.files.slice(0, -1).map((_, index) => `audit.${String(index + 1).padStart(6, '0')}.jsonl`), 'audit.jsonl']);
    assert.equal(report.last?.seq, 30);
  });
});
