import type { AuditEvent, AuditSink } from '../audit/auditSink';
import type { EgressBlockedError } from './egressBlockedError';
import type { EgressDecision } from './egressDecision';
import type { EgressLimitError } from './egressLimitError';

/** Writes SafeFetch's decisions to the audit log; every URL in it is already redacted. */
export class EgressAudit {
  constructor(
    private readonly sink: AuditSink | undefined,
    private readonly actor: AuditEvent['actor'],
    private readonly tool: string,
  ) {}

  /** Takes the URL lazily: redaction is only worth doing when there is a log to write. */
  allowed(decision: EgressDecision, url: () => string, host: string, hop: number): void {
    if (this.sink === undefined) return;
    this.sink.record({ actor: this.actor, action: 'egress.allow', target: url(), decision: 'allow', reason: decision.reason, ...(decision.rule === undefined ? {} : { rule: decision.rule }), detail: { tool: this.tool, host, hop } });
  }

  blocked(error: EgressBlockedError): void {
    this.sink?.record({
      actor: this.actor,
      action: 'egress.block',
      target: error.url ?? error.host,
      decision: 'deny',
      reason: error.reason,
      ...(error.rule === undefined ? {} : { rule: error.rule }),
      detail: { tool: error.tool, host: error.host, message: error.detail },
    });
  }

  stopped(error: EgressLimitError): void {
    this.sink?.record({ actor: this.actor, action: 'egress.limit', target: error.url, decision: 'deny', reason: error.limit, detail: { tool: error.tool, message: error.detail } });
  }
}
