import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditKeyPath, recordAuditLocation } from '../../../src/core/audit';
import { AuditLog } from '../../../src/core/audit/auditLog';
import { runCli } from './cliHarness';

describe('airlock audit', () => {
  let root: string;
  let file: string;
  let env: Record<string, string>;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'airlock-cli-audit-'));
    file = join(root, 'storage', 'audit', 'audit.jsonl');
    env = { AIRLOCK_CONFIG_DIR: join(root, 'config'), HOME: root };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function writeLog(count: number): void {
    let tick = Date.UTC(2026, 10, 23, 9, 0, 0);
    const log = new AuditLog({ file, keyFile: auditKeyPath(env.AIRLOCK_CONFIG_DIR ?? '', file), now: () => new Date((tick += 1000)) });
    for (let index = 1; index <= count; index++) {
      log.append(index === 2
        ? { actor: 'user', action: 'approval.answer', target: 'src/app.ts', decision: 'deny', reason: 'denied by the user', flags: ['instruction-override'] }
        : { actor: 'agent', action: 'tool.fs.read', target: `src/f${index}.ts`, decision: 'allow', rule: '**' });
    }
    log.close();
  }

  describe('verify', () => {
    it('an intact log: exit 0 and a one-line verdict', async () => {
      writeLog(5);
      const run = await runCli(['audit', 'verify', '--file', file], { env });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^audit log: .*audit\.jsonl \(1 file, 5 entries checked\)\nok: the hash chain is intact and sealed; last entry seq 5 at 2026-11-23T09:00:0\d\.000Z, hash [0-9a-f]{16}…\nnote: seals checked with the key file, from epoch 2 on; entries of earlier epochs are proven by the chain to the sealed checkpoint, which a thief of today's key could rewrite/);
      assert.equal(run.stderr, '');
    });

    it('finds the log of a workspace through the index the extension writes', async () => {
      writeLog(3);
      const workspace = join(root, 'ws');
      mkdirSync(workspace);
      await recordAuditLocation({ configDir: env.AIRLOCK_CONFIG_DIR ?? '', workspaceFolder: workspace, file });
      const run = await runCli(['audit', 'verify', '--workspace', workspace, '--json'], { env });
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { status: string; file: string; entries: number };
      assert.deepEqual([report.status, report.file, report.entries], ['intact', file, 3]);
      const fromCwd = await runCli(['audit', 'verify'], { env, cwd: workspace });
      assert.equal(fromCwd.code, 0, fromCwd.stderr);
    });

    it('run from a folder inside the workspace (the repository root of a nested project): finds the workspace\'s log', async () => {
      writeLog(3);
      const workspace = join(root, 'ws');
      mkdirSync(join(workspace, 'packages', 'app'), { recursive: true });
      await recordAuditLocation({ configDir: env.AIRLOCK_CONFIG_DIR ?? '', workspaceFolder: workspace, file });
      const run = await runCli(['audit', 'verify', '--json'], { env, cwd: join(workspace, 'packages', 'app') });
      const report = JSON.parse(run.stdout) as { file: string };
      assert.equal(report.file, file, run.stderr);
    });

    it('run from a folder no workspace log belongs to: exit 1, and it names the --workspace to pass', async () => {
      writeLog(3);
      const workspace = join(root, 'ws');
      const elsewhere = join(root, 'elsewhere');
      mkdirSync(workspace);
      mkdirSync(elsewhere);
      await recordAuditLocation({ configDir: env.AIRLOCK_CONFIG_DIR ?? '', workspaceFolder: workspace, file });
      const run = await runCli(['audit', 'verify'], { env, cwd: elsewhere });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /no audit log for .*elsewhere/);
      assert.ok(run.stderr.includes(`--workspace ${workspace}`), run.stderr);
    });

    it('tampering: exit 1, the kind, seq, file and line', async () => {
      writeLog(5);
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.splice(2, 1);
      writeFileSync(file, lines.join('\n'));
      const run = await runCli(['audit', 'verify', '--file', file], { env });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /TAMPERED \(deleted\): entries seq 3 were deleted after seq 2 \(.*audit\.jsonl:2\); the chain resumes at seq 4 \(.*audit\.jsonl:3\)/);
      const json = await runCli(['audit', 'verify', '--file', file, '--json'], { env });
      const report = JSON.parse(json.stdout) as { status: string; problem: { kind: string; seq: number; line: number } };
      assert.deepEqual([json.code, report.status, report.problem.kind, report.problem.seq, report.problem.line], [1, 'tampered', 'deleted', 3, 3]);
    });

    const unprovable: readonly { name: string; tamper: () => void; message: RegExp }[] = [
      { name: 'the key file deleted', tamper: () => rmSync(auditKeyPath(env.AIRLOCK_CONFIG_DIR ?? '', file)), message: /^CANNOT PROVE COMPLETENESS: cannot prove completeness: there is no audit key for this log/m },
      { name: 'the checkpoint deleted and the last lines cut off', tamper: () => { rmSync(join(root, 'storage', 'audit', 'audit.head.json')); writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(0, 3).map((line) => `${line}\n`).join('')); }, message: /^CANNOT PROVE COMPLETENESS: cannot prove completeness: no checkpoint/m },
    ];
    for (const c of unprovable) {
      it(`${c.name}: exit 1, "cannot prove completeness", status unprovable`, async () => {
        writeLog(5);
        c.tamper();
        const run = await runCli(['audit', 'verify', '--file', file], { env });
        assert.equal(run.code, 1);
        assert.match(run.stdout, c.message);
        const json = await runCli(['audit', 'verify', '--file', file, '--json'], { env });
        assert.deepEqual([json.code, (JSON.parse(json.stdout) as { status: string }).status], [1, 'unprovable']);
      });
    }

    it('a torn last line from a crash: exit 0 with a warning, not tampering', async () => {
      writeLog(4);
      appendFileSync(file, '{"v":1,"seq":5,"ti');
      const run = await runCli(['audit', 'verify', '--file', file], { env });
      assert.equal(run.code, 0);
      assert.match(run.stderr, /^warning: the last line of .* \(line 5, 18 bytes\) is incomplete: a write was cut off by a crash/);
      assert.match(run.stdout, /ok: the hash chain is intact/);
      const json = JSON.parse((await runCli(['audit', 'verify', '--file', file, '--json'], { env })).stdout) as { status: string };
      assert.equal(json.status, 'intact-with-warnings');
    });

    it('no log: exit 1', async () => {
      const run = await runCli(['audit', 'verify', '--file', join(root, 'none.jsonl')], { env });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /no audit log at/);
      const workspace = await runCli(['audit', 'verify', '--workspace', root], { env });
      assert.equal(workspace.code, 1);
    });

    it('usage errors: exit 2', async () => {
      assert.equal((await runCli(['audit', 'verify', '--file', file, '--workspace', root], { env })).code, 2);
      assert.equal((await runCli(['audit', 'verify', '--workspace', join(root, 'missing')], { env })).code, 2);
      assert.equal((await runCli(['audit', 'frobnicate'], { env })).code, 2);
    });
  });

  describe('tail', () => {
    it('prints the last entries, oldest first, one readable line each', async () => {
      writeLog(5);
      const run = await runCli(['audit', 'tail', '-n', '4', '--file', file], { env });
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 4);
      assert.equal(lines[0], '2026-11-23 09:00:02.000  #2  user    deny   approval.answer  src/app.ts  — denied by the user  [instruction-override]');
      assert.match((lines[3] ?? '').replace(/ +/g, ' '), /^2026-11-23 09:00:0\d\.000 #5 agent allow tool\.fs\.read src\/f5\.ts \(rule \*\*\)$/);
    });

    it('--json prints the entries as stored, one per line', async () => {
      writeLog(3);
      const run = await runCli(['audit', 'tail', '--json', '--file', file], { env });
      const entries = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; hash: string });
      assert.deepEqual(entries.map((entry) => entry.seq), [1, 2, 3]);
      assert.ok(entries.every((entry) => /^[0-9a-f]{64}$/.test(entry.hash)));
    });

    it('reads back across rotated files', async () => {
      let tick = 0;
      const log = new AuditLog({ file, keyFile: auditKeyPath(env.AIRLOCK_CONFIG_DIR ?? '', file), maxFileBytes: 1024, now: () => new Date((tick += 1000)) });
      for (let index = 0; index < 30; index++) log.append({ actor: 'agent', action: 'tool.x', target: `t${index}` });
      log.close();
      const run = await runCli(['audit', 'tail', '-n', '25', '--json', '--file', file], { env });
      const seqs = run.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);
      assert.deepEqual(seqs, Array.from({ length: 25 }, (_, index) => index + 6));
    });

    it('never lets a hand-edited line drive the terminal or show a secret', async () => {
      writeLog(1);
      appendFileSync(file, `${JSON.stringify({ v: 1, seq: 2, time: '2026-11-23T09:00:09.000Z', actor: 'agent', action: 'x', target: '\u001b[2J\u202eevil ghp_16C7e42F292c6912E7710c838347Ae178B4a', prevHash: '0'.repeat(64), hash: '1'.repeat(64) })}\n`);
      const run = await runCli(['audit', 'tail', '--file', file], { env });
      assert.ok(!run.stdout.includes('\u001b') && !run.stdout.includes('\u202e') && !run.stdout.includes('ghp_'), run.stdout);
      assert.match(run.stdout, /\\u001b\[2J\\u202eevil \[REDACTED:github-token\]/);
    });

    it('-n must be a positive whole number', async () => {
      writeLog(1);
      const run = await runCli(['audit', 'tail', '-n', '0', '--file', file], { env });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /expected a whole number/);
    });
  });
});
