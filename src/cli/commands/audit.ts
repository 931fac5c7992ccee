import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { auditFiles, auditKeyPath, readRecentEntries, verifyAuditLog, type AuditEntry, type AuditVerification } from '../../core/audit';
import { findAuditLog, recordedWorkspaces } from '../../core/audit/auditLocation';
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

/** `airlock audit verify|tail`: check the chain and seals of a workspace's audit log, or read its end. */
export function auditCommand(context: CommandContext): Command {
  return new Command('audit')
    .description('verify or read the tamper-evident audit log of a workspace')
    .addCommand(verifyCommand(context))
    .addCommand(tailCommand(context));
}

function withLocationOptions(command: Command): Command {
  return command
    .option('--workspace <dir>', 'the workspace folder whose log to read (default: the current directory, or the nearest folder above it with a log); the extension records where it keeps each log')
    .option('--file <path>', 'the active log file itself (audit.jsonl), instead of --workspace')
    .option('--json', 'print JSON instead of text');
}

function verifyCommand(context: CommandContext): Command {
  const command = withLocationOptions(new Command('verify'))
    .description('check every entry, the chain that links them (across rotated files), their seals and the sealed checkpoint; report the first problem')
    .addHelpText('after', [
      '',
      'Reports the first modified, deleted, inserted, reordered or forged entry with its seq, file and line.',
      'Seals are checked with the key file in the config folder (keys/<log id>.json); without it, or without',
      'a sealed checkpoint, the log cannot be proven complete, and that is not "ok".',
      'A last line torn by a crash is a warning, not tampering: the next append records the recovery.',
      'Exit status: 0 intact (warnings may be printed), 1 tampering found, completeness unprovable or no log, 2 usage error.',
    ].join('\n'));
  return command.action(() => withUsageErrors(command, () => {
    const options = command.opts<LocationOptions>();
    const file = locate(options, context, 'verify');
    if (file === undefined || (!existsSync(file) && auditFiles(file).listRotated().length === 0)) {
      if (options.json === true) context.stdout.write(`${JSON.stringify({ status: 'missing', ...(file === undefined ? {} : { file }) })}\n`);
      if (file !== undefined && options.json !== true) context.stderr.write(`airlock: no audit log at ${file}\n`);
      context.setExitCode(ExitCode.failure);
      return Promise.resolve();
    }
    const report = verifyAuditLog(file, { keyFile: auditKeyPath(configDirOf(context), file) });
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
    const file = locate(options, context, 'tail');
    const chain = file === undefined ? [] : auditFiles(file).chain().filter((path) => existsSync(path));
    if (chain.length === 0) {
      if (file !== undefined) context.stderr.write(`airlock: no audit log at ${file}\n`);
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

/**
 * The log to read: `--file`, else the log of `--workspace` or the current folder (or the nearest
 * folder above it that has one). When there is none, says so on stderr with the `--workspace`
 * values that would work, and returns undefined.
 */
function locate(options: LocationOptions, context: CommandContext, name: 'verify' | 'tail'): string | undefined {
  const cwd = context.cwd ?? process.cwd();
  if (options.file !== undefined && options.workspace !== undefined) throw new CliUsageError('give either --workspace or --file, not both');
  if (options.file !== undefined) return resolve(cwd, options.file);
  const folder = resolve(cwd, options.workspace ?? '.');
  if (!existsSync(folder)) throw new CliUsageError(`--workspace ${folder}: no such folder`);
  const configDir = configDirOf(context);
  const found = findAuditLog({ configDir, folder });
  if (found !== undefined) return found.file;
  const known = recordedWorkspaces(configDir);
  const lines = [`airlock: no audit log for ${folder}: the extension records each workspace's log in ${configDir}/audit-logs.json, and neither this folder nor any above it is there.`];
  if (known.length > 0) lines.push('Logs are recorded for:', ...known.map((workspace) => `  airlock audit ${name} --workspace ${quote(workspace)}`));
  else lines.push('No workspace is recorded there yet: open the folder in VS Code with Airlock (it records the log when it starts), or pass --file <path to audit.jsonl>.');
  lines.push('If the extension runs with another AIRLOCK_CONFIG_DIR (or XDG_CONFIG_HOME), set the same one here.');
  context.stderr.write(`${lines.join('\n')}\n`);
  return undefined;
}

function configDirOf(context: CommandContext): string {
  return resolveConfigDir(context.env, context.env.HOME ?? homedir());
}

function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw new InvalidArgumentError('expected a whole number from 1 to 1000000');
  return count;
}

function status(report: AuditVerification): 'intact' | 'intact-with-warnings' | 'tampered' | 'unprovable' {
  if (report.problem?.kind === 'unprovable') return 'unprovable';
  if (!report.ok) return 'tampered';
  return report.warnings.length > 0 ? 'intact-with-warnings' : 'intact';
}

function writeVerification(file: string, report: AuditVerification, context: CommandContext): void {
  const span = report.last === undefined ? 'no entries' : `${report.entries} entr${report.entries === 1 ? 'y' : 'ies'} checked`;
  context.stdout.write(`audit log: ${file} (${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${span})\n`);
  for (const warning of report.warnings) context.stderr.write(`warning: ${printable(warning.message)}\n`);
  if (report.problem !== undefined) {
    const verdict = report.problem.kind === 'unprovable' ? 'CANNOT PROVE COMPLETENESS' : `TAMPERED (${report.problem.kind})`;
    context.stdout.write(`${verdict}: ${printable(report.problem.message)}\n`);
    return;
  }
  const last = report.last === undefined ? '' : `; last entry seq ${report.last.seq} at ${report.last.time}, hash ${report.last.hash.slice(0, 16)}…`;
  context.stdout.write(`ok: the hash chain is intact and sealed${last}\n`);
  if (report.sealed !== undefined && report.sealed.epoch > 0) {
    // Said every time: what the key file alone cannot show (docs/audit.md, "What each attacker can do").
    context.stdout.write(`note: seals checked with the key file, from epoch ${report.sealed.epoch} on; entries of earlier epochs are proven by the chain to the sealed checkpoint, which a thief of today's key could rewrite (Show Audit Log in VS Code checks them from the key it kept when it first opened this log)\n`);
  }
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
