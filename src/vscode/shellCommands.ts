import { relative } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type * as vscode from 'vscode';
import type { CommandEnd, CommandIsolation, CommandPort, CommandRequest } from '../core/agent/tools/shellRunTool';
import type { AuditSink } from '../core/audit/auditSink';
import type { EgressApprovals } from '../core/egress/egressApproval';
import { startCommandEgress, type CommandEgress } from '../core/egress/commandEgress';
import type { PolicyPack } from '../core/policy/policySchema';
import { findSandboxBackend } from '../core/sandbox/sandboxBackend';
import { runSandboxed, type ControlSweep, type SandboxResult } from '../core/sandbox/sandboxRunner';
import { runUnsandboxed } from '../core/sandbox/unsandboxedRunner';

export interface ShellCommandsDeps {
  readonly policy: () => PolicyPack;
  readonly audit: AuditSink;
  /** Asked when an egress requireApproval rule matches a command's connection. */
  readonly approvals: EgressApprovals;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Where shell.run's commands run in VS Code: bubblewrap, with the egress proxy started on first
 * use (one per window, on a Unix socket in a folder only this user can open) and closed with the
 * window; or, where there is no sandbox and the policy opts in, without one.
 */
export class ShellCommands implements CommandPort, vscode.Disposable {
  private backend: Promise<CommandIsolation> | undefined;
  private proxy: Promise<CommandEgress> | undefined;

  constructor(private readonly deps: ShellCommandsDeps) {}

  isolation(): Promise<CommandIsolation> {
    this.backend ??= findSandboxBackend().then((found): CommandIsolation => (found.ok ? { sandboxed: true, backend: `bubblewrap ${found.version.replace(/^bubblewrap\s*/, '')}` } : { sandboxed: false, reason: found.reason }));
    return this.backend;
  }

  async run(request: CommandRequest): Promise<CommandEnd> {
    const policy = this.deps.policy();
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    const onOutput = (stream: 'stdout' | 'stderr', chunk: Buffer): void => {
      const text = decoders[stream].write(chunk);
      if (text !== '') request.onOutput(text);
    };
    let result: SandboxResult;
    if (request.sandboxed) {
      const proxy = await this.egressProxy();
      result = await runSandboxed({
        command: request.command,
        workspace: request.workspace,
        cwd: request.cwd,
        readonlyGlobs: policy.files.readonly,
        deniedGlobs: policy.files.deny,
        limits: policy.commands.limits,
        parentEnv: process.env,
        ...proxy.fields(policy),
        signal: request.signal,
        onOutput,
      });
    } else {
      result = await runUnsandboxed({ command: request.command, cwd: request.cwd, limits: policy.commands.limits, parentEnv: process.env, signal: request.signal, onOutput });
    }
    for (const decoder of Object.values(decoders)) {
      const rest = decoder.end();
      if (rest !== '') request.onOutput(rest);
    }
    if (!result.ran) this.deps.log.warn(`shell.run: the command did not run: ${result.reason}`);
    if (!result.ran) return { ran: false, reason: result.reason };
    const notes = result.sweep ? sweepNotes(result.sweep, request.workspace) : [];
    if (notes.length > 0) this.deps.audit.record({ actor: 'agent', action: 'tool.shell.run', target: request.command.slice(0, 500), decision: 'deny', reason: notes.join('; ') });
    return { ran: true, exitCode: result.exitCode, reason: result.reason, notes };
  }

  private egressProxy(): Promise<CommandEgress> {
    this.proxy ??= startCommandEgress({ policy: this.deps.policy, audit: this.deps.audit, approvals: this.deps.approvals, actor: 'agent' }).then((proxy) => {
      this.deps.log.info('egress proxy for commands started');
      return proxy;
    });
    return this.proxy;
  }

  dispose(): void {
    void this.proxy?.then((proxy) => proxy.close());
  }
}

/** What the card, the model and the audit log are told about control files a command created. */
function sweepNotes(sweep: ControlSweep, workspace: string): string[] {
  const shown = (paths: readonly string[]): string => paths.map((path) => relative(workspace, path) || path).join(', ');
  return [
    ...(sweep.removed.length > 0 ? [`removed control files the command created, which commands may not write: ${shown(sweep.removed)}`] : []),
    ...(sweep.failed.length > 0 ? [`could not remove or check control files the command may have created: ${shown(sweep.failed)}; check them before trusting this folder`] : []),
  ];
}
