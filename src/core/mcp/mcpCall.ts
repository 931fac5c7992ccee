/**
 * One call of an offered MCP tool. Order of checks, first failure ends the call with a reason:
 * 1. the server's policy still allows the tool (it may have changed since it was offered);
 * 2. the arguments match the pinned input schema (checkMcpArguments);
 * 3. the server is under its `limits.callsPerMinute`;
 * 4. `tools/call` with the server's `limits.callTimeoutSeconds` and the turn's cancellation, its
 *    progress notifications shown on the tool card (progress does not extend the timeout);
 * 5. the result as text (callOutput): summarised, capped, redacted.
 * Approval by risk happens before `call` (the ToolRunner asks); the ToolRunner's content guard
 * wraps the text as untrusted tool output and writes the audit entry with `audit` below.
 * A server's own error text (a JSON-RPC error message) is never put into an error: errors reach
 * the model outside the untrusted-data markers, so only the code is told.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ToolProgress, ToolResult } from '../agent/agentTool';
import { canonicalJson } from './canonicalJson';
import type { McpServerPolicy } from '../policy/policySchema';
import { CallRate } from './callRate';
import type { OfferedMcpTool } from './definitionReview';
import { checkMcpArguments } from './mcpArguments';
import { callOutput } from './mcpCallOutput';
import { progressReporter } from './mcpProgress';
import { decideMcpTool } from './mcpToolPolicy';

export interface McpCallerDeps {
  readonly server: string;
  readonly client: () => Promise<Client>;
  readonly policy: () => McpServerPolicy | undefined;
  readonly now?: () => number;
}

export class McpCaller {
  private readonly rate: CallRate;

  constructor(private readonly deps: McpCallerDeps) {
    this.rate = new CallRate(deps.now);
  }

  /** `progress` gets the server's progress notifications as lines for the tool card. */
  async call(tool: OfferedMcpTool, args: Readonly<Record<string, unknown>>, signal: AbortSignal, progress?: ToolProgress): Promise<ToolResult> {
    const audit = { server: this.deps.server, tool: tool.name, pin: tool.pin, arguments: argumentHash(args) };
    const refuse = (error: string, extra: Record<string, string | number | boolean> = {}): ToolResult => ({ ok: false, error, audit: { ...audit, ...extra } });
    const policy = this.deps.policy();
    const decision = decideMcpTool(policy, tool.name);
    if (!policy || !decision.offered) return refuse(`the policy no longer offers ${tool.id}: ${decision.reason}`);
    const checked = checkMcpArguments(tool.pin, tool.inputSchema, args);
    if (!checked.ok) return refuse(`invalid arguments for ${tool.id}: ${checked.error}`);
    if (!this.rate.take(policy.limits.callsPerMinute)) return refuse(`MCP server "${this.deps.server}" had ${policy.limits.callsPerMinute} calls in the last minute (limits.callsPerMinute); try again later`);
    const timeoutMs = policy.limits.callTimeoutSeconds * 1000;
    let result;
    try {
      const client = await this.deps.client();
      result = await client.callTool({ name: tool.name, arguments: { ...args } }, undefined, { signal, timeout: timeoutMs, maxTotalTimeout: timeoutMs, ...(progress ? { onprogress: progressReporter(progress) } : {}) });
    } catch (error) {
      return refuse(describeCallError(error, signal, policy.limits.callTimeoutSeconds));
    }
    const output = callOutput(result as Parameters<typeof callOutput>[0], policy.limits.outputBytes);
    const facts = { ...audit, bytes: output.bytes, truncated: output.truncated, redacted: output.redacted, serverError: result.isError === true };
    const size = `${output.bytes} bytes${output.truncated ? `, cut at ${policy.limits.outputBytes}` : ''}`;
    if (result.isError === true) return { ok: true, content: `The tool reported an error:\n${output.text}`, summary: `${tool.id}: the server reported an error (${size})`, audit: facts };
    return { ok: true, content: output.text, summary: `${tool.id}: ${size}`, audit: facts };
  }
}

/** SHA-256 of the arguments' canonical JSON: the audit log says which call it was without holding its values. */
export function argumentHash(args: unknown): string {
  return createHash('sha256').update(canonicalJson(args), 'utf8').digest('hex');
}

function describeCallError(error: unknown, signal: AbortSignal, timeoutSeconds: number): string {
  if (signal.aborted) return 'the call was cancelled';
  if (error instanceof McpError) {
    if (error.code === Number(ErrorCode.RequestTimeout)) return `no answer within ${timeoutSeconds} s (limits.callTimeoutSeconds); the call was cancelled`;
    if (error.code === Number(ErrorCode.ConnectionClosed)) return 'the connection to the server closed during the call';
    return `the server answered with error ${error.code}`;
  }
  // The client's own errors (not connected, a result that is not a tool result) say what went wrong in the SDK's words.
  const message = error instanceof Error ? error.message : String(error);
  return `the call failed: ${message.replace(/\s+/g, ' ').slice(0, 200)}`;
}
