// A separate process appending to a shared audit log:
// `node --import tsx appendWorker.ts FILE KEY_FILE COUNT ID MAX_FILE_BYTES`. It announces itself with
// FILE.ready.ID and starts when FILE.go exists, so all workers append at the same moment.
import { existsSync, writeFileSync } from 'node:fs';
import { AuditLog } from '../../../../src/core/audit/auditLog';

const [file = '', keyFile = '', count, id, maxFileBytes] = process.argv.slice(2);
const log = new AuditLog({ file, keyFile, maxFileBytes: Number(maxFileBytes), onError: (error) => { process.stderr.write(`${String(error)}\n`); process.exitCode = 1; } });
writeFileSync(`${file}.ready.${id}`, '');
const cell = new Int32Array(new SharedArrayBuffer(4));
for (const started = Date.now(); !existsSync(`${file}.go`) && Date.now() - started < 60_000;) Atomics.wait(cell, 0, 0, 2);
for (let index = 0; index < Number(count); index++) {
  log.record({ actor: 'cli', action: 'test.append', target: `${id}:${index}`, decision: index % 7 === 0 ? 'deny' : 'allow', detail: { pid: process.pid } });
}
log.close();
