/**
 * The model's arguments for an MCP tool, checked against the input schema the user approved
 * (the pinned one, never a later listing) with ajv. A schema ajv cannot compile (an unknown
 * dialect, a `$ref` to somewhere else, a `pattern` whose backtracking has no safe bound) refuses
 * every call of the tool: fail closed. A string longer than its pattern is safely tested on
 * refuses the call.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { checkPattern } from './safePattern';

export type ArgumentCheck = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly at?: string };

/**
 * One instance per dialect. Schemas come from servers: formats are annotations only (no slow
 * format checks), unknown keywords are allowed, and no schema is registered by its `$id`, so one
 * server's schema cannot stand in for another's `$ref`.
 */
const OPTIONS = { strict: false, allErrors: false, validateFormats: false, addUsedSchema: false, code: { regExp: boundedRegExp() } } as const;
const dialects = { draft07: new Ajv(OPTIONS), draft2019: new Ajv2019(OPTIONS), draft2020: new Ajv2020(OPTIONS) };

/** Compiled validators by pin: a pinned schema never changes, so it is compiled once. */
const compiled = new Map<string, ValidateFunction | { readonly error: string }>();
const MAX_COMPILED = 2000;

export function checkMcpArguments(pin: string, schema: unknown, args: unknown): ArgumentCheck {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return { ok: false, error: 'the arguments must be a JSON object' };
  const validate = validatorFor(pin, schema);
  if ('error' in validate) return { ok: false, error: `the tool's approved input schema cannot be used (${validate.error}); no call is made` };
  try {
    if (validate(args)) return { ok: true };
  } catch (error) {
    if (error instanceof PatternLengthError) return { ok: false, error: error.message };
    throw error;
  }
  const first = validate.errors?.[0];
  return first ? { ok: false, error: describe(first), at: first.instancePath || '/' } : { ok: false, error: 'the arguments do not match the input schema' };
}

function validatorFor(pin: string, schema: unknown): ValidateFunction | { readonly error: string } {
  const known = compiled.get(pin);
  if (known) return known;
  let result: ValidateFunction | { readonly error: string };
  try {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('it is not a JSON object');
    const declared = (schema as { $schema?: unknown }).$schema;
    const dialect = typeof declared === 'string' ? declared : '';
    const ajv = dialect.includes('2020-12') ? dialects.draft2020 : dialect.includes('2019-09') ? dialects.draft2019 : dialects.draft07;
    result = ajv.compile(schema);
  } catch (error) {
    result = { error: error instanceof Error ? error.message.slice(0, 200) : 'it does not compile' };
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(pin, result);
  return result;
}

/** Ajv's own words, with the place; never the value, which the model wrote and may be long, nor the server's pattern. */
function describe(error: ErrorObject): string {
  if (error.keyword === 'pattern') return `${error.instancePath || 'the arguments'} must match the pattern the schema sets`;
  return `${error.instancePath || 'the arguments'} ${error.message ?? 'are invalid'}`;
}

class PatternLengthError extends Error {}

/**
 * Ajv's engine for `pattern` and `patternProperties`: a pattern is compiled only when its
 * backtracking is bounded (safePattern), and tested only on strings up to the length that bound
 * allows. The refusal names neither the pattern (the server's text) nor the value (the model's).
 */
function boundedRegExp(): RegExpEngine {
  const engine = (pattern: string, flags: string) => {
    const check = checkPattern(pattern);
    if (!check.ok) throw new Error(`a "pattern" in it is refused: ${check.reason}`);
    const regExp = new RegExp(pattern, flags);
    return {
      test: (text: string): boolean => {
        if (text.length > check.maxLength) throw new PatternLengthError(`a string of ${text.length} characters is longer than Airlock tests against one of the schema's patterns (at most ${check.maxLength}, so that matching stays fast); no call is made`);
        return regExp.test(text);
      },
      // Ajv keys its compiled patterns by this text.
      toString: () => regExp.toString(),
    };
  };
  return Object.assign(engine, { code: 'airlockBoundedRegExp' });
}
