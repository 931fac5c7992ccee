/** One decision or event, as the audit log records it. */
export interface AuditEvent {
  readonly actor: 'user' | 'agent' | 'cli' | 'system';
  readonly action: string;
  readonly target?: string;
  readonly decision?: 'allow' | 'deny' | 'ask';
  readonly reason?: string;
  readonly rule?: string;
  /** Labels raised on the way, e.g. the content guard's categories (`instruction-override`). */
  readonly flags?: readonly string[];
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** The core's port to the audit log; adapters decide where entries are stored. */
export interface AuditSink {
  record(event: AuditEvent): void;
}
