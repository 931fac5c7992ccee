/** Words that stand for a value rather than being one. */
const PLACEHOLDER_WORDS = new Set([
  'null', 'nil', 'none', 'undefined', 'true', 'false', 'yes', 'no', 'on', 'off',
  'changeme', 'change-me', 'change_me', 'placeholder', 'redacted', 'secret', 'password', 'token', 'example',
  'xxx', 'todo', 'tbd', 'required', 'optional', 'string', 'str', 'number', 'int', 'bool', 'boolean', 'any', 'unknown',
  'bytes', 'env', 'default', 'empty', 'dummy', 'test', 'mask', 'masked', 'hidden', 'sensitive',
]);

/**
 * A value that refers to a secret instead of holding one: an environment or template variable
 * (`${TOKEN}`, `$TOKEN`, `%TOKEN%`, `{{ secrets.X }}`, `<your-key>`), an earlier redaction, a run
 * of mask characters, or a type or keyword. Redacting these would only hide useful text.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (PLACEHOLDER_WORDS.has(trimmed.toLowerCase())) return true;
  if (trimmed.startsWith('[REDACTED')) return true;
  // Whole-value variable references only: `${X} password=real` must still be redacted.
  if (/^\$\{[^{}]{1,200}\}$|^\$\(\([^()]{0,200}\)\)$|^\$\([^()]{1,200}\)$|^\$[A-Za-z_][A-Za-z0-9_]{0,200}$/.test(trimmed)) return true;
  if (/^%[A-Za-z_][A-Za-z0-9_]{0,200}%$|^\{\{[^{}]{0,200}\}\}$|^\$\{\{[^{}]{0,200}\}\}$|^<[^<>]{1,200}>$|^<%[^%]{0,200}%>$/.test(trimmed)) return true;
  // Mask characters and ellipses: ****, xxxxxx, ......, ••••, …
  if (/^([*x•.#-])\1{2,}$/i.test(trimmed) || /^…+$/.test(trimmed)) return true;
  // "your-api-key-here", "your_token", "<insert …>"
  if (/^(?:your|my|insert|enter|put|replace)[-_ ]/i.test(trimmed) || /[-_ ]here$/i.test(trimmed)) return true;
  // Reading it from the environment or a secret store: process.env.X, os.environ["X"], env("X"), secrets.X
  if (/^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env|getenv|secrets|vault)\b[.[(]/.test(trimmed)) return true;
  return false;
}
