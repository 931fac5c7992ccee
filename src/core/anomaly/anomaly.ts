/** What the agent did in a turn, as the anomaly detector counts it. */
export type TurnActivity =
  | { readonly type: 'toolCall' }
  | { readonly type: 'deniedRead' }
  | { readonly type: 'blockedRequest' }
  /** New data sent to the model: the user's message with its attachments, a tool result. */
  | { readonly type: 'sent'; readonly bytes: number }
  /** Data the file tools read from the workspace. */
  | { readonly type: 'read'; readonly bytes: number };

export type AnomalyKind = 'denied-reads' | 'blocked-requests' | 'tool-calls' | 'sent-volume' | 'read-volume';

/** A threshold of the policy's `anomalies` section that this turn reached. */
export interface Anomaly {
  readonly kind: AnomalyKind;
  /** The policy field, e.g. `anomalies.deniedFileReadsPerTurn`. */
  readonly setting: string;
  /** How much of it the turn has seen, and the threshold it reached (in bytes for the volumes). */
  readonly count: number;
  readonly threshold: number;
  /** In words, for the notification and the audit log. */
  readonly message: string;
}

/** The user's answer to a paused turn. */
export type AnomalyAnswer = 'stop' | 'continue';

/** The core's port to whoever asks the user whether a paused turn goes on (a modal in VS Code). */
export interface AnomalyPrompt {
  ask(anomaly: Anomaly, signal: AbortSignal): Promise<AnomalyAnswer>;
}
