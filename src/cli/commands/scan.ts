import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ContentScanner, DEFAULT_THRESHOLDS, scanContent, type ContentGuardThresholds, type ScanResult } from '../../core/content';
import { readLines } from '../check/readLines';
import { ExitCode } from '../exitCode';
import { CliUsageError, withUsageErrors } from '../policy/policyCliOptions';
import type { CommandContext } from './commandFactory';

interface ScanCliOptions {
  readonly jsonl?: boolean;
  readonly flagAt: string;
  readonly blockAt: string;
}

/** Longest `--jsonl` line (a 1 MiB text JSON-escaped fits); longer ones get an error line. */
const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** Worst first: a blocked text outranks a flagged one, which outranks a malformed line. */
type Outcome = 'allow' | 'bad-input' | 'flag' | 'block';
const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { allow: 0, 'bad-input': 1, flag: 2, block: 3 };
const OUTCOME_EXIT = { allow: ExitCode.ok, 'bad-input': ExitCode.failure, flag: ExitCode.flagged, block: ExitCode.blocked } as const;

function worse(a: Outcome, b: Outcome): Outcome {
  return OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a;
}

/** The line printed for each text. */
interface VerdictLine {
  readonly id?: string | number;
  readonly verdict: ScanResult['verdict'];
  readonly score: number;
  readonly flags: readonly { category: string; rule: string; match: string; start: number; end: number }[];
  readonly removed?: ScanResult['removed'];
}

/** `airlock scan [file] [--jsonl]`: the content guard's verdict on a file or stdin, as JSON lines. */
export function scanCommand(context: CommandContext): Command {
  const command = new Command('scan')
    .description('scan text (a file, or stdin) for prompt injection and print the content guard\'s verdict as one JSON line')
    .argument('[file]', 'the file to scan; stdin when absent')
    .option('--jsonl', 'read {"text": ..., "id"?: ...} lines and print one verdict line for each, in order')
    .addOption(new Option('--flag-at <score>', 'score from which a text is flagged').default(String(DEFAULT_THRESHOLDS.flagAt)))
    .addOption(new Option('--block-at <score>', 'score from which a text is blocked').default(String(DEFAULT_THRESHOLDS.blockAt)))
    .addHelpText('after', [
      '',
      'Prints {"verdict":"allow"|"flag"|"block","score":0..1,"flags":[{"category","rule","match","start","end"}]}',
      '(plus "removed" when invisible characters were found, and the input line\'s "id" with --jsonl).',
      'Every character is scanned, however long the input. Offsets are UTF-16 code units into the text.',
      'With --jsonl, a line that is not {"text": "<string>"} gets {"error": ...} and the rest go on.',
      'Exit status: 0 every text allowed, 10 a text was flagged (none blocked), 11 a text was blocked,',
      '1 the file could not be read or a --jsonl line was malformed (and nothing was flagged), 2 usage error.',
    ].join('\n'));
  return command.action((file: string | undefined) => withUsageErrors(command, async () => {
    const options = command.opts<ScanCliOptions>();
    const thresholds = parseThresholds(options);
    const input = file === undefined ? (context.stdin ?? []) : createReadStream(path.resolve(context.cwd ?? process.cwd(), file));
    let outcome: Outcome;
    try {
      outcome = options.jsonl === true ? await scanLines(context, input, thresholds) : await scanAll(context, input, thresholds);
    } catch (error) {
      if (file === undefined || !isFileError(error)) throw error;
      context.stderr.write(`airlock scan: cannot read ${file}: ${error.code}\n`);
      outcome = 'bad-input';
    }
    context.setExitCode(OUTCOME_EXIT[outcome]);
  }));
}

function isFileError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

type Input = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

function parseThresholds(options: ScanCliOptions): ContentGuardThresholds {
  const flagAt = parseScore('--flag-at', options.flagAt);
  const blockAt = parseScore('--block-at', options.blockAt);
  if (flagAt > blockAt) throw new CliUsageError(`--flag-at ${flagAt} is above --block-at ${blockAt}`);
  return { flagAt, blockAt };
}

function parseScore(name: string, value: string): number {
  const score = Number(value);
  if (value.trim() === '' || !Number.isFinite(score) || score < 0 || score > 1) throw new CliUsageError(`${name} must be a number from 0 to 1, not "${value}"`);
  return score;
}

/** The whole input is one text, scanned as it streams in (the scanner holds two windows of it at most). */
async function scanAll(context: CommandContext, input: Input, thresholds: ContentGuardThresholds): Promise<Outcome> {
  const decoder = new TextDecoder('utf-8');
  const scanner = new ContentScanner({ thresholds });
  for await (const chunk of input) scanner.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  scanner.write(decoder.decode());
  const result = scanner.end();
  write(context, toLine(result, undefined));
  return result.verdict;
}

async function scanLines(context: CommandContext, input: Input, thresholds: ContentGuardThresholds): Promise<Outcome> {
  let outcome: Outcome = 'allow';
  let number = 0;
  for await (const line of readLines(input, MAX_LINE_CHARS)) {
    number++;
    if (!('tooLong' in line) && line.text.trim() === '') continue;
    const request = 'tooLong' in line ? { error: `line ${number}: longer than ${MAX_LINE_CHARS} characters` } : parseRequest(line.text, number);
    if ('error' in request) {
      outcome = worse(outcome, 'bad-input');
      write(context, request);
      continue;
    }
    const result = scanContent(request.text, { thresholds });
    outcome = worse(outcome, result.verdict);
    write(context, toLine(result, request.id));
  }
  return outcome;
}

/** `{"text": "<string>", "id"?: string | number}`; an error names the line, never its content. */
function parseRequest(line: string, number: number): { text: string; id?: string | number } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { error: `line ${number}: not JSON; expected {"text": "<string>"}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { error: `line ${number}: not a JSON object; expected {"text": "<string>"}` };
  const { text, id } = data as { text?: unknown; id?: unknown };
  if (typeof text !== 'string') return { error: `line ${number}: "text" is missing or not a string; expected {"text": "<string>"}` };
  return typeof id === 'string' || typeof id === 'number' ? { text, id } : { text };
}

function toLine(result: ScanResult, id: string | number | undefined): VerdictLine {
  return {
    ...(id === undefined ? {} : { id }),
    verdict: result.verdict,
    score: result.score,
    flags: result.flags.map(({ category, rule, match, start, end }) => ({ category, rule, match, start, end })),
    ...(Object.keys(result.removed).length === 0 ? {} : { removed: result.removed }),
  };
}

function write(context: CommandContext, line: VerdictLine | { error: string }): void {
  context.stdout.write(`${JSON.stringify(line)}\n`);
}
