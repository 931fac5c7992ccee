import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEvent, AuditSink } from './auditSink';

/**
 * Appends one JSON line per event. Synchronous on purpose: an entry is on disk before the
 * action it records goes ahead. A write failure is reported, never swallowed.
 */
export class JsonlAuditLog implements AuditSink {
  private sequence = 0;

  constructor(
    private readonly file: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  record(event: AuditEvent): void {
    const entry = { seq: ++this.sequence, time: new Date().toISOString(), ...event };
    try {
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
    } catch (error) {
      this.onError(error);
    }
  }
}
