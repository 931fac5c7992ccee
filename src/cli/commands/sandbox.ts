import { Command } from 'commander';
import { quote } from 'shell-quote';
import { runSandboxed, type SandboxResult } from '../../core/sandbox/sandboxRunner';
import { startCliCommandEgress } from '../sandbox/commandEgress';
import { ExitCode, type CommandStatus } from '../exitCode';
import { loadEffectivePolicy, reportPolicyProblems, withPolicyOptions, withUsageErrors, type PolicyCliOptions } from '../policy/policyCliOptions';
import type { CommandContext } from './commandFactory';

/** `airlock sandbox run -- <command…>`: a command in the same sandbox the agent's commands run in. */
export function sandboxCommand(context: CommandContext): Command {
  const sandbox = new Command('sandbox').description('run commands in the sandbox the agent\'s commands run in (Linux, bubblewrap)');
  const run = withPolicyOptions(new Command('run'))
    .description('run a command in the sandbox: the workspace writable but its control files and files.readonly paths, the rest read-only, home secrets hidden, the network only through Airlock\'s egress proxy (egress rules for the tool "shell"), the policy\'s commands.limits')
    .argument('<command...>', 'one argument: a shell command line ("npm test && npm run lint"); several: a program and its arguments')
    .addHelpText('after', `\nExit status: the command's own; ${ExitCode.sandboxKilled} killed at commands.limits.wallSeconds or outputBytes (or stopped with Ctrl-C); ${ExitCode.sandboxUnavailable} no sandbox could be made here (the reason is on stderr; nothing ran); ${ExitCode.failure} the policy failed to load; ${ExitCode.usage} usage error.\nA process killed by the CPU-time limit exits 152 (128 + SIGXCPU).`);
  sandbox.addCommand(run.action((words: string[]) => withUsageErrors(run, async () => {
    const options = run.opts<PolicyCliOptions>();
    const { load, effective } = await loadEffectivePolicy(options, context);
    reportPolicyProblems(effective, context);
    // A policy that fails to load leaves its readonly globs and limits unknown: nothing runs.
    if (effective.errors.length > 0) {
      context.setExitCode(ExitCode.failure);
      return;
    }
    const stop = new AbortController();
    const onInterrupt = (): void => stop.abort();
    process.once('SIGINT', onInterrupt);
    const policy = effective.policy;
    let auditFailed = false;
    const onAuditError = (message: string): void => {
      if (!auditFailed) context.stderr.write(`warning: the command's connections could not be audited: ${message}\n`);
      auditFailed = true;
    };
    const egress = await startCliCommandEgress({ policy, configDir: load.configDir, workspaceFolder: load.workspaceFolder, onAuditError });
    try {
      const result = await runSandboxed({
        command: words.length === 1 ? (words[0] ?? '') : quote(words),
        workspace: load.workspaceFolder,
        readonlyGlobs: policy.files.readonly,
        deniedGlobs: policy.files.deny,
        limits: policy.commands.limits,
        parentEnv: context.env,
        ...egress.fields(policy),
        signal: stop.signal,
        onOutput: (stream, chunk) => (stream === 'stdout' ? context.stdout : context.stderr).write(chunk.toString('utf8')),
      });
      if (!(result.ran && result.endedBy === 'exit')) context.stderr.write(`airlock sandbox: ${result.reason}\n`);
      if (result.ran && result.sweep) {
        for (const path of result.sweep.removed) context.stderr.write(`airlock sandbox: removed ${path}: the command created it, and commands may not write control files\n`);
        for (const path of result.sweep.failed) context.stderr.write(`airlock sandbox: could not remove or check ${path}; check it before trusting this folder\n`);
      }
      context.setExitCode(exitStatus(result));
    } finally {
      process.removeListener('SIGINT', onInterrupt);
      await egress.close();
    }
  })));
  return sandbox;
}

function exitStatus(result: SandboxResult): ExitCode | CommandStatus {
  if (!result.ran) return ExitCode.sandboxUnavailable;
  return result.exitCode ?? ExitCode.sandboxKilled;
}
