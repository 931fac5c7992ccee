import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryHash, verifyAuditLog, type AuditEntry, type AuditVerification } from '../../../../src/core/audit';
import type { AuditKey } from '../../../../src/core/audit/auditKey';
import { AuditLog, type AuditLogOptions } from '../../../../src/core/audit/auditLog';
import type { AuditEvent } from '../../../../src/core/audit/auditSink';

/** A folder for one test's log, removed afterwards. */
export class AuditFolder {
  readonly root = mkdtempSync(join(tmpdir(), 'airlock-audit-'));
  readonly file = join(this.root, 'audit.jsonl');
  /** The sealing key, in a folder of its own as in the user's config folder. */
  readonly keyFile = join(this.root, 'keys', 'log.json');

  /** Opens a log here with a clock that ticks one second per entry. */
  open(options: Partial<AuditLogOptions> = {}): AuditLog {
    let tick = Date.UTC(2026, 10, 23, 12, 0, 0);
    return new AuditLog({ file: this.file, keyFile: this.keyFile, now: () => new Date((tick += 1000)), ...options });
  }

  /** Verifies as the CLI does (the key file), or as the extension does (with its anchor too). */
  verify(anchor?: AuditKey): AuditVerification {
    return verifyAuditLog(this.file, { keyFile: this.keyFile, ...(anchor === undefined ? {} : { anchor }) });
  }

  /** Writes `count` entries (every fourth a denial) and closes the log. */
  write(count: number, options: Partial<AuditLogOptions> = {}): void {
    const log = this.open(options);
    for (let index = 1; index <= count; index++) log.append(sampleEvent(index));
    log.close();
  }

  path(name: string): string {
    return join(this.root, name);
  }

  lines(name = 'audit.jsonl'): string[] {
    const text = readFileSync(this.path(name), 'utf8');
    return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  }

  setLines(lines: readonly string[], name = 'audit.jsonl'): void {
    writeFileSync(this.path(name), lines.map((line) => `${line}\n`).join(''));
  }

  entries(name = 'audit.jsonl'): AuditEntry[] {
    return this.lines(name).map((line) => JSON.parse(line) as AuditEntry);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export function sampleEvent(index: number): AuditEvent {
  return index % 4 === 0
    ? { actor: 'agent', action: 'tool.fs.write', target: `src/file${index}.ts`, decision: 'deny', reason: 'denied-by-rule', rule: '**/.env' }
    : { actor: 'agent', action: 'tool.fs.read', target: `src/file${index}.ts`, decision: 'allow', reason: 'allowed', rule: '**', detail: { bytes: index * 100 } };
}

/** An entry with one field changed and its own hash recomputed (its seal kept): what a forger without the key can do. */
export function rehashed(line: string, change: Partial<AuditEntry>): string {
  const entry = { ...(JSON.parse(line) as AuditEntry), ...change } as Record<string, unknown>;
  return JSON.stringify({ ...entry, hash: entryHash(entry) });
}
