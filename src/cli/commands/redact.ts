import { Command } from 'commander';
import { countKinds, DEFAULT_MAX_REDACT_CHARS, redact, type Redaction } from '../../core/redaction';
import { readLines } from '../check/readLines';
import { ExitCode } from '../exitCode';
import type { CommandContext } from './commandFactory';

interface RedactOptions {
  readonly jsonl?: boolean;
}

/** Longest `--jsonl` line; longer ones get an error line (their text is never echoed). */
const MAX_LINE_CHARS = 8 * 1024 * 1024;

type Outcome = 'ok' | 'bad-input';

/** `airlock redact [--jsonl]`: stdin with every secret replaced by `[REDACTED:<kind>]`. */
export function redactCommand(context: CommandContext): Command {
  const command = new Command('redact')
    .description('copy stdin to stdout with every secret replaced by [REDACTED:<kind>]')
    .option('--jsonl', 'read {"text": ...} lines and print {"text": ..., "redactions": [{"kind", "start", "end"}]} for each, in order')
    .addHelpText('after', [
      '',
      'Without --jsonl, a summary of what was redacted goes to stderr.',
      'With --jsonl, a line that is not {"text": "<string>"} gets {"error": ...} (its content is not echoed) and the rest go on.',
      `Exit status: 0 done, 1 bad input (a malformed --jsonl line, or more than ${DEFAULT_MAX_REDACT_CHARS / 1024 / 1024} Mi characters), 2 usage error.`,
    ].join('\n'));
  return command.action(async () => {
    const options = command.opts<RedactOptions>();
    const outcome = options.jsonl === true ? await redactLines(context) : await redactAll(context);
    context.setExitCode(outcome === 'ok' ? ExitCode.ok : ExitCode.failure);
  });
}

async function redactAll(context: CommandContext): Promise<Outcome> {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of context.stdin ?? []) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    length += text.length;
    if (length > DEFAULT_MAX_REDACT_CHARS) {
      context.stderr.write(`airlock: the input is longer than ${DEFAULT_MAX_REDACT_CHARS} characters; nothing was printed (split it, or use --jsonl)\n`);
      return 'bad-input';
    }
    parts.push(text);
  }
  parts.push(decoder.decode());
  const result = redact(parts.join(''));
  context.stdout.write(result.text);
  if (result.redactions.length > 0) context.stderr.write(`airlock: redacted ${summary(result.redactions)}\n`);
  return 'ok';
}

async function redactLines(context: CommandContext): Promise<Outcome> {
  let outcome: Outcome = 'ok';
  let number = 0;
  for await (const line of readLines(context.stdin ?? [], MAX_LINE_CHARS)) {
    number++;
    const text = 'tooLong' in line ? { error: `line ${number}: longer than ${MAX_LINE_CHARS} characters` } : parseRequest(line.text, number);
    if ('error' in text) {
      outcome = 'bad-input';
      context.stdout.write(`${JSON.stringify(text)}\n`);
      continue;
    }
    const result = redact(text.text);
    context.stdout.write(`${JSON.stringify({ text: result.text, redactions: result.redactions.map(({ kind, start, end }) => ({ kind, start, end })) })}\n`);
  }
  return outcome;
}

/** `{"text": "<string>"}`; the error never quotes the line, which may hold the very secret. */
function parseRequest(line: string, number: number): { text: string } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { error: `line ${number}: not JSON; expected {"text": "<string>"}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { error: `line ${number}: not a JSON object; expected {"text": "<string>"}` };
  const text = (data as { text?: unknown }).text;
  return typeof text === 'string' ? { text } : { error: `line ${number}: "text" is missing or not a string; expected {"text": "<string>"}` };
}

function summary(redactions: readonly Redaction[]): string {
  const counts = Object.entries(countKinds(redactions));
  const total = redactions.length;
  return `${total} secret${total === 1 ? '' : 's'}: ${counts.map(([kind, count]) => `${kind} ×${count}`).join(', ')}`;
}
