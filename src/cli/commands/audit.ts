import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { auditFiles, locateAuditLog, readRecentEntries, verifyAuditLog, type AuditEntry, type AuditVerification } from '../../core/audit';
import { resolveConfigDir } from '../../core/policy/policyPaths';
import { redact } from '../../core/redaction';
import { ExitCode } from '../exitCode';
import { CliUsageError, withUsageErrors } from '../policy/policyCliOptions';
import type { CommandContext } from './commandFactory';

interface LocationOptions {
  readonly workspace?: string;
  readonly file?: string;
  readonly json?: boolean;
}

interface TailOptions extends LocationOptions {
  readonly lines: number;
}

/** `airlock audit verify|tail`: check the hash chain of a workspace's audit log, or read its end. */
export function auditCommand(context: CommandContext): Command {
  return new Command('audit')
    .description('verify or read the tamper-evident audit log of a workspace')
    .addCommand(verifyCommand(context))
    .addCommand(tailCommand(context));
}

function withLocationOptions(command: Command): Command {
  return command
    .option('--workspace <dir>', 'the workspace folder whose log to read (default: the current directory); the extension records where it keeps each log')
    .option('--file <path>', 'the active log file itself (audit.jsonl), instead of --workspace')
    .option('--json', 'print JSON instead of text');
}

function verifyCommand(context: CommandContext): Command {
  const command = withLocationOptions(new Command('verify'))
    .description('check every entry, the chain that links them (across rotated files) and the checkpoint; report the first problem')
    .addHelpText('after', [
      '',
      'Reports the first modified, deleted, inserted or reordered entry with its seq, file and line.',
      'A last line torn by a crash is a warning, not tampering: the next append records the recovery.',
      'Exit status: 0 intact (warnings may be printed), 1 tampering found or no log, 2 usage error.',
    ].join('\n'));
  return command.action(() => withUsageErrors(command, () => {
    const options = command.opts<LocationOptions>();
    const file = locate(options, context);
    if (!existsSync(file) && auditFiles(file).listRotated().length === 0) {
      if (options.json === true) context.stdout.write(`${JSON.stringify({ status: 'missing', file })}\n`);
      else context.stderr.write(`airlock: no audit log at ${file}\n`);
      context.setExitCode(ExitCode.failure);
      return Promise.resolve();
    }
    const report = verifyAuditLog(file);
    if (options.json === true) context.stdout.write(`${JSON.stringify({ status: status(report), file, ...report }, null, 2)}\n`);
    else writeVerification(file, report, context);
    context.setExitCode(report.ok ? ExitCode.ok : ExitCode.failure);
    return Promise.resolve();
  }));
}

function tailCommand(context: CommandContext): Command {
  const command = withLocationOptions(new Command('tail'))
    .description('print the most recent entries, oldest first')
    .option('-n, --lines <count>', 'how many entries', parseCount, 20)
    .addHelpText('after', '\nWith --json, each entry is printed as stored: one JSON object per line.\nExit status: 0 printed, 1 no log, 2 usage error.');
  return command.action(() => withUsageErrors(command, () => {
    const options = command.opts<TailOptions>();
    const file = locate(options, context);
    const chain = auditFiles(file).chain().filter((path) => existsSync(path));
    if (chain.length === 0) {
      context.stderr.write(`airlock: no audit log at ${file}\n`);
      context.setExitCode(ExitCode.failure);
      return Promise.resolve();
    }
    for (const { entry } of readRecentEntries(chain, options.lines)) {
      context.stdout.write(options.json === true ? `${JSON.stringify(entry)}\n` : `${formatEntry(entry)}\n`);
    }
    context.setExitCode(ExitCode.ok);
    return Promise.resolve();
  }));
}

function locate(options: LocationOptions, context: CommandContext): string {
  const cwd = context.cwd ?? process.cwd();
  if (options.file !== undefined && options.workspace !== undefined) throw new CliUsageError('give either --workspace or --file, not both');
  if (options.file !== undefined) return resolve(cwd, options.file);
  const workspaceFolder = resolve(cwd, options.workspace ?? '.');
  if (!existsSync(workspaceFolder)) throw new CliUsageError(`--workspace ${workspaceFolder}: no such folder`);
  const configDir = resolveConfigDir(context.env, context.env.HOME ?? homedir());
  return locateAuditLog({ configDir, workspaceFolder }).file;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw new InvalidArgumentError('expected a whole number from 1 to 1000000');
  return count;
}

function status(report: AuditVerification): 'intact' | 'intact-with-warnings' | 'tampered' {
  if (!report.ok) return 'tampered';
  return report.warnings.length > 0 ? 'intact-with-warnings' : 'intact';
}

function writeVerification(file: string, report: AuditVerification, context: CommandContext): void {
  const span = report.last === undefined ? 'no entries' : `${report.entries} entr${report.entries === 1 ? 'y' : 'ies'} checked`;
  context.stdout.write(`audit log: ${file} (${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${span})\n`);
  for (const warning of report.warnings) context.stderr.write(`warning: ${printable(warning.message)}\n`);
  if (report.problem !== undefined) {
    context.stdout.write(`TAMPERED (${report.problem.kind}): ${printable(report.problem.message)}\n`);
    return;
  }
  const last = report.last === undefined ? '' : `; last entry seq ${report.last.seq} at ${report.last.time}, hash ${report.last.hash.slice(0, 16)}…`;
  context.stdout.write(`ok: the hash chain is intact${last}\n`);
}

/** One line per entry: time, seq, actor, decision, action, target, reason, rule, flags. */
export function formatEntry(entry: AuditEntry): string {
  const time = entry.time.replace('T', ' ').replace('Z', '');
  const parts = [`${time}  #${entry.seq}`, entry.actor.padEnd(6), (entry.decision ?? '-').padEnd(5), entry.action];
  if (entry.target !== undefined) parts.push(entry.target);
  let line = parts.join('  ');
  if (entry.reason !== undefined) line += `  — ${entry.reason}`;
  if (entry.rule !== undefined) line += ` (rule ${entry.rule})`;
  if (entry.flags !== undefined && entry.flags.length > 0) line += `  [${entry.flags.join(', ')}]`;
  if (entry.redacted !== undefined) line += `  {redacted: ${Object.entries(entry.redacted).map(([kind, count]) => `${kind} ×${count ?? 0}`).join(', ')}}`;
  // Entries were redacted when written; a hand-edited line was not, and terminal escapes must not reach the terminal.
  return printable(redact(line).text);
}

/** Control, bidi, zero-width and tag characters shown as \u escapes, so a log line cannot rewrite the terminal. */
function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += !isInvisible(code) ? char : code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function isInvisible(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff || (code >= 0xe0000 && code <= 0xe007f);
}
