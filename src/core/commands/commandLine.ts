import { parse, type ParseEntry } from 'shell-quote';

/**
 * A command line split into the simple commands a shell would run, for the judge. shell-quote
 * (a well-kept parser) does the quoting, escapes and operators; what it cannot represent
 * faithfully is found on the raw text first and reported as a hazard, so the judge asks instead
 * of trusting a wrong split. Known gaps of shell-quote this covers: a newline joins two commands
 * into one argv, backticks and `$(…)` inside double quotes come out as literal text, `$X` splits
 * a word, and `2>&1` turns the descriptor into an argument.
 */
export interface SimpleCommand {
  /** The words after any leading NAME=value assignments: program and arguments. */
  readonly argv: readonly string[];
  /** Indexes into argv of unquoted globs (`*.ts`), which the shell expands to file names. */
  readonly globs: ReadonlySet<number>;
  /** Leading NAME=value words, which set the command's environment. */
  readonly assignments: readonly string[];
}

export interface CommandLine {
  readonly commands: readonly SimpleCommand[];
  /** Why the line cannot be judged fully before it runs, one phrase each. */
  readonly hazards: readonly string[];
  /** Command lines inside `$(…)` and backticks, judged as lines of their own. */
  readonly nested: readonly string[];
}

const SEPARATORS = new Set([';', '&&', '||', '|', '|&', '&', ';;', ';&', ';;&', '(', ')']);
const PROCESS_SUBSTITUTIONS = new Set(['<(', '>(']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
// Only stderr into stdout: it changes no file, and almost every build or test line ends with it.
const STDERR_TO_STDOUT = /(?<=[^\S\n])2>&1(?=[\s;&|)]|$)/g;

const RAW_HAZARDS: readonly { readonly test: RegExp; readonly why: string }[] = [
  { test: /[\n\r]/, why: 'a line break, which the shell reads as a command separator' },
  { test: /[^\P{Cc}\t\n\r]/u, why: 'a control character' },
  { test: /[^\S\t\n\r ]/u, why: 'unusual white space, which the shell and the parser may split differently' },
  { test: /\$\(|`/, why: 'command substitution ($(…) or backticks), whose output becomes arguments only when it runs' },
  { test: /\$(?!\()/, why: 'a $ expansion (a variable or $\'…\'), whose value is known only when it runs' },
  { test: /<</, why: 'a heredoc' },
  { test: /[<>]\(/, why: 'process substitution' },
  { test: /[{}]/, why: 'braces (brace expansion or a command group)' },
];

/** Splits a command line; never throws: what it cannot split is a hazard. */
export function parseCommandLine(line: string): CommandLine {
  const hazards = RAW_HAZARDS.filter((hazard) => hazard.test.test(line)).map((hazard) => hazard.why);
  const text = (/['"\\]/.test(line) ? line : line.replace(STDERR_TO_STDOUT, '')).replace(/[\n\r]/g, ' ; ');
  let entries: ParseEntry[];
  try {
    // A variable keeps its text ($HOME): a hazard already, and a deny rule still sees the word.
    entries = parse(text, (name) => `$${name}`);
  } catch (error) {
    return { commands: [], hazards: [...hazards, `text the parser cannot read (${error instanceof Error ? error.message : String(error)})`], nested: substitutions(line) };
  }
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let globs = new Set<number>();
  const finish = (): void => {
    const assignments = words.slice(0, leadingAssignments(words));
    const argv = words.slice(assignments.length);
    if (words.length > 0) commands.push({ argv, assignments, globs: new Set([...globs].map((index) => index - assignments.length)) });
    words = [];
    globs = new Set();
  };
  let redirectTarget = false;
  for (const entry of entries) {
    if (typeof entry === 'string' || 'pattern' in entry) {
      const word = typeof entry === 'string' ? entry : entry.pattern;
      if (redirectTarget) redirectTarget = false;
      else {
        if (typeof entry !== 'string') globs.add(words.length);
        words.push(word);
      }
    } else if ('comment' in entry) {
      hazards.push('a # comment');
    } else if (SEPARATORS.has(entry.op) || PROCESS_SUBSTITUTIONS.has(entry.op)) {
      finish();
    } else {
      hazards.push(`a redirection (${entry.op}), which reads or writes a file outside the command's arguments`);
      redirectTarget = true;
    }
  }
  finish();
  return { commands, hazards: [...new Set(hazards)], nested: substitutions(line) };
}

function leadingAssignments(words: readonly string[]): number {
  const index = words.findIndex((word) => !ASSIGNMENT.test(word));
  return index < 0 ? words.length : index;
}

/** The text inside each `$(…)` (to its balancing parenthesis) and each pair of backticks. */
function substitutions(line: string): string[] {
  const found: string[] = [];
  for (let start = line.indexOf('$('); start >= 0; start = line.indexOf('$(', start + 2)) {
    let depth = 0;
    let end = start + 1;
    for (; end < line.length; end++) {
      if (line[end] === '(') depth++;
      else if (line[end] === ')' && --depth === 0) break;
    }
    found.push(line.slice(start + 2, end));
  }
  const ticks = line.split('`');
  for (let index = 1; index < ticks.length; index += 2) found.push(ticks[index] ?? '');
  return found.filter((inner) => inner.trim() !== '');
}
