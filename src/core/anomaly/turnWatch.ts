import type { ToolCallOutcome } from '../agent/toolRunner';
import type { AuditSink } from '../audit/auditSink';
import type { AnomalyThresholds } from '../policy/policySchema';
import type { AnomalyAnswer, AnomalyPrompt, TurnActivity } from './anomaly';
import { AnomalyDetector } from './anomalyDetector';
import { toolActivity } from './toolActivity';

/**
 * Watches one turn for anomalies: the chat loop tells it what was sent and what each tool call
 * did; when a threshold is reached the turn waits while the user is asked whether to stop or go
 * on. Both the pause and the answer are audited. An unanswered question (the turn was stopped
 * meanwhile) is a stop.
 */
export class TurnWatch {
  private readonly detector: AnomalyDetector;
  private stoppedAt: string | undefined;

  constructor(thresholds: AnomalyThresholds, private readonly prompt: AnomalyPrompt, private readonly audit: AuditSink) {
    this.detector = new AnomalyDetector(thresholds);
  }

  /** What tripped, when the user chose Stop: said under the stopped turn. */
  get stopReason(): string | undefined {
    return this.stoppedAt;
  }

  /** The user's message (with its attachments) is about to be sent. */
  sending(text: string, signal: AbortSignal): Promise<AnomalyAnswer> {
    return this.observe([{ type: 'sent', bytes: Buffer.byteLength(text) }], signal);
  }

  /** A tool call ended; its result goes to the model next. */
  toolDone(outcome: ToolCallOutcome, signal: AbortSignal): Promise<AnomalyAnswer> {
    return this.observe(toolActivity(outcome), signal);
  }

  private async observe(activity: readonly TurnActivity[], signal: AbortSignal): Promise<AnomalyAnswer> {
    for (const event of activity) {
      const anomaly = this.detector.observe(event);
      if (anomaly === undefined) continue;
      const detail = { kind: anomaly.kind, setting: anomaly.setting, count: anomaly.count, threshold: anomaly.threshold };
      this.audit.record({ actor: 'system', action: 'anomaly.pause', target: anomaly.setting, decision: 'ask', reason: anomaly.message, detail });
      const answer = signal.aborted ? 'stop' : await this.prompt.ask(anomaly, signal).catch((): AnomalyAnswer => 'stop');
      this.audit.record({ actor: 'user', action: 'anomaly.answer', target: anomaly.setting, decision: answer === 'continue' ? 'allow' : 'deny', reason: answer === 'continue' ? 'continued the turn; this threshold is raised for the rest of it' : 'stopped the turn', detail });
      if (answer === 'stop') {
        this.stoppedAt = anomaly.message;
        return 'stop';
      }
      this.detector.raise(anomaly);
    }
    return 'continue';
  }
}
