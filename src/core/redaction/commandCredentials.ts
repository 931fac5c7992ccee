import type { Detection } from './detection';
import { isNotSecretValue } from './notSecret';
import { isPlaceholder } from './placeholders';

/**
 * Passwords handed to a command on its command line, where the option is a single letter and no
 * name says "password": `mysql -pSECRET`, `curl -u admin:SECRET`, `sshpass -p SECRET`,
 * `docker login -u ci -p SECRET`, `redis-cli -a SECRET`, `mongosh -p SECRET`,
 * `skopeo --creds u:SECRET`. (`--password SECRET` and `PGPASSWORD=… psql` are named, and found
 * by the assignment scan.) Only the password is replaced.
 *
 * Linear: one search for the command names; each hit reads its own command (to the end of the
 * line or a `|`, `;`, `&&`), at most MAX_COMMAND_CHARS, and the search resumes after it.
 */

// Literal alternatives first (V8 scans for those fast); the character before is checked in code.
const COMMANDS = /(?:mysql(?:dump|admin|import|show|check|pump)?|mariadb(?:-dump|-admin)?|sshpass|curl|docker|podman|nerdctl|buildah|skopeo|helm|oras|redis-cli|mongosh|mongo)(?=[ \t])/g;
const MAX_COMMAND_CHARS = 4096;
const SEPARATORS: ReadonlySet<string> = new Set(['|', '||', '&&', ';', '&']);

/** How one command takes its password: an option and whether the value may be attached (`-pX`) or follows (`-p X`). */
interface PasswordOption {
  readonly option: string;
  readonly attached: boolean;
  readonly separate: boolean;
  /** `user:password`: only the part after the first colon is the secret. */
  readonly userColon?: boolean;
}

const MYSQL: readonly PasswordOption[] = [{ option: '-p', attached: true, separate: false }];
const LOGIN: readonly PasswordOption[] = [{ option: '-p', attached: false, separate: true }, { option: '--password', attached: false, separate: true }];
const OPTIONS: ReadonlyMap<string, readonly PasswordOption[]> = new Map([
  ['mysql', MYSQL],
  ['sshpass', [{ option: '-p', attached: true, separate: true }]],
  ['curl', [
    { option: '-u', attached: true, separate: true, userColon: true },
    { option: '--user', attached: false, separate: true, userColon: true },
    { option: '-U', attached: true, separate: true, userColon: true },
    { option: '--proxy-user', attached: false, separate: true, userColon: true },
  ]],
  ['login', LOGIN],
  ['skopeo', [{ option: '--creds', attached: false, separate: true, userColon: true }, { option: '--src-creds', attached: false, separate: true, userColon: true }, { option: '--dest-creds', attached: false, separate: true, userColon: true }]],
  ['redis-cli', [{ option: '-a', attached: false, separate: true }, { option: '--pass', attached: false, separate: true }]],
  ['mongo', [{ option: '-p', attached: false, separate: true }]],
]);

/** Which option table a command uses; the registry clients only after their `login` word. */
function familyOf(command: string): string {
  if (command.startsWith('mysql') || command.startsWith('mariadb')) return 'mysql';
  if (command === 'mongosh') return 'mongo';
  if (['docker', 'podman', 'nerdctl', 'buildah', 'helm', 'oras'].includes(command)) return 'login';
  return command;
}

interface Token {
  readonly start: number;
  readonly end: number;
}

export function findCommandCredentials(text: string, into: Detection[]): void {
  const commands = new RegExp(COMMANDS);
  for (let hit = commands.exec(text); hit !== null; hit = commands.exec(text)) {
    // A command's name starts a word: not pymysql, not /usr/bin/curl-config.
    if (hit.index > 0 && /[\w.-]/.test(text.charAt(hit.index - 1))) continue;
    const family = familyOf(hit[0]);
    const tokens = commandTokens(text, hit.index + hit[0].length);
    // docker run -p 8080:80 is a port: the registry clients take -p only after `login`.
    const from = family === 'login' ? tokens.findIndex((token) => text.slice(token.start, token.end) === 'login') + 1 : 0;
    if (family !== 'login' || from > 0) findPasswords(text, tokens.slice(from), OPTIONS.get(family) ?? [], into);
    commands.lastIndex = Math.max(commands.lastIndex, tokens.at(-1)?.end ?? commands.lastIndex);
  }
}

function findPasswords(text: string, tokens: readonly Token[], options: readonly PasswordOption[], into: Detection[]): void {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const word = text.slice(token.start, token.end);
    for (const option of options) {
      let value: Token | undefined;
      if (word === option.option && option.separate) value = tokens[++index];
      else if (option.attached && word.startsWith(option.option) && word.length > option.option.length && !word.startsWith('--')) value = { start: token.start + option.option.length, end: token.end };
      else if (word.startsWith(`${option.option}=`) && option.option.startsWith('--')) value = { start: token.start + option.option.length + 1, end: token.end };
      if (value === undefined) continue;
      const detection = passwordIn(text, unquoted(text, value), option.userColon === true);
      if (detection !== undefined) into.push(detection);
      break;
    }
  }
}

function passwordIn(text: string, value: Token, userColon: boolean): Detection | undefined {
  let start = value.start;
  if (userColon) {
    const colon = text.slice(start, value.end).indexOf(':') + start;
    if (colon < start) return undefined;
    start = colon + 1;
  }
  const secret = text.slice(start, value.end);
  if (secret === '' || isPlaceholder(secret) || isNotSecretValue(secret)) return undefined;
  return { kind: 'command-line-password', start, end: value.end };
}

/** The inside of a value wrapped in one pair of quotes (`'x'`, `"x y"`), else the value. */
function unquoted(text: string, value: Token): Token {
  const open = text.charAt(value.start);
  if ((open === '"' || open === "'") && value.end - value.start >= 2 && text.charAt(value.end - 1) === open) return { start: value.start + 1, end: value.end - 1 };
  return value;
}

/** The words of one command, quotes kept together, to the end of the line or a separator. */
function commandTokens(text: string, from: number): Token[] {
  const tokens: Token[] = [];
  const limit = Math.min(text.length, from + MAX_COMMAND_CHARS);
  let index = from;
  while (index < limit) {
    while (index < limit && (text.charAt(index) === ' ' || text.charAt(index) === '\t')) index++;
    if (index >= limit || text.charAt(index) === '\n' || text.charAt(index) === '\r') break;
    const start = index;
    while (index < limit && !/[ \t\r\n]/.test(text.charAt(index))) {
      const char = text.charAt(index);
      if (char === '"' || char === "'") {
        // To the closing quote; a quote left open takes the rest of the line, so nothing is read twice.
        let close = index + 1;
        while (close < limit && text.charAt(close) !== char && text.charAt(close) !== '\n') close++;
        index = text.charAt(close) === char ? close + 1 : close;
      } else index++;
    }
    if (SEPARATORS.has(text.slice(start, index))) break;
    tokens.push({ start, end: index });
  }
  return tokens;
}
