import { commandPatternMatches, parseCommandPattern, type CommandPattern } from '../policy/commandPattern';
import type { CommandsPolicy } from '../policy/policySchema';
import { parseCommandLine, type SimpleCommand } from './commandLine';
import type { CommandVerdict } from './commandVerdict';
import { baseName, wrapperOf } from './commandWrappers';

export type CommandRules = Pick<CommandsPolicy, 'allow' | 'requireApproval' | 'deny'>;

export interface JudgeOptions {
  /** Whether the command will run in the sandbox; unsandboxed, every command asks. */
  readonly sandboxed: boolean;
}

interface Rule {
  readonly text: string;
  readonly list: 'allow' | 'requireApproval' | 'deny';
  readonly pattern: CommandPattern;
}

type Rules = Readonly<Record<Rule['list'], readonly Rule[]>>;

// sh -c "sh -c '…'" nests; past this depth the judge asks rather than recurse further.
const MAX_DEPTH = 4;

/**
 * Judges a command line the agent wants to run. Each simple command in it (split at `;`, `&&`,
 * `||`, `|`, `&` and subshells; inside `$(…)`, backticks, `sh -c` and `eval` too) is judged on its
 * argv; the line gets the strictest verdict. In order:
 *  1. deny: a part matches `commands.deny` (on its program path or base name, or on a command a
 *     wrapper such as `env` or `xargs` runs);
 *  2. ask: a part matches `commands.requireApproval`; the line holds what cannot be judged before
 *     it runs (substitution, expansion, redirection, a newline …); a part runs another command
 *     through a wrapper, sets environment variables, or has a glob no allow rule covers;
 *  3. allow: every part matches `commands.allow`;
 *  4. ask: no rule matched. Unsandboxed, an allowed line asks too.
 */
export function judgeCommand(line: string, policy: CommandRules, options: JudgeOptions): CommandVerdict {
  const verdict = judgeLine(line, compileRules(policy), 0);
  if (verdict.verdict !== 'allow' || options.sandboxed) return verdict;
  return { verdict: 'ask', code: 'unsandboxed', reason: `No sandbox: the command would run unsandboxed (commands.unsandboxed), so it asks although ${verdict.reason}.` };
}

function compileRules(policy: CommandRules): Rules {
  const compile = (list: Rule['list']): Rule[] =>
    policy[list].flatMap((text) => {
      const parsed = parseCommandPattern(text);
      return parsed.ok ? [{ text, list, pattern: parsed.pattern }] : [];
    });
  return { allow: compile('allow'), requireApproval: compile('requireApproval'), deny: compile('deny') };
}

function judgeLine(line: string, rules: Rules, depth: number): CommandVerdict {
  if (depth > MAX_DEPTH) return { verdict: 'ask', code: 'too-deep', reason: `"${line}" nests commands more than ${MAX_DEPTH} deep` };
  const parsed = parseCommandLine(line);
  const verdicts = [
    ...parsed.nested.map((inner) => judgeLine(inner, rules, depth + 1)),
    ...parsed.commands.map((command) => judgePart(command, rules, depth)),
    ...parsed.hazards.map((hazard): CommandVerdict => ({ verdict: 'ask', code: 'unjudgeable', reason: `the line holds ${hazard}` })),
  ];
  if (verdicts.length === 0) return { verdict: 'deny', code: 'empty', reason: 'there is no command to run' };
  return strictest(verdicts);
}

/** Deny if any part is denied; else every reason to ask; else allowed, naming each rule. */
function strictest(verdicts: readonly CommandVerdict[]): CommandVerdict {
  const denied = verdicts.find((verdict) => verdict.verdict === 'deny');
  if (denied !== undefined) return denied;
  const asks = verdicts.filter((verdict) => verdict.verdict === 'ask');
  const first = asks[0] ?? verdicts[0];
  const chosen = asks.length > 0 ? asks : verdicts;
  if (first === undefined) return { verdict: 'deny', code: 'empty', reason: 'there is no command to run' };
  return { ...first, reason: [...new Set(chosen.map((verdict) => verdict.reason))].join('; ') };
}

function judgePart(command: SimpleCommand, rules: Rules, depth: number): CommandVerdict {
  if (depth > MAX_DEPTH) return { verdict: 'ask', code: 'too-deep', reason: `"${command.argv.join(' ')}" nests commands more than ${MAX_DEPTH} deep` };
  const shown = [...command.assignments, ...command.argv].join(' ');
  const wrapper = wrapperOf(command.argv);
  const names = [command.argv, [baseName(command.argv[0] ?? ''), ...command.argv.slice(1)]];
  const denied = firstMatch(rules.deny, names);
  if (denied !== undefined) return { verdict: 'deny', code: 'deny-rule', reason: `commands.deny "${denied.text}" matches "${shown}"`, rule: `commands.deny "${denied.text}"` };
  // What a wrapper runs is judged as a command of its own: its deny or approval rule holds.
  const inner = wrapper === undefined ? undefined : wrapper.kind === 'line' ? strictest(wrapper.lines.map((line) => judgeLine(line, rules, depth + 1))) : wrapper.kind === 'argv' ? strictest(wrapper.candidates.map((argv) => judgePart({ argv, globs: new Set(), assignments: [] }, rules, depth + 1))) : undefined;
  if (inner?.verdict === 'deny') return inner;
  const approval = firstMatch(rules.requireApproval, names);
  if (approval !== undefined) return { verdict: 'ask', code: 'approval-rule', reason: `commands.requireApproval "${approval.text}" matches "${shown}"`, rule: `commands.requireApproval "${approval.text}"` };
  if (inner?.code === 'approval-rule') return inner;
  if (wrapper !== undefined) {
    const what = wrapper.kind === 'line' ? `the command line "${wrapper.lines.join('" or "')}"` : wrapper.kind === 'argv' ? 'the command in its arguments' : 'code no rule can see (a script or its input)';
    return { verdict: 'ask', code: 'wrapper', reason: `"${shown}" runs ${what} through ${wrapper.program}, which no allow rule can vouch for${wrapper.kind === 'line' && inner?.verdict === 'ask' ? ` (${inner.reason})` : ''}` };
  }
  if (command.assignments.length > 0) {
    const names = command.assignments.map((assignment) => assignment.slice(0, assignment.indexOf('=')));
    return { verdict: 'ask', code: 'assignment', reason: `"${shown}" sets ${names.join(', ')} for the command; a variable such as PATH, LD_PRELOAD or NODE_OPTIONS changes what runs` };
  }
  const allowed = rules.allow.find((rule) => commandPatternMatches(rule.pattern, command.argv) && [...command.globs].every((index) => rule.pattern.rest && index >= rule.pattern.words.length));
  if (allowed !== undefined) return { verdict: 'allow', code: 'allow-rule', reason: `commands.allow "${allowed.text}" matches "${shown}"`, rule: `commands.allow "${allowed.text}"` };
  if (command.globs.size > 0 && rules.allow.some((rule) => commandPatternMatches(rule.pattern, command.argv))) {
    return { verdict: 'ask', code: 'glob', reason: `"${shown}" has a glob the shell expands to file names, which its allow rule does not cover (end the rule with a lone * to cover them)` };
  }
  return { verdict: 'ask', code: 'no-rule', reason: `no commands.allow rule matches "${shown}"` };
}

function firstMatch(rules: readonly Rule[], candidates: readonly (readonly string[])[]): Rule | undefined {
  return rules.find((rule) => candidates.some((argv) => commandPatternMatches(rule.pattern, argv)));
}
