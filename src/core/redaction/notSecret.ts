/**
 * Values shaped like secrets that are not, so redacting them only hides useful text: keys vendors
 * publish in their documentation (AKIAIOSFODNN7EXAMPLE), a vendor prefix followed by filler
 * (ghp_xxxx…, AKIAXXXXXXXXXXXXXXXX), a key cut short for display (sk-...,
 * ghp_...abcd), and keys that are public by design (Stripe's publishable pk_live_ keys).
 */

/** Published in vendors' documentation and samples, copied into countless READMEs and tests. */
const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

const PUBLIC_BY_DESIGN = /^pk_(?:live|test)_[0-9A-Za-z]{10,247}$/;
/** `sk-...`, `sk-proj-...`, `ghp_...abcd`, `sk-ant-…`: a prefix, maybe a few characters, an ellipsis. */
const TRUNCATED = /^(?:[A-Za-z0-9]{1,10}[-_]){1,3}[A-Za-z0-9]{0,8}(?:\.{3,}|…)[A-Za-z0-9]{0,8}$/;
/** Up to three prefix parts (`sk-`, `sk-proj-`, `xoxb-`), each short; what follows is the body. */
const VENDOR_PREFIX = /^(?:[A-Za-z0-9]{1,10}[-_.]){1,3}/;

/** A shaped token (its body after the vendor prefix) that is an example or filler. */
export function isExampleToken(token: string, body: string): boolean {
  return isDocumentedExample(token, /example/i) || isFiller(body);
}

/** A value assigned to a secret-looking name that is an example, filler, cut short, or public. */
export function isNotSecretValue(value: string): boolean {
  // Only EXAMPLE in capitals here: a password or URL may well contain the word.
  if (isDocumentedExample(value, /EXAMPLE/) || PUBLIC_BY_DESIGN.test(value) || TRUNCATED.test(value)) return true;
  const prefix = VENDOR_PREFIX.exec(value);
  return prefix !== null && value.length - prefix[0].length >= 8 && isFiller(value.slice(prefix[0].length));
}

/** In the list, or saying so itself as AWS's examples do (…EXAMPLE, …EXAMPLEKEY): a random key spells it about once in 10⁹. */
function isDocumentedExample(value: string, says: RegExp): boolean {
  return DOCUMENTED_EXAMPLES.has(value) || says.test(value);
}

/**
 * Repeated or filler characters, judged on the letters and digits (case ignored): at most two
 * different ones (xxxx, 0000-xxxx), or one making up 60 % or more (XXXXXXXX1234). A random body
 * of 16 characters or more is neither. (A counting sequence such as 0123456789abcdef is left to
 * be redacted: tests use it as a made-up secret.)
 */
function isFiller(body: string): boolean {
  const chars = body.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (chars.length < 4) return false;
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts.size <= 2 || Math.max(...counts.values()) >= 0.6 * chars.length;
}
