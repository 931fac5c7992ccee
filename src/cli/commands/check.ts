import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { checkUrl } from '../../core/egress/checkUrl';
import type { EgressDecision } from '../../core/egress/egressDecision';
import { systemResolver, type HostResolver } from '../../core/egress/hostResolver';
import { hostsFileResolver } from '../../core/egress/hostsFile';
import { redactUrl } from '../../core/egress/redactUrl';
import type { FileDecision, FileMode } from '../../core/guard/fileDecision';
import { createFileGuard, type FileGuard } from '../../core/guard/fileGuard';
import { toolIdSchema } from '../../core/policy/policySchema';
import { FILE_MODES, parsePathCheckRequest } from '../check/pathCheckRequest';
import { readLines } from '../check/readLines';
import { parseUrlCheckRequest } from '../check/urlCheckRequest';
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
    .addCommand(checkPathCommand(context))
    .addCommand(checkUrlCommand(context));
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
      'Exit status: 0 allowed (with --jsonl: every line), 10 denied (any line), 1 error (a policy file fails to load), 2 usage error.',
    ].join('\n'));
  return command.action((path: string | undefined) => withUsageErrors(command, async () => {
    const options = command.opts<CheckPathOptions>();
    if (options.jsonl === true && path !== undefined) throw new CliUsageError('give either a path or --jsonl, not both');
    if (options.jsonl !== true && path === undefined) throw new CliUsageError('missing the path to check (or use --jsonl)');
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    const guard = createFileGuard({ workspaceFolders: [load.workspaceFolder], rules: effective.policy.files });
    const allAllowed = path === undefined ? await checkLines(guard, options.mode, context) : await checkOne(guard, path, options.mode, context);
    // A policy that fails to load leaves the agent without tools: the check says so, whatever the rules say.
    context.setExitCode(effective.errors.length > 0 ? ExitCode.failure : allAllowed ? ExitCode.ok : ExitCode.denied);
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

function writeDecision(decision: DecisionLine | UrlDecisionLine, context: CommandContext): void {
  context.stdout.write(`${JSON.stringify(decision)}\n`);
}

interface CheckUrlOptions extends PolicyCliOptions {
  readonly tool: string;
  /** commander's `--no-resolve`: false when given. */
  readonly resolve: boolean;
  readonly hosts?: string;
  readonly jsonl?: boolean;
}

/** The line printed for each URL: SafeFetch's decision, the URL redacted, the addresses judged. */
interface UrlDecisionLine {
  readonly decision: EgressDecision['verdict'];
  readonly reason: EgressDecision['reason'] | 'invalid-input';
  readonly rule: string | null;
  readonly tool?: string;
  readonly url?: string;
  readonly detail: string;
  readonly addresses?: readonly string[];
}

const DEFAULT_URL_TOOL = 'web.fetch';

function checkUrlCommand(context: CommandContext): Command {
  const command = withPolicyOptions(new Command('url'))
    .description('decide whether a tool may fetch a URL, as SafeFetch would before connecting, as one JSON line')
    .argument('[url]', 'the URL (omit with --jsonl)')
    .option('--tool <id>', 'the tool asking (model, web.fetch, …)', DEFAULT_URL_TOOL)
    .option('--no-resolve', 'judge by the policy and literal addresses only; no lookup')
    .option('--hosts <file>', 'resolve names from an /etc/hosts-format file instead of DNS')
    .option('--jsonl', 'read {"url": ..., "tool": ...} lines from stdin and print one decision line for each, in order')
    .addHelpText('after', [
      '',
      'Prints {"decision":"allow"|"deny"|"ask","reason":...,"rule":...,"tool":...,"url":...,"detail":...,"addresses":[...]}.',
      'The URL is printed redacted (no credentials, query or fragment). Nothing is ever connected.',
      'Exit status: 0 allowed (with --jsonl: every line), 10 denied (any line), 11 needs approval (any line, none denied), 1 error (a policy file fails to load), 2 usage error.',
    ].join('\n'));
  return command.action((url: string | undefined) => withUsageErrors(command, async () => {
    const options = command.opts<CheckUrlOptions>();
    if (options.jsonl === true && url !== undefined) throw new CliUsageError('give either a URL or --jsonl, not both');
    if (options.jsonl !== true && url === undefined) throw new CliUsageError('missing the URL to check (or use --jsonl)');
    if (!toolIdSchema.safeParse(options.tool).success) throw new CliUsageError(`--tool ${options.tool}: tool ids look like "web.fetch" or "model"`);
    if (options.hosts !== undefined && !options.resolve) throw new CliUsageError('give either --hosts or --no-resolve, not both');
    // A URL argument that does not parse is a typo on the command line, not a request the guard
    // refused: exit 2, so a script can tell the two apart. (A --jsonl line is data: a deny row.)
    if (url !== undefined && !URL.canParse(url)) throw new CliUsageError(`"${truncate(url)}" is not a URL; give an absolute URL such as https://example.com/`);
    const resolver = await urlResolver(options, context);
    const { effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    const judge = async (target: string, tool: string): Promise<UrlDecisionLine> => toUrlLine(tool, target, await checkUrl(effective.policy, tool, target, resolver));
    const verdicts: UrlDecisionLine['decision'][] = [];
    if (url !== undefined) {
      const line = await judge(url, options.tool);
      writeDecision(line, context);
      verdicts.push(line.decision);
    } else {
      for await (const input of readLines(context.stdin ?? [], MAX_LINE_CHARS)) {
        const request = 'tooLong' in input ? { ok: false as const, problem: `the line is longer than ${MAX_LINE_CHARS} characters` } : parseUrlCheckRequest(input.text, options.tool);
        const line: UrlDecisionLine = request.ok ? await judge(request.url, request.tool) : { decision: 'deny', reason: 'invalid-input', rule: null, detail: request.problem };
        writeDecision(line, context);
        verdicts.push(line.decision);
      }
    }
    context.setExitCode(effective.errors.length > 0 ? ExitCode.failure : verdicts.includes('deny') ? ExitCode.denied : verdicts.includes('ask') ? ExitCode.ask : ExitCode.ok);
  }));
}

function truncate(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 80)}…`;
}

async function urlResolver(options: CheckUrlOptions, context: CommandContext): Promise<HostResolver | undefined> {
  if (!options.resolve) return undefined;
  if (options.hosts === undefined) return systemResolver;
  const path = resolvePath(context.cwd ?? process.cwd(), options.hosts);
  try {
    return hostsFileResolver(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`--hosts ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function toUrlLine(tool: string, url: string, check: { readonly decision: EgressDecision; readonly addresses?: readonly string[] }): UrlDecisionLine {
  const { decision } = check;
  return {
    decision: decision.verdict,
    reason: decision.reason,
    rule: decision.rule ?? null,
    tool,
    url: redactUrl(url),
    detail: decision.detail,
    ...(check.addresses === undefined ? {} : { addresses: check.addresses }),
  };
}


