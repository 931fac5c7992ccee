import { redact, redactAssignedValue, type RedactOptions } from './redact';
import type { SecretKind } from './secretKinds';
import { classifySecretName, isMetaName } from './secretNames';

/** A value JSON can hold. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface JsonRedactionResult {
  readonly value: JsonValue;
  /** Kind of every redaction made, in document order. */
  readonly kinds: readonly SecretKind[];
}

/**
 * Redacts every string in a JSON value: keys, array items and field values. A field's value is
 * judged with its key as the name (`{ "password": "hunter2" }` is a secret though "hunter2"
 * alone is not); an array inherits the key of the field that holds it, and so does a field of an
 * object held by a secret's name whose own key names nothing (`"credentials": {"key": "4c0d…"}`
 * is judged as `credentials`), unless that key describes one (`client_id`, `token_uri`).
 */
export function redactJson(value: JsonValue, options: RedactOptions = {}): JsonRedactionResult {
  const kinds: SecretKind[] = [];
  return { value: walk(value, undefined, kinds, options), kinds };
}

function walk(value: JsonValue, key: string | undefined, kinds: SecretKind[], options: RedactOptions): JsonValue {
  if (typeof value === 'string') {
    const result = key === undefined ? redact(value, options) : redactAssignedValue(key, value, options);
    for (const redaction of result.redactions) kinds.push(redaction.kind);
    return result.text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (isArray(value)) return value.map((item) => walk(item, key, kinds, options));
  const secretHolder = key !== undefined && (classifySecretName(key)?.nameClass ?? 'weak') !== 'weak';
  const fields = Object.entries(value).map(([field, fieldValue]): [string, JsonValue] => {
    const redactedKey = redact(field, options);
    for (const redaction of redactedKey.redactions) kinds.push(redaction.kind);
    const inherits = secretHolder && classifySecretName(field) === undefined && !isMetaName(field);
    return [redactedKey.text, walk(fieldValue, inherits ? key : field, kinds, options)];
  });
  // fromEntries defines own properties: assigning a key such as "__proto__" from the data would
  // set the copy's prototype instead, and the field would vanish from what is logged.
  return Object.fromEntries(fields);
}

function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}
