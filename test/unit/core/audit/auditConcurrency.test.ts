import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry } from '../../../../src/core/audit';
import { AuditFolder, sampleEvent } from './auditFixtures';

const WORKER = join(__dirname, 'appendWorker.ts');
const PROCESSES = 6;
const PER_PROCESS = 150;
const IN_PROCESS = 100;
const MAX_FILE_BYTES = 16 * 1024;

function runWorker(file: string, keyFile: string, id: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file, keyFile, String(PER_PROCESS), id, String(MAX_FILE_BYTES)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject).on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('core/audit: several processes appending at once', function () {
  this.timeout(120_000);
  let folder: AuditFolder;
  beforeEach(() => {
    folder = new AuditFolder();
  });
  afterEach(() => folder.remove());

  it('keep one valid chain across rotations: every entry once, numbered without gaps', async () => {
    const workers = Array.from({ length: PROCESSES }, (_, index) => runWorker(folder.file, folder.keyFile, `p${index}`));
    for (const started = Date.now(); Array.from({ length: PROCESSES }).some((_, index) => !existsSync(`${folder.file}.ready.p${index}`)) && Date.now() - started < 60_000;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    writeFileSync(`${folder.file}.go`, '');
    const local = folder.open({ maxFileBytes: MAX_FILE_BYTES });
    for (let index = 1; index <= IN_PROCESS; index++) {
      local.append(sampleEvent(index));
      if (index % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    local.close();
    for (const result of await Promise.all(workers)) assert.equal(result.code, 0, result.stderr);

    const report = folder.verify();
    assert.ok(report.ok, JSON.stringify(report.problem));
    assert.deepEqual(report.warnings, []);
    const total = PROCESSES * PER_PROCESS + IN_PROCESS;
    assert.equal(report.entries, total);
    assert.ok(report.files.length > 2, `expected rotations, got ${report.files.length} file(s)`);
    const entries = report.files.flatMap((file) => readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntry));
    assert.deepEqual(entries.map((entry) => entry.seq), Array.from({ length: total }, (_, index) => index + 1));
    const writers = entries.map((entry) => (entry.actor === 'cli' ? entry.target?.split(':')[0] : 'local'));
    const switches = writers.filter((writer, index) => index > 0 && writer !== writers[index - 1]).length;
    assert.ok(switches > PROCESSES * 2, `the writers barely interleaved (${switches} switches)`);
    process.stdout.write(`      ${switches} switches between writers, ${report.files.length} files\n`);
    const targets = new Set(entries.map((entry) => entry.target));
    for (let p = 0; p < PROCESSES; p++) for (let i = 0; i < PER_PROCESS; i++) assert.ok(targets.has(`p${p}:${i}`), `p${p}:${i} is missing`);
    assert.ok(!existsSync(`${folder.file}.lock`), 'the lock was released');
  });
});
