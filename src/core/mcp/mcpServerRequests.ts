/**
 * What a server may ask of Airlock (server-initiated requests), installed on a Client before it
 * connects (capabilities can only be declared then):
 * - `sampling/createMessage` (the server asking to use the user's model): declared and answered
 *   only when the server's policy has `sampling: true`, then every request is put to the user
 *   (`sample`); refused while the policy says no, even if it changed after connecting;
 * - `elicitation/create` (the server asking the user a question): form mode only, shown as coming
 *   from the named server (`elicit`); declined when there is nobody to ask;
 * - `roots/list`: the workspace folders, nothing else.
 */
import { pathToFileURL } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ErrorCode, ListRootsRequestSchema, McpError, type ClientCapabilities, type CreateMessageRequest, type CreateMessageResult, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { AuditSink } from '../audit/auditSink';
import { sanitize } from '../content';
import type { McpServerPolicy } from '../policy/policySchema';

/** JSON-RPC code the MCP specification gives a sampling request the user rejected. */
export const USER_REJECTED = -1;

export interface SamplingAsk {
  readonly server: string;
  readonly params: CreateMessageRequest['params'];
}

export interface ElicitationAsk {
  readonly server: string;
  /** The server's question, invisible characters removed; the UI shows it as the server's words. */
  readonly message: string;
  readonly requestedSchema: Extract<ElicitRequest['params'], { requestedSchema: unknown }>['requestedSchema'];
}

export interface McpServerRequestDeps {
  readonly server: string;
  readonly policy: () => McpServerPolicy | undefined;
  /** The workspace folders, as absolute paths with their names. */
  readonly workspaceFolders: () => readonly { readonly path: string; readonly name: string }[];
  /** Asks the user whether the server may use the model for this request, and runs it; undefined: not approved (refused, or nobody answered). */
  readonly sample?: (ask: SamplingAsk, signal: AbortSignal) => Promise<CreateMessageResult | undefined>;
  /** Shows the server's question to the user. */
  readonly elicit?: (ask: ElicitationAsk, signal: AbortSignal) => Promise<ElicitResult>;
  readonly audit: AuditSink;
}

/** What the client declares to this server: sampling only when its policy allows it. */
export function mcpClientCapabilities(policy: McpServerPolicy): ClientCapabilities {
  return { roots: { listChanged: true }, elicitation: { form: {} }, ...(policy.sampling ? { sampling: {} } : {}) };
}

/** Declares the capabilities and installs the handlers; call before `client.connect`. */
export function installServerRequestHandlers(client: Client, deps: McpServerRequestDeps): void {
  const policy = deps.policy();
  if (!policy) throw new Error(`the policy names no MCP server "${deps.server}"`);
  const capabilities = mcpClientCapabilities(policy);
  client.registerCapabilities(capabilities);
  const record = (action: string, decision: 'allow' | 'deny', reason: string, detail: Record<string, string | number> = {}): void => deps.audit.record({ actor: 'system', action, target: `mcp.${deps.server}`, decision, reason, detail: { server: deps.server, ...detail } });

  if (capabilities.sampling) {
    client.setRequestHandler(CreateMessageRequestSchema, async (request, extra) => {
      if (deps.policy()?.sampling !== true) {
        record('mcp.sampling', 'deny', 'sampling is off in the server\'s policy');
        throw new McpError(ErrorCode.InvalidRequest, `Airlock: MCP server "${deps.server}" may not use the model (sampling is off in its policy)`);
      }
      let result: CreateMessageResult | undefined;
      try {
        result = deps.sample ? await deps.sample({ server: deps.server, params: request.params }, extra.signal) : undefined;
      } catch (error) {
        record('mcp.sampling', 'deny', error instanceof Error ? error.message : String(error));
        throw error;
      }
      if (!result) {
        // The sampler does not say which: a person saying no and nobody there to ask are both a no.
        record('mcp.sampling', 'deny', 'not approved: the user refused, or nobody answered');
        throw new McpError(USER_REJECTED, 'Airlock: the sampling request was not approved: the user refused, or nobody answered');
      }
      // What went back, never the text itself.
      record('mcp.sampling', 'allow', 'the user allowed it', { model: result.model, bytes: replyBytes(result), ...(result.stopReason === undefined ? {} : { stopReason: result.stopReason }) });
      return result;
    });
  }

  client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
    const { params } = request;
    if (!('requestedSchema' in params) || !deps.elicit) {
      record('mcp.elicitation', 'deny', deps.elicit ? 'only form elicitation is supported' : 'nobody to ask');
      return { action: 'decline' };
    }
    const result = await deps.elicit({ server: deps.server, message: sanitize(params.message).text, requestedSchema: params.requestedSchema }, extra.signal);
    record('mcp.elicitation', result.action === 'accept' ? 'allow' : 'deny', `the user chose ${result.action}`);
    return result;
  });

  client.setRequestHandler(ListRootsRequestSchema, () => ({
    roots: deps.workspaceFolders().map((folder) => ({ uri: pathToFileURL(folder.path).href, name: folder.name })),
  }));
}

/** UTF-8 bytes of a reply's text content. */
function replyBytes(result: CreateMessageResult): number {
  const blocks: readonly { readonly type: string; readonly text?: unknown }[] = Array.isArray(result.content) ? (result.content as { type: string }[]) : [result.content];
  return blocks.reduce((sum, block) => sum + (typeof block.text === 'string' ? Buffer.byteLength(block.text, 'utf8') : 0), 0);
}
