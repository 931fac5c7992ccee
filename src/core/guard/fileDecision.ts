/** What the agent wants to do with a path: read a file, write (create, change, delete) it, or list a folder. */
export type FileMode = 'read' | 'write' | 'list';

/** Why a path was allowed or refused: stable codes for the audit log, the CLI and the UI. */
export type FileReason =
  | 'allowed'
  | 'no-workspace'
  | 'invalid-path'
  | 'outside-workspace'
  | 'unresolvable-path'
  | 'dangling-symlink'
  | 'symlink-escape'
  | 'control-file'
  | 'denied-by-rule'
  | 'readonly'
  | 'not-a-file'
  | 'not-a-directory'
  | 'not-allowed-by-rule'
  | 'extension-not-allowed'
  | 'too-large'
  | 'hard-link'
  | 'invalid-size'
  | 'changed-since-decision'
  | 'guard-error';

/**
 * A decision is a value: the verdict, a stable reason, the glob that decided (when one did), the
 * resolved absolute path that was judged (when it got that far) and a sentence a person can read.
 */
export interface FileDecision {
  readonly decision: 'allow' | 'deny';
  readonly reason: FileReason;
  readonly rule?: string;
  readonly path?: string;
  readonly detail: string;
}

/** Where a decision was reached: the glob that decided and the resolved path, when known. */
export interface DecisionContext {
  readonly rule?: string;
  readonly path?: string;
}

export function allowFile(detail: string, context: DecisionContext = {}): FileDecision {
  return { decision: 'allow', reason: 'allowed', ...definedFields(context), detail };
}

export function denyFile(reason: Exclude<FileReason, 'allowed'>, detail: string, context: DecisionContext = {}): FileDecision {
  return { decision: 'deny', reason, ...definedFields(context), detail };
}

/** Keeps `rule` and `path` out of the value when unknown, so decisions serialise without nulls. */
function definedFields(context: DecisionContext): DecisionContext {
  return {
    ...(context.rule === undefined ? {} : { rule: context.rule }),
    ...(context.path === undefined ? {} : { path: context.path }),
  };
}
