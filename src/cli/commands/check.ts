import { Command, Option } from 'commander';
import type { FileDecision, FileMode } from '../../core/guard/fileDecision';
import { createFileGuard, type FileGuard } from '../../core/guard/fileGuard';
import { FILE_MODES, parsePathCheckRequest } from '../check/pathCheckRequest';
import { readLines } from '../check/readLines';
import { ExitCode } from '../exitCode';
import { CliUsageError, loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import type { CommandContext } from './commandFactory';

interface CheckPathOptions extends PolicyCliOptions {
  readonly mode: FileMode;
  readonly jsonl?: boolean;
}

/** Longest `--jsonl` input line; paths are far shorter, and a runaway line must not fill memory. */
const MAX_LINE_CHARS = 64 * 1024;

/** The decision line printed for each path; `invalid-input` is the CLI's own reason for an unreadable request. */
type DecisionLine = Omit<FileDecision, 'reason' | 'rule'> & { readonly reason: FileDecision['reason'] | 'invalid-input'; readonly rule: string | null };

/** `airlock check …`: ask the guard what it would decide, without doing anything. */
export function checkCommand(context: CommandContext): Command {
  return new Command('check')
    .description('ask the guard what it would decide, without acting')
    .addCommand(checkPathCommand(context));
}

function checkPathCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('path'))
    .description('decide whether agent tools may read, write or list a path, as one JSON line')
    .argument('[path]', 'the path, absolute or relative to the workspace folder (omit with --jsonl)')
    .addOption(new Option('--mode <mode>', 'what the tool would do').choices(FILE_MODES).default('read'))
    .option('--jsonl', 'read {"path": ..., "mode": ...} lines from stdin and print one decision line for each, in order')
    .addHelpText('after', [
      '',
      'Prints {"decision":"allow"|"deny","reason":...,"rule":...,"path":...,"detail":...}.',
      'Exit status: 0 allowed (with --jsonl: every line), 10 denied (any line), 1 error, 2 usage error.',
    ].join('\n'));
  return command.action((path: string | undefined) => withUsageErrors(command, async () => {
    const options = command.opts<CheckPathOptions>();
    if (options.jsonl === true && path !== undefined) throw new CliUsageError('give either a path or --jsonl, not both');
    if (options.jsonl !== true && path === undefined) throw new CliUsageError('missing the path to check (or use --jsonl)');
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    const guard = createFileGuard({ workspaceFolders: [load.workspaceFolder], rules: effective.policy.files });
    const allAllowed = path === undefined ? await checkLines(guard, options.mode, context) : await checkOne(guard, path, options.mode, context);
    context.setExitCode(allAllowed ? ExitCode.ok : ExitCode.denied);
  }));
}

async function checkOne(guard: FileGuard, path: string, mode: FileMode, context: CommandContext): Promise<boolean> {
  const decision = await guard.decide(path, mode);
  writeDecision(toLine(decision), context);
  return decision.decision === 'allow';
}

/** Answers each line before reading the next; a malformed line is a denial, never a crash. */
async function checkLines(guard: FileGuard, defaultMode: FileMode, context: CommandContext): Promise<boolean> {
  let allAllowed = true;
  for await (const line of readLines(context.stdin ?? [], MAX_LINE_CHARS)) {
    const request = 'tooLong' in line ? { ok: false as const, problem: `the line is longer than ${MAX_LINE_CHARS} characters` } : parsePathCheckRequest(line.text, defaultMode);
    const decision: DecisionLine = request.ok
      ? toLine(await guard.decide(request.path, request.mode))
      : { decision: 'deny', reason: 'invalid-input', rule: null, detail: request.problem };
    writeDecision(decision, context);
    allAllowed &&= decision.decision === 'allow';
  }
  return allAllowed;
}

function toLine(decision: FileDecision): DecisionLine {
  return { decision: decision.decision, reason: decision.reason, rule: decision.rule ?? null, ...(decision.path === undefined ? {} : { path: decision.path }), detail: decision.detail };
}

function writeDecision(decision: DecisionLine, context: CommandContext): void {
  context.stdout.write(`${JSON.stringify(decision)}\n`);
}
