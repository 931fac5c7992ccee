import type { Detection } from './detection';
import { isLowerCasePath, looksRandom, wordShape } from './entropy';
import { readMarkupValue } from './markupValues';
import { isNotSecretValue } from './notSecret';
import { isPlaceholder } from './placeholders';
import type { SecretKind } from './secretKinds';
import { classifySecretName, isMetaName, type SecretName } from './secretNames';

/**
 * Values assigned to secret-looking names, in every syntax code and configuration use:
 * `.env` (`API_TOKEN=…`), shell (`export DB_PASSWORD=…`), YAML (`password: …`), JSON
 * (`"apiKey": "…"`, and random values anywhere inside `"credentials": {…}`), code
 * (`secret = '…'`), flags (`--password …`), ADO connection strings (`…;Password=…;`), libpq
 * conninfo (`host=db password=…`), URL queries (`?password=…`), XML (`<password>…</password>`,
 * `key="ApiKey" value="…"`), `Authorization:` and vendor token headers (`X-API-Key: …`). What is
 * redacted depends on the name and on the context (see `decide`); only the value is replaced,
 * never the name.
 *
 * Linear: the scan jumps from one keyword hit to the next; each hit looks at most a bounded
 * distance back (the name) and forward (operator and value), and the next search starts after
 * everything this hit looked at. The object scan for `"credentials": {…}` is bounded too and
 * never reads a character a previous one read.
 */

/** Substrings every secret-looking name contains; a hit is only a candidate. */
const KEYWORD = /secret|token|pass|pwd|pw|credential|creds|key|auth|salt|cookie|session|signature/gi;
const MAX_NAME_CHARS = 128;
const MAX_VALUE_CHARS = 4096;
const MAX_GAP = 16;
/** Shorter literals are not passwords or keys worth hiding ('x', '\\', 'ab'), outside a strict .env line. */
const MIN_LITERAL_CHARS = 3;
const AUTH_SCHEMES = '(?:Bearer|Basic|Token|Digest|Bot|Key|ApiKey|SSWS)[ \\t]+';
const AUTH_SCHEME = new RegExp(`^${AUTH_SCHEMES}`, 'i');
const AUTH_SCHEME_STICKY = new RegExp(AUTH_SCHEMES, 'iy');

type Context = 'strict-env' | 'env' | 'yaml' | 'flag' | 'ado' | 'query' | 'header' | 'markup' | 'code';

interface Candidate {
  readonly name: string;
  readonly context: Context;
  readonly value: string;
  readonly valueStart: number;
  readonly quoted: boolean;
}

/** How far the object scans of this text have read: none reads a character twice. */
interface ScanState {
  objectScannedTo: number;
}

export function findSecretAssignments(text: string, into: Detection[]): void {
  const keyword = new RegExp(KEYWORD);
  const state: ScanState = { objectScannedTo: 0 };
  for (let hit = keyword.exec(text); hit !== null; hit = keyword.exec(text)) {
    const scanned = inspect(text, hit.index, into, state);
    keyword.lastIndex = Math.max(scanned, hit.index + 1);
  }
}

/** The detection for `value` known to be assigned to `name` (a structured field), if the name makes it a secret. */
export function assignedValueDetection(name: string, value: string): Detection | undefined {
  const secretName = classifySecretName(name);
  // A field named like an HTTP header (a headers object's `X-API-Key`) holds the header's value.
  return secretName === undefined ? undefined : decide({ name, context: HEADER_NAME.test(name) ? 'header' : 'code', value, valueStart: 0, quoted: true }, secretName);
}

/** Looks at the name around a keyword hit; returns the first index the next search may start at. */
function inspect(text: string, hitAt: number, into: Detection[], state: ScanState): number {
  let nameStart = hitAt;
  while (nameStart > 0 && hitAt - nameStart <= MAX_NAME_CHARS && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  let nameEnd = hitAt;
  while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (hitAt - nameStart > MAX_NAME_CHARS || nameEnd - nameStart > 2 * MAX_NAME_CHARS) return nameEnd;
  let start = nameStart;
  while (start < nameEnd && isDashOrDot(text.charCodeAt(start))) start++;
  let end = nameEnd;
  while (end > start && isDashOrDot(text.charCodeAt(end - 1))) end--;
  if (end === start) return nameEnd;
  const name = text.slice(start, end);
  // The name first: most hits are ordinary identifiers (monkey, keyboard, tokenizer), and the
  // value is only read, and skipped over, for a secret-looking name.
  const secretName = classifySecretName(name);
  if (secretName === undefined) return nameEnd;
  const flag = start > nameStart && text.charAt(nameStart) === '-';
  // `-pS3cret` is mysql's -p with its value attached, not a flag named "pS3cret".
  if (flag && start === nameStart + 1 && /[0-9]/.test(name)) return nameEnd;
  const candidate = readAssignment(text, nameStart, start, end, name, flag) ?? markupCandidate(text, nameStart, start, end, name);
  if (candidate === undefined) return nameEnd;
  if (candidate.value === '{' && secretName.nameClass !== 'weak') return scanSecretObject(text, candidate.valueStart, into, state);
  const detection = decide(candidate, secretName);
  if (detection !== undefined) into.push(detection);
  return Math.max(nameEnd, candidate.valueStart + candidate.value.length);
}

/**
 * `"credentials": {"key": "4c0d…", "region": "eu-west-1"}`: inside an object held by a secret's
 * name, a string value that looks random is a secret whatever its own key (unless that key
 * describes one: `client_id`, `token_uri`). Reads to the object's end, at most MAX_VALUE_CHARS,
 * starting where an earlier object scan stopped; returns where the keyword search goes on (the
 * object's start, so names inside it are judged as well).
 */
function scanSecretObject(text: string, open: number, into: Detection[], state: ScanState): number {
  // Inside an object an earlier scan read (as far as it went): nothing new to judge.
  if (open < state.objectScannedTo) return open + 1;
  const limit = Math.min(text.length, open + MAX_VALUE_CHARS);
  let depth = 0;
  let key: string | undefined;
  let index = open;
  for (; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x7b) depth++;
    else if (code === 0x7d && --depth === 0) break;
    else if (code === DOUBLE_QUOTE) {
      const close = closingQuote(text, index + 1, limit);
      const content = text.slice(index + 1, close);
      const isKey = text.charAt(skipBlanks(text, close + 1)) === ':';
      if (isKey) key = content;
      else if (key !== undefined && !isMetaName(key) && looksRandom(content)) into.push(span('high-entropy-secret', index + 1, content));
      index = close;
    }
  }
  state.objectScannedTo = index + 1;
  return open + 1;
}

function closingQuote(text: string, from: number, limit: number): number {
  let index = from;
  for (let code = text.charCodeAt(index); index < limit && code !== DOUBLE_QUOTE && code !== NEWLINE; code = text.charCodeAt(index)) index += code === BACKSLASH ? 2 : 1;
  return Math.min(index, limit);
}

/** A value XML gives a name (markupValues.ts): literal data, as in YAML. */
function markupCandidate(text: string, rawStart: number, nameStart: number, nameEnd: number, name: string): Candidate | undefined {
  if (rawStart !== nameStart) return undefined;
  const value = readMarkupValue(text, nameStart, nameEnd);
  return value === undefined ? undefined : { name, context: 'markup', value: value.text, valueStart: value.start, quoted: true };
}

/** Parses `name <op> value` after a name; undefined when no assignment follows. */
function readAssignment(text: string, rawStart: number, nameStart: number, nameEnd: number, name: string, flag: boolean): Candidate | undefined {
  let at = nameEnd;
  const before = text.charAt(rawStart - 1);
  // A quoted key ("password": …); a quote before an unquoted name opens a string holding it ("Password=…;").
  const quotedName = rawStart === nameStart && (before === '"' || before === "'") && text.charAt(at) === before;
  if (quotedName) at++;
  // 'password:', password — the quote after the colon closes the string the name is in.
  const openQuote = !quotedName && rawStart === nameStart && (before === '"' || before === "'") ? before : undefined;
  const gapStart = at;
  at = skipBlanks(text, at);
  const gap = at > gapStart;
  let operator: '=' | ':' | ' ';
  const here = text.slice(at, at + 2);
  if (here === ':=' || here === '=>') { operator = '='; at += 2; }
  else if (here.startsWith('=') && here !== '==') { operator = '='; at += 1; }
  // `a ? 'x' : 'y'` and `x : T`: a colon after a blank is not a key's.
  else if (here.startsWith(':') && here !== '::' && !gap) { operator = ':'; at += 1; }
  else if (flag && gap) operator = ' ';
  else return undefined;
  const afterOperator = at;
  at = skipBlanks(text, at);
  if (openQuote !== undefined && text.charAt(at) === openQuote) return undefined;
  const lineStart = isLineStart(text, quotedName ? rawStart - 1 : rawStart);
  const strictEnv = lineStart && operator === '=' && !gap && afterOperator === at && /^[A-Z][A-Z0-9_]*$/.test(name);
  // `X-API-Key: …` on a line of its own or opening a quoted string (curl -H "…"): an HTTP header.
  const header = operator === ':' && !gap && HEADER_NAME.test(name) && (lineStart || openQuote !== undefined);
  let context: Context = flag ? 'flag' : strictEnv ? 'strict-env' : lineStart && operator === '=' ? 'env' : lineStart && operator === ':' ? 'yaml' : 'code';
  if (header) return readHeaderValue(text, at, openQuote, name);
  const authScheme = /auth/i.test(name) ? AUTH_SCHEME_STICKY : undefined;
  const value = readValue(text, at, strictEnv, authScheme);
  if (value === undefined) return undefined;
  if (context !== 'flag' && operator === '=' && (isConnectionStringPart(text, rawStart, value, gap) || isConninfoPart(text, rawStart))) context = 'ado';
  else if (operator === '=' && !gap && (text.charAt(rawStart - 1) === '?' || text.charAt(rawStart - 1) === '&')) context = 'query';
  // `password = strict;`, `password: "x",`, `Key = "v",`: a statement or an object literal in code, not an INI or YAML line.
  else if ((context === 'env' || context === 'yaml') && /^["']?[ \t]*[;,]/.test(text.slice(value.start + value.text.length, value.start + value.text.length + 20))) context = 'code';
  if (context === 'yaml' && !value.quoted && !endsLine(text, value.start + value.text.length)) return undefined;
  // A quoted key before a colon ("password": "…") is JSON, data like YAML: its quoted values are literals, not code.
  if (quotedName && operator === ':' && value.quoted && context === 'code') context = 'yaml';
  return { name, context, value: value.text, valueStart: value.start, quoted: value.quoted };
}

/** A header's value runs to the end of the line, or to the quote that opened the header (curl -H "…"). */
function readHeaderValue(text: string, at: number, openQuote: string | undefined, name: string): Candidate | undefined {
  const limit = Math.min(text.length, at + MAX_VALUE_CHARS);
  let index = at;
  for (let char = text.charAt(index); index < limit && char !== '\n' && char !== '\r' && char !== openQuote; char = text.charAt(index)) index++;
  while (index > at && isBlankCode(text.charCodeAt(index - 1))) index--;
  return index > at ? { name, context: 'header', value: text.slice(at, index), valueStart: at, quoted: false } : undefined;
}

interface Value {
  readonly text: string;
  readonly start: number;
  readonly quoted: boolean;
}

/** Hyphenated words, as HTTP header names are (X-API-Key, PRIVATE-TOKEN, api-key). */
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/;
/** The libpq conninfo keywords that come before a password (`host=db user=app password=…`). */
const CONNINFO_KEYWORD = /^(?:host|hostaddr|port|dbname|user|sslmode|service|application_name|connect_timeout)=[^=]*$/;

/** `password=` after another libpq keyword and a blank: a conninfo string, whose values are literal. */
function isConninfoPart(text: string, nameStart: number): boolean {
  const tokenEnd = backOverBlanks(text, nameStart);
  if (tokenEnd === nameStart) return false;
  let tokenStart = tokenEnd;
  while (tokenStart > 0 && tokenEnd - tokenStart < 200 && !/[\s"']/.test(text.charAt(tokenStart - 1))) tokenStart--;
  return CONNINFO_KEYWORD.test(text.slice(tokenStart, tokenEnd));
}

/** `Password=…` inside `k=v;k=v` (ADO.NET, ODBC, JDBC properties): after a `;`, or first and followed by one. */
function isConnectionStringPart(text: string, nameStart: number, value: Value, gap: boolean): boolean {
  if (precededBySemicolon(text, nameStart)) return true;
  const first = nameStart === 0 || /["'`\s]/.test(text.charAt(nameStart - 1));
  return first && !gap && !value.quoted && text.charAt(value.start + value.text.length) === ';';
}

/**
 * The value after the operator: a quoted string (to its closing quote, on the same line), the
 * rest of the line for a strict `.env` assignment, else one token. After an `Authorization`
 * name a scheme word (`Bearer`, `Basic`, …) is read together with the credential after it.
 */
function readValue(text: string, at: number, toLineEnd: boolean, authScheme?: RegExp): Value | undefined {
  const open = text.charCodeAt(at);
  const limit = Math.min(text.length, at + MAX_VALUE_CHARS);
  // Not backticks: in Markdown they end a code span (`Password=`), and template literals rarely hold secrets.
  if (open === DOUBLE_QUOTE || open === SINGLE_QUOTE) {
    let index = at + 1;
    for (let code = text.charCodeAt(index); index < limit && code !== open && code !== NEWLINE; code = text.charCodeAt(index)) index += code === BACKSLASH ? 2 : 1;
    return { text: text.slice(at + 1, Math.min(index, limit)), start: at + 1, quoted: true };
  }
  let index = at;
  if (toLineEnd) {
    for (let code = text.charCodeAt(index); index < limit && code !== NEWLINE && code !== RETURN && !(code === HASH && isBlankCode(text.charCodeAt(index - 1))); code = text.charCodeAt(index)) index++;
    while (index > at && isBlankCode(text.charCodeAt(index - 1))) index--;
  } else {
    if (authScheme !== undefined) {
      authScheme.lastIndex = at;
      if (authScheme.test(text)) index = authScheme.lastIndex;
    }
    while (index < limit && !endsToken(text.charCodeAt(index))) index++;
  }
  return index > at ? { text: text.slice(at, index), start: at, quoted: false } : undefined;
}

/**
 * The rules, in order:
 * 0. Examples, filler, truncated and public keys (notSecret.ts) and placeholders are never secrets.
 * 1. `Authorization: <scheme> <credential>`, or a vendor token header's value → authorization-header.
 * 2. Provider shapes under their names: AWS secret access keys, Mistral and Cohere keys.
 * 3. A strict `.env` line (`UPPER_NAME=value`) whose name says secret, token, key or password
 *    → env-secret, whatever the value; also a quoted value on an `name = "…"` line (TOML, Python).
 * 4. A password's literal value: quoted anywhere, or unquoted where values are literal (YAML,
 *    `.env`, flags, connection strings) unless it reads as code → password-assignment.
 * 5. Any secret-looking name whose value looks machine-generated → high-entropy-secret.
 */
function decide(candidate: Candidate, secretName: SecretName): Detection | undefined {
  const { name, context, quoted, valueStart } = candidate;
  let value = candidate.value;
  let start = valueStart;
  if (secretName.words.some((word) => word === 'authorization' || word === 'auth') && AUTH_SCHEME.test(value)) {
    const scheme = AUTH_SCHEME.exec(value)?.[0].length ?? 0;
    value = value.slice(scheme).trim();
    start += scheme;
    return value.length >= 8 && !isPlaceholder(value) && !isNotSecretValue(value) ? span('authorization-header', start, value) : undefined;
  }
  if (isPlaceholder(value) || isNotSecretValue(value) || echoesName(value, name, secretName.words)) return undefined;
  // A vendor's token header (X-API-Key, PRIVATE-TOKEN, X-Vault-Token): its value is the credential.
  // (Not words joined by dashes: `existing-secret: my-app-secret` in YAML names a secret object.)
  if (context === 'header' && secretName.nameClass !== 'weak' && value.length >= 8 && !/^[a-z]+(?:-[a-z]+)+$/.test(value)) return span('authorization-header', start, value);
  if (secretName.words.length === 1 && secretName.words[0] === 'pwd' && context !== 'ado') return undefined;
  const shortLiteral = value.length < MIN_LITERAL_CHARS;
  if (secretName.aws && /^[A-Za-z0-9/+=]{40}$/.test(value)) return span('aws-secret-access-key', start, value);
  if (secretName.provider !== undefined && /^[A-Za-z0-9]{32,64}$/.test(value)) return span(secretName.provider, start, value);
  if (context === 'strict-env' && secretName.nameClass !== 'weak') return span('env-secret', start, value);
  const literal = quoted || (context !== 'code' && !readsAsCode(value));
  // In code, a quoted password with blanks is a message and an identifier-like one an error code; in .env or YAML they are passwords.
  if (secretName.nameClass === 'password' && literal && !shortLiteral && !(context === 'code' ? namesSomething(value) : !quoted && /\s/.test(value))) {
    return span(context === 'ado' ? 'connection-string-password' : 'password-assignment', start, value);
  }
  if (context === 'env' && quoted && !shortLiteral && secretName.nameClass === 'secret') return span('env-secret', start, value);
  // Unquoted, a value in code is an expression (a variable, a call), not a literal.
  if (looksRandom(value) && (quoted || (context !== 'code' && !readsAsCode(value)))) return span(context === 'env' ? 'env-secret' : 'high-entropy-secret', start, value);
  return undefined;
}

function span(kind: SecretKind, start: number, value: string): Detection {
  return { kind, start, end: start + value.length };
}

/** `password = password`, `"password": "Password"`, `exports.token = token`: the value repeats the name. */
function echoesName(value: string, name: string, words: readonly string[]): boolean {
  const lower = value.toLowerCase();
  const lowerName = name.toLowerCase();
  // exports.createToken = createToken
  return lower === lowerName || lowerName.endsWith(`.${lower}`) || words.includes(lower);
}

/**
 * In code, a string assigned to a password-named constant that names something rather than being
 * a password: a message ('Enter your password'), an error code (passwordTooWeak,
 * FlowPasswordRequiredResultV2), a path (/resetpassword/v1.0/start), a selector or key mentioning a
 * password ([type=password]).
 */
function namesSomething(value: string): boolean {
  if (/\s/.test(value) || isLowerCasePath(value) || (/[^A-Za-z0-9]/.test(value) && /pass(?:wor)?d|secret|token/i.test(value))) return true;
  if (!/^[A-Za-z0-9_]+$/.test(value)) return false;
  const shape = wordShape(value);
  return shape.words >= 2 && shape.ratio >= 0.8;
}

/** An expression rather than a literal: calls, indexing, member paths, YAML tags and aliases, keywords. */
function readsAsCode(value: string): boolean {
  if (/[()[\]{};]/.test(value) || /^[!*&|>]/.test(value)) return true;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  if (/^(?:await|new|this|self|function|lambda|async|typeof|require|import)$/.test(value)) return true;
  // A camelCase identifier made of words (userInput, newPassword2), not a random mix of cases and digits.
  return /^[a-z]{2,}(?:[A-Z][a-z]{2,})+\d{0,2}$/.test(value);
}

const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const HASH = 0x23;

function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === NEWLINE || code === RETURN || code === 0x0b || code === 0x0c;
}

/** What ends an unquoted value: white space, or `, ; ) ] } > " ' \` &` (`&` for URL query parameters). */
function endsToken(code: number): boolean {
  return isBlankCode(code) || code === 0x26 || code === 0x2c || code === 0x3b || code === 0x29 || code === 0x5d || code === 0x7d || code === 0x3e || code === DOUBLE_QUOTE || code === SINGLE_QUOTE || code === BACKTICK;
}

function isDashOrDot(code: number): boolean {
  return code === 0x2d || code === 0x2e;
}

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 46;
}

function skipBlanks(text: string, at: number): number {
  let index = at;
  while (index < text.length && index - at < MAX_GAP && (text.charAt(index) === ' ' || text.charAt(index) === '\t')) index++;
  return index;
}

/** Only blanks (and an optional `export `, `set ` or YAML `- `) between the line start and `at`. */
function isLineStart(text: string, at: number): boolean {
  let index = backOverBlanks(text, at);
  for (const prefix of ['export', 'set', '-']) {
    if (index < at && index >= prefix.length && text.slice(index - prefix.length, index) === prefix) {
      index = backOverBlanks(text, index - prefix.length);
      break;
    }
  }
  return index === 0 || text.charAt(index - 1) === '\n' || text.charAt(index - 1) === '\r';
}

function backOverBlanks(text: string, at: number): number {
  let index = at;
  while (index > 0 && at - index < MAX_GAP && (text.charAt(index - 1) === ' ' || text.charAt(index - 1) === '\t')) index--;
  return index;
}

function precededBySemicolon(text: string, at: number): boolean {
  let index = at;
  while (index > 0 && at - index < MAX_GAP && (text.charAt(index - 1) === ' ' || text.charAt(index - 1) === '\t')) index--;
  return text.charAt(index - 1) === ';';
}

/** Nothing but blanks and an optional comment between `at` and the end of the line. */
function endsLine(text: string, at: number): boolean {
  const index = skipBlanks(text, at);
  const next = text.charAt(index);
  return index >= text.length || next === '\n' || next === '\r' || (next === '#' && index > at);
}
