/** Why a command line got its verdict: a stable code for the audit log and tests. */
export type CommandReasonCode =
  | 'empty'
  | 'deny-rule'
  | 'approval-rule'
  | 'unjudgeable'
  | 'wrapper'
  | 'assignment'
  | 'glob'
  | 'no-rule'
  | 'too-deep'
  | 'unsandboxed'
  | 'allow-rule';

/** The judge's decision on a whole command line. `reason` is a sentence naming the rule and the part. */
export interface CommandVerdict {
  readonly verdict: 'allow' | 'ask' | 'deny';
  readonly code: CommandReasonCode;
  readonly reason: string;
  /** The policy rule that decided, when one did (`commands.deny "rm -rf *"`). */
  readonly rule?: string;
}
