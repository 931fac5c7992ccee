import { Command, Option } from 'commander';
import { DEFAULT_MAX_SCAN_CHARS, DEFAULT_THRESHOLDS, scanContent, type ContentGuardThresholds, type ScanResult } from '../../core/content';
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

type Outcome = 'allow' | 'found' | 'bad-input';

/** The line printed for each text. */
interface VerdictLine {
  readonly id?: string | number;
  readonly verdict: ScanResult['verdict'];
  readonly score: number;
  readonly flags: readonly { category: string; rule: string; match: string; start: number; end: number }[];
  readonly removed?: ScanResult['removed'];
  readonly unscanned?: number;
}

/** `airlock scan [--jsonl]`: the content guard's verdict on stdin, as JSON lines. */
export function scanCommand(context: CommandContext): Command {
  const command = new Command('scan')
    .description('scan text for prompt injection and print the content guard\'s verdict as one JSON line')
    .option('--jsonl', 'read {"text": ..., "id"?: ...} lines and print one verdict line for each, in order')
    .addOption(new Option('--flag-at <score>', 'score from which a text is flagged').default(String(DEFAULT_THRESHOLDS.flagAt)))
    .addOption(new Option('--block-at <score>', 'score from which a text is blocked').default(String(DEFAULT_THRESHOLDS.blockAt)))
    .addHelpText('after', [
      '',
      'Prints {"verdict":"allow"|"flag"|"block","score":0..1,"flags":[{"category","rule","match","start","end"}]}',
      '(plus "removed" when invisible characters were found, "unscanned" past the 1 Mi-character cap, and the',
      'input line\'s "id" with --jsonl). Offsets are UTF-16 code units into the text.',
      'With --jsonl, a line that is not {"text": "<string>"} gets {"error": ...} and the rest go on.',
      'Exit status: 0 every text allowed, 1 a text was flagged or blocked (or a --jsonl line was malformed), 2 usage error.',
    ].join('\n'));
  return command.action(() => withUsageErrors(command, async () => {
    const options = command.opts<ScanCliOptions>();
    const thresholds = parseThresholds(options);
    const outcome = options.jsonl === true ? await scanLines(context, thresholds) : await scanAll(context, thresholds);
    context.setExitCode(outcome === 'allow' ? ExitCode.ok : ExitCode.failure);
  }));
}

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

/** The whole of stdin is one text; past the scan cap it is only counted, never buffered. */
async function scanAll(context: CommandContext, thresholds: ContentGuardThresholds): Promise<Outcome> {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let kept = 0;
  let dropped = 0;
  const take = (text: string): void => {
    const room = DEFAULT_MAX_SCAN_CHARS - kept;
    if (room > 0) {
      parts.push(room >= text.length ? text : text.slice(0, room));
      kept += Math.min(room, text.length);
    }
    dropped += Math.max(0, text.length - Math.max(0, room));
  };
  for await (const chunk of context.stdin ?? []) take(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  take(decoder.decode());
  const result = scanContent(parts.join(''), { thresholds });
  write(context, toLine(result, undefined, dropped));
  return result.verdict === 'allow' ? 'allow' : 'found';
}

async function scanLines(context: CommandContext, thresholds: ContentGuardThresholds): Promise<Outcome> {
  let outcome: Outcome = 'allow';
  let number = 0;
  for await (const line of readLines(context.stdin ?? [], MAX_LINE_CHARS)) {
    number++;
    if (!('tooLong' in line) && line.text.trim() === '') continue;
    const request = 'tooLong' in line ? { error: `line ${number}: longer than ${MAX_LINE_CHARS} characters` } : parseRequest(line.text, number);
    if ('error' in request) {
      outcome = outcome === 'found' ? 'found' : 'bad-input';
      write(context, request);
      continue;
    }
    const result = scanContent(request.text, { thresholds });
    if (result.verdict !== 'allow') outcome = 'found';
    write(context, toLine(result, request.id, 0));
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

function toLine(result: ScanResult, id: string | number | undefined, unscannedBeyondInput: number): VerdictLine {
  const unscanned = result.unscannedChars + unscannedBeyondInput;
  return {
    ...(id === undefined ? {} : { id }),
    verdict: result.verdict,
    score: result.score,
    flags: result.flags.map(({ category, rule, match, start, end }) => ({ category, rule, match, start, end })),
    ...(Object.keys(result.removed).length === 0 ? {} : { removed: result.removed }),
    ...(unscanned === 0 ? {} : { unscanned }),
  };
}

function write(context: CommandContext, line: VerdictLine | { error: string }): void {
  context.stdout.write(`${JSON.stringify(line)}\n`);
}
