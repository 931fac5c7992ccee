import { z } from 'zod';

/**
 * A command rule as users write it under `commands`: words matched against a command's parsed
 * argv, never against the raw line (`npm test`, `npm run *`, `git status`, `rm -rf *`).
 *  - each word matches one argument; `*` inside a word matches any run of characters
 *    (`test:*` matches `test:unit`);
 *  - a last word that is only `*` matches any number of further arguments, none included;
 *  - otherwise the argument count must be equal: `npm test` does not match `npm test --watch`.
 * The first word names the program: it must be literal, so no rule allows or denies every
 * program. Shell syntax (quotes, `;`, `$`, redirections) has no place in a rule: the judge splits
 * a command line into argvs before any rule is read.
 */
export interface CommandPattern {
  readonly words: readonly string[];
  /** The last word was a lone `*`: further arguments match. */
  readonly rest: boolean;
}

const FORBIDDEN = /[;&|<>()$`"'\\{}]|\p{Cc}/u;

export type CommandPatternResult = { ok: true; pattern: CommandPattern } | { ok: false; error: string };

/** Parses and validates one rule; the error says what is wrong in a sentence. */
export function parseCommandPattern(raw: string): CommandPatternResult {
  const words = raw.split(' ').filter((word) => word !== '');
  const program = words[0];
  if (program === undefined) return { ok: false, error: 'a command rule must not be empty' };
  if (FORBIDDEN.test(raw)) return { ok: false, error: `"${raw}": a command rule is words matched against the parsed arguments; leave out quotes, control characters and shell syntax (; & | < > ( ) $ \` { } \\)` };
  if (program.includes('*')) return { ok: false, error: `"${raw}": the first word must name the program, without *` };
  const rest = words.length > 1 && words.at(-1) === '*';
  return { ok: true, pattern: { words: rest ? words.slice(0, -1) : words, rest } };
}

export const commandPatternSchema = z.string().max(500).superRefine((raw, context) => {
  const result = parseCommandPattern(raw);
  if (!result.ok) context.addIssue({ code: 'custom', message: result.error });
});

/** Whether one argument matches one pattern word (`*` matching any run of characters). */
export function commandWordMatches(word: string, argument: string): boolean {
  const pieces = word.split('*');
  if (pieces.length === 1) return word === argument;
  const first = pieces[0] ?? '';
  const last = pieces.at(-1) ?? '';
  if (!argument.startsWith(first) || argument.length < first.length + last.length || !argument.endsWith(last)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = argument.indexOf(piece, at);
    if (found < 0 || found + piece.length > argument.length - last.length) return false;
    at = found + piece.length;
  }
  return true;
}

/** Whether an argv matches the pattern (see the interface for the rules). */
export function commandPatternMatches(pattern: CommandPattern, argv: readonly string[]): boolean {
  if (pattern.rest ? argv.length < pattern.words.length : argv.length !== pattern.words.length) return false;
  return pattern.words.every((word, index) => commandWordMatches(word, argv.at(index) ?? ''));
}
