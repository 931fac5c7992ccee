/**
 * Programs that run another command given in their arguments. A rule on `env` or `xargs` says
 * nothing about what they run, so the judge asks for them whatever the allow rules say, and
 * checks what they run against the deny rules. Shells with `-c`, `eval` and `source` take a whole
 * command line, which is judged as one.
 */
const WRAPPERS = new Set([
  'env', 'sudo', 'doas', 'su', 'runuser', 'nohup', 'nice', 'ionice', 'timeout', 'time', 'command', 'builtin', 'exec', 'xargs', 'parallel',
  'stdbuf', 'setsid', 'chroot', 'unshare', 'nsenter', 'flock', 'watch', 'strace', 'ltrace', 'taskset', 'chrt', 'prlimit', 'busybox', 'script',
]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh']);
const LINE_RUNNERS = new Set(['eval', 'source', '.']);
const FIND_RUNS = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const MAX_CANDIDATES = 6;

export type Wrapper =
  /** Runs a command line: the judge judges each of `lines`, one of which it runs. */
  | { readonly kind: 'line'; readonly program: string; readonly lines: readonly string[] }
  /** Runs a command from its arguments: any suffix of them may be it. */
  | { readonly kind: 'argv'; readonly program: string; readonly candidates: readonly (readonly string[])[] }
  /** Runs code the judge cannot see (a script file, or a shell reading its input). */
  | { readonly kind: 'opaque'; readonly program: string };

/** How the argv runs another command, or undefined when it runs none the judge knows of. */
export function wrapperOf(argv: readonly string[]): Wrapper | undefined {
  const program = baseName(argv[0] ?? '');
  if (SHELLS.has(program)) return shellWrapper(program, argv.slice(1));
  if (LINE_RUNNERS.has(program)) return program === 'eval' ? { kind: 'line', program, lines: [argv.slice(1).join(' ')] } : { kind: 'opaque', program };
  if (WRAPPERS.has(program) || (program === 'find' && argv.some((arg) => FIND_RUNS.has(arg)))) {
    // Suffixes from each word that is not an option or assignment: where the options end and the
    // command starts is each wrapper's own syntax. Capped, so `sudo sudo sudo …` cannot make the
    // judge's work explode; past the cap the wrapper still asks, it only may not find a deny.
    const starts = argv.flatMap((word, index) => (index > 0 && !word.startsWith('-') && !ASSIGNMENT.test(word) ? [index] : []));
    return { kind: 'argv', program, candidates: starts.slice(0, MAX_CANDIDATES).map((start) => argv.slice(start)) };
  }
  return undefined;
}

function shellWrapper(program: string, args: readonly string[]): Wrapper {
  if (!args.some((arg) => /^-[a-zA-Z]*c/.test(arg))) return { kind: 'opaque', program };
  // Which operand is the command string depends on the options before it (`-o pipefail -c …`):
  // every operand is judged as a line, so a deny rule holds whichever one the shell runs.
  const lines = args.filter((arg) => !arg.startsWith('-') && !arg.startsWith('+'));
  return lines.length > 0 ? { kind: 'line', program, lines } : { kind: 'opaque', program };
}

/** The last path segment: `/usr/bin/rm` is `rm` for deny rules. */
export function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}
