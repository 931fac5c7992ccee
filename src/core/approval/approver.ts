import type { RiskLevel } from '../policy/policySchema';

/** What the user is asked to allow: one tool, one exact target, with the facts to decide on. */
export interface ApprovalRequest {
  readonly tool: string;
  readonly risk: RiskLevel;
  /** The exact thing the grant covers, e.g. a file path or `allow example.com for web.fetch`. */
  readonly target: string;
  readonly title: string;
  readonly detail: string;
  /** Offered only when the policy permits session grants for this request. */
  readonly allowSession: boolean;
  /** The allow button's words when "Allow once" would mislead, e.g. a firewall rule that stays in the file. */
  readonly allowLabel?: string;
  /**
   * The change outlives the answer (a rule written to the policy): recorded as a permanent
   * allow, never as "allow once", and never remembered as a session grant.
   */
  readonly permanent?: boolean;
  /** For edits: what each file holds now and what it would hold, so the user can open a diff. */
  readonly diffs?: readonly ApprovalDiff[];
}

/** One file of a proposed edit: its path, its text now and its text after (empty: none). */
export interface ApprovalDiff {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** The diff editor's title when "current ↔ proposed by the agent" would be wrong (a server's changed definition). */
  readonly title?: string;
}

export type ApprovalAnswer =
  | { readonly verdict: 'allow-once' | 'allow-session' }
  | {
      readonly verdict: 'deny';
      readonly reason?: string;
      /** No person answered (a timeout, a cancelled turn, a dialog or client that could not ask): still a denial, but not the user's. */
      readonly unanswered?: boolean;
    };

/** The core's port to whoever asks the user: a modal dialog in VS Code, a prompt in a CLI. */
export interface Approver {
  ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}
