import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { DefinitionReason, DefinitionVerdict, ToolDefinition } from '../../core/mcp/toolDefinition';
import { scanToolDefinition } from '../../core/mcp/toolDefinitionScan';
import { readLines } from '../check/readLines';
import { ExitCode } from '../exitCode';
import { withUsageErrors } from '../policy/policyCliOptions';
import type { CommandContext } from './commandFactory';
import { mcpServerCommands } from '../mcp/mcpServerCommands';

/** Longest input line or document; longer ones get an error line. */
const MAX_INPUT_CHARS = 8 * 1024 * 1024;

/** Worst first, as for `airlock scan`: a blocked definition outranks a flagged one, which outranks a malformed line. */
type Outcome = 'allow' | 'bad-input' | DefinitionVerdict;
const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { allow: 0, 'bad-input': 1, flag: 2, block: 3 };
const OUTCOME_EXIT = { allow: ExitCode.ok, 'bad-input': ExitCode.failure, flag: ExitCode.flagged, block: ExitCode.blocked } as const;

function worse(a: Outcome, b: Outcome): Outcome {
  return OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a;
}

interface VerdictLine {
  readonly name: string;
  readonly verdict: DefinitionVerdict;
  readonly reasons: readonly DefinitionReason[];
}

type Input = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** `airlock mcp …`: MCP servers through the guard: the definition scan, the policy's servers, their approvals. */
export function mcpCommand(context: CommandContext): Command {
  const mcp = new Command('mcp').description('MCP servers through the guard: list them, move direct ones behind Airlock, review and approve their tool definitions, scan definitions');
  for (const command of mcpServerCommands(context)) mcp.addCommand(command);
  const scan = new Command('scan')
    .description('scan MCP tool definitions (tools/list entries) for poisoning and print one verdict line per tool')
    .argument('[file]', 'the file to read; stdin when absent')
    .option('--jsonl', 'read one {"tool": {...}} per line; without it the input is one {"tool": {...}} or {"tools": [...]} document')
    .addHelpText('after', [
      '',
      'Prints {"name","verdict":"allow"|"flag"|"block","reasons":[{"rule","text","at"}]} for each tool, in order.',
      'A line (or document) that is not a tool definition gets {"error": "line N: ..."} and the rest go on.',
      'Exit status: 0 every definition allowed, 10 one was flagged (none blocked), 11 one was blocked,',
      '1 the file could not be read or an input was malformed (and nothing was flagged), 2 usage error.',
    ].join('\n'));
  mcp.addCommand(scan.action((file: string | undefined) => withUsageErrors(scan, async () => {
    const jsonl = scan.opts<{ jsonl?: boolean }>().jsonl === true;
    const input = file === undefined ? (context.stdin ?? []) : createReadStream(path.resolve(context.cwd ?? process.cwd(), file));
    let outcome: Outcome;
    try {
      outcome = jsonl ? await scanLines(context, input) : await scanDocument(context, input);
    } catch (error) {
      if (file === undefined || !isFileError(error)) throw error;
      context.stderr.write(`airlock mcp scan: cannot read ${file}: ${error.code}\n`);
      outcome = 'bad-input';
    }
    context.setExitCode(OUTCOME_EXIT[outcome]);
  })));
  return mcp;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

async function scanLines(context: CommandContext, input: Input): Promise<Outcome> {
  let outcome: Outcome = 'allow';
  let number = 0;
  for await (const line of readLines(input, MAX_INPUT_CHARS)) {
    number++;
    if (!('tooLong' in line) && line.text.trim() === '') continue;
    const parsed = 'tooLong' in line ? { error: `line ${number}: longer than ${MAX_INPUT_CHARS} characters` } : parseTools(line.text, `line ${number}`, false);
    outcome = worse(outcome, answer(context, parsed));
  }
  return outcome;
}

async function scanDocument(context: CommandContext, input: Input): Promise<Outcome> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length > MAX_INPUT_CHARS) return answer(context, { error: `input: longer than ${MAX_INPUT_CHARS} characters` });
  }
  text += decoder.decode();
  return answer(context, parseTools(text, 'input', true));
}

function answer(context: CommandContext, parsed: readonly ToolDefinition[] | { error: string }): Outcome {
  if ('error' in parsed) {
    write(context, parsed);
    return 'bad-input';
  }
  let outcome: Outcome = 'allow';
  for (const tool of parsed) {
    const result = scanToolDefinition(tool);
    outcome = worse(outcome, result.verdict);
    write(context, { name: tool.name, verdict: result.verdict, reasons: result.reasons });
  }
  return outcome;
}

/** `{"tool": {...}}`, or with `allowList` also `{"tools": [...]}`; an error names where, never the content. */
function parseTools(text: string, where: string, allowList: boolean): readonly ToolDefinition[] | { error: string } {
  const expected = allowList ? 'expected {"tool": {"name": "<string>", ...}} or {"tools": [...]}' : 'expected {"tool": {"name": "<string>", ...}}';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: `${where}: not JSON; ${expected}` };
  }
  if (!isRecord(data)) return { error: `${where}: not a JSON object; ${expected}` };
  const tools = allowList && Array.isArray(data.tools) ? (data.tools as unknown[]) : [data.tool];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool) || typeof tool.name !== 'string') {
      const which = tools.length === 1 && !Array.isArray(data.tools) ? '"tool"' : `"tools"[${index}]`;
      return { error: `${where}: ${which} is missing or has no string "name"; ${expected}` };
    }
  }
  return tools as ToolDefinition[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function write(context: CommandContext, line: VerdictLine | { error: string }): void {
  context.stdout.write(`${JSON.stringify(line)}\n`);
}
