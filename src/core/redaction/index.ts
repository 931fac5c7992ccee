/** Secret redaction: pure TypeScript, no Node APIs, linear in its input. */
export { countKinds, DEFAULT_MAX_REDACT_CHARS, redact, redactAssignedValue, type Redaction, type RedactionResult, type RedactOptions } from './redact';
export { redactJson, type JsonRedactionResult, type JsonValue } from './redactJson';
export { redactionMarker, SECRET_KINDS, type SecretKind } from './secretKinds';
