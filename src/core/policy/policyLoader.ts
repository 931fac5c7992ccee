import { isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { suggestKey } from './keySuggestion';
import { checkPolicy, type PolicyFileKind } from './policyChecks';
import { formatDiagnostic, PolicyError, type PolicyDiagnostic, type PolicyErrorCode, type PolicyLocation } from './policyError';
import { policyOverlaySchema, policyPackSchema, type PolicyOverlay, type PolicyPack } from './policySchema';
import { fieldAtOffset, formatFieldPath, locateField, type FieldPath } from './yamlLocation';
import { ownValue } from './keyedRecord';

/** Policy files are a few kilobytes; anything far larger is a mistake or an attack on the parser. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/**
 * Aliases may share a list between sections, but each one expands on load: a handful of nested
 * aliases is a billion laughs. yaml counts expansions against the document's size; this caps it.
 */
const MAX_ALIAS_COUNT = 50;

export interface PolicySourceText {
  readonly text: string;
  /** The path shown in messages (workspace-relative for overlays, so links stay short). */
  readonly file: string;
  /** The pack the file must be named for: its file name, without `.yaml`. */
  readonly expectedName?: string;
}

/** A file that parsed and validated; `locate` maps a field path back to its line. */
export interface ParsedPolicy<T> {
  readonly ok: true;
  readonly value: T;
  readonly warnings: readonly string[];
  readonly locate: (path: FieldPath) => PolicyLocation;
}

export interface InvalidPolicy {
  readonly ok: false;
  readonly errors: readonly PolicyError[];
  readonly warnings: readonly string[];
}

export type PolicyParseResult<T> = ParsedPolicy<T> | InvalidPolicy;

/** Parses a complete pack (a built-in pack, or a file `airlock policy validate` is given). */
export function parsePack(source: PolicySourceText): PolicyParseResult<PolicyPack> {
  return parsePolicy(source, 'pack', policyPackSchema);
}

/** Parses a workspace overlay or the managed file: every field optional, nothing defaulted. */
export function parseOverlay(source: PolicySourceText, kind: 'overlay' | 'managed' = 'overlay'): PolicyParseResult<PolicyOverlay> {
  return parsePolicy(source, kind, policyOverlaySchema);
}

/**
 * YAML text to a validated policy. In order: size, YAML syntax (duplicate keys, tags and
 * multiple documents are errors), alias expansion, the zod schema, then the semantic checks
 * (checkPolicy). Every error names the file, line, column and field; all of a stage's errors are
 * reported together so one run shows everything to fix.
 */
function parsePolicy<T>(source: PolicySourceText, kind: PolicyFileKind, schema: z.ZodType<T>): PolicyParseResult<T> {
  if (Buffer.byteLength(source.text, 'utf8') > MAX_POLICY_BYTES) {
    return invalid([{ code: 'POLICY_TOO_LARGE', file: source.file, detail: `the file is larger than ${MAX_POLICY_BYTES / 1024} KiB; policy files are small` }]);
  }
  const lines = new LineCounter();
  const document = parseDocument(source.text, { lineCounter: lines, uniqueKeys: true, stringKeys: true, prettyErrors: false, strict: true });
  const at = (path: FieldPath, atKey = false): PolicyLocation => ({ file: source.file, ...locateField(document, lines, path, atKey), field: formatFieldPath(path) });

  const yamlProblems = [...document.errors, ...document.warnings].map((problem) => yamlDiagnostic(problem, document, lines, source.file));
  if (yamlProblems.length > 0) return invalid(yamlProblems);
  const prototypeKeys = prototypeKeyDiagnostics(document, lines, source.file);
  if (prototypeKeys.length > 0) return invalid(prototypeKeys);
  if (document.contents === null) return invalid([{ code: 'POLICY_SCHEMA', file: source.file, line: 1, column: 1, detail: 'the file is empty; a policy file starts with "version: 1"' }]);

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return invalid([{ code: 'POLICY_ALIAS_LIMIT', file: source.file, line: 1, column: 1, detail: `the aliases (*name) expand to too much data (${reason}); write the lists out instead` }]);
  }

  const parsed = schema.safeParse(data);
  if (!parsed.success) return invalid(parsed.error.issues.flatMap((issue) => schemaDiagnostics(issue, schema, at)));

  const findings = checkPolicy(parsed.data as PolicyOverlay, kind, source.expectedName);
  const toDiagnostic = (finding: (typeof findings)[number]): PolicyDiagnostic => ({ code: finding.code, ...at(finding.path), detail: finding.detail });
  const errors = findings.filter((finding) => finding.severity === 'error').map(toDiagnostic);
  const warnings = findings.filter((finding) => finding.severity === 'warning').map((finding) => formatDiagnostic(toDiagnostic(finding)));
  if (errors.length > 0) return invalid(errors, warnings);
  return { ok: true, value: parsed.data, warnings, locate: (path) => at(path) };
}

/**
 * A key named `__proto__` is refused where it is written. The schema's records drop it without a
 * word (assigning it would replace the object's prototype), so a rule under that name, such as
 * the risk of an MCP tool called `__proto__`, would silently not exist. Every other name
 * (`constructor`, `toString`…) is an ordinary key.
 */
function prototypeKeyDiagnostics(document: Document.Parsed, lines: LineCounter, file: string): PolicyDiagnostic[] {
  const offsets: number[] = [];
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__' && pair.key.range) offsets.push(pair.key.range[0]);
    },
  });
  return offsets.map((offset) => {
    const position = lines.linePos(offset);
    const detail = 'a key named "__proto__" cannot be read safely (JavaScript takes it for the object\'s prototype, so the rule would be dropped); for an MCP tool of that name, write a pattern such as "__proto_?"';
    return { code: 'POLICY_SCHEMA', file, line: position.line, column: position.col, field: formatFieldPath(fieldAtOffset(document, offset)), detail };
  });
}

/** Errors in file order, so the output reads top to bottom like the file. */
function invalid(diagnostics: readonly PolicyDiagnostic[], warnings: readonly string[] = []): InvalidPolicy {
  const ordered = [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, errors: ordered.map((diagnostic) => new PolicyError(diagnostic)), warnings };
}

function yamlDiagnostic(problem: YAMLError, document: Document.Parsed, lines: LineCounter, file: string): PolicyDiagnostic {
  const position = lines.linePos(problem.pos[0]);
  const code: PolicyErrorCode = problem.code === 'DUPLICATE_KEY' ? 'POLICY_DUPLICATE_KEY' : 'POLICY_YAML_SYNTAX';
  const detail = ownValue(YAML_DETAILS, problem.code) ?? firstLine(problem.message);
  // After a syntax error the structure is a guess; a field name would point at the wrong place.
  const field = FIELD_KNOWN.has(problem.code) ? formatFieldPath(fieldAtOffset(document, problem.pos[0])) : undefined;
  return { code, file, line: position.line, column: position.col, field, detail };
}

/** yaml problems found in a well-formed structure, where the field path is reliable. */
const FIELD_KNOWN: ReadonlySet<YAMLError['code']> = new Set(['DUPLICATE_KEY', 'TAG_RESOLVE_FAILED', 'NON_STRING_KEY']);

/** yaml's wording where it speaks to programmers rather than to the person editing the file. */
const YAML_DETAILS: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'this key appears twice in the same mapping; YAML would silently keep one of them, so merge the two entries',
  MULTIPLE_DOCS: 'a policy file holds one YAML document; remove the "---" separator and what follows or merge it',
};

/** yaml appends a source excerpt to some messages; the location is reported separately. */
function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

type Locator = (path: FieldPath, atKey?: boolean) => PolicyLocation;

function schemaDiagnostics(issue: z.core.$ZodIssue, schema: z.ZodType, at: Locator): PolicyDiagnostic[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const suggestion = suggestKey(schema, issue.path, key);
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      return { code: 'POLICY_SCHEMA', ...at([...issue.path, key], true), detail: `unknown field "${key}"${hint}` };
    });
  }
  if (issue.code === 'invalid_key') {
    const reasons = issue.issues.map((inner) => inner.message).join('; ');
    return [{ code: 'POLICY_SCHEMA', ...at(issue.path, true), detail: `invalid key "${String(issue.path.at(-1))}": ${reasons}` }];
  }
  return [{ code: 'POLICY_SCHEMA', ...at(issue.path), detail: readableMessage(issue) }];
}

/** zod's wording for a missing field ("expected string, received undefined") says it backwards. */
function readableMessage(issue: z.core.$ZodIssue): string {
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(issue.message);
  return missing ? `is required (${missing[1]})` : issue.message;
}
