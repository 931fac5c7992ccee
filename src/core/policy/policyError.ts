/** Stable codes for what can be wrong with a policy file; the UI and the CLI may switch on them. */
export type PolicyErrorCode =
  | 'POLICY_READ_FAILED'
  | 'POLICY_TOO_LARGE'
  | 'POLICY_YAML_SYNTAX'
  | 'POLICY_DUPLICATE_KEY'
  | 'POLICY_ALIAS_LIMIT'
  | 'POLICY_SCHEMA'
  | 'POLICY_UNSAFE_RULE'
  | 'POLICY_NAME_MISMATCH'
  | 'POLICY_UNKNOWN_PACK'
  | 'POLICY_OUTSIDE_WORKSPACE'
  | 'POLICY_MERGE_FAILED';

/** Where in a file a problem is: 1-based line and column, and the field path (`egress.allow[0]`). */
export interface PolicyLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
}

/** A problem found in a policy file, before it becomes an error or a warning. */
export interface PolicyDiagnostic extends PolicyLocation {
  readonly code: PolicyErrorCode;
  readonly detail: string;
}

/**
 * A policy file that cannot be used. The message is the whole diagnostic in the form editors
 * and terminals link: `file:line:column: field: detail`.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: PolicyErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly detail: string;

  constructor(diagnostic: PolicyDiagnostic) {
    super(formatDiagnostic(diagnostic));
    this.code = diagnostic.code;
    this.file = diagnostic.file;
    this.line = diagnostic.line;
    this.column = diagnostic.column;
    this.field = diagnostic.field;
    this.detail = diagnostic.detail;
  }
}

/** `file:line:column: field: detail`, leaving out the parts that are unknown. */
export function formatDiagnostic(diagnostic: PolicyDiagnostic): string {
  const place = [diagnostic.file, diagnostic.line, diagnostic.line === undefined ? undefined : diagnostic.column]
    .filter((part) => part !== undefined)
    .join(':');
  const field = diagnostic.field === undefined || diagnostic.field === '' ? '' : `${diagnostic.field}: `;
  return `${place}: ${field}${diagnostic.detail}`;
}
