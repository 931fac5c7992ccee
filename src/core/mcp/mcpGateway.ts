import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';

/** One approved tool the gateway offers, named by its Airlock tool id (`mcp.<server>.<tool>`). */
export interface GatewayTool {
  readonly id: string;
  readonly description: string;
  readonly inputSchema: Tool['inputSchema'];
}

/** A question for the person at the other end of the MCP client (an approval by risk). */
export interface GatewayQuestion {
  readonly title: string;
  readonly detail: string;
}

/** What the gateway lets a call ask and know while it runs. */
export interface GatewayCallContext {
  /** True only when the user answered "allow"; a client that cannot ask gets false. */
  readonly ask: (question: GatewayQuestion) => Promise<boolean>;
  readonly signal: AbortSignal;
}

export type GatewayCallResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/**
 * What stands behind the gateway: the approved servers with every check (allowlist, pinned
 * definitions, argument validation, approval by risk, output caps, content guard, audit). The
 * gateway adds none of its own and never reaches a server except through it.
 */
export interface GatewayBackend {
  tools(): Promise<readonly GatewayTool[]>;
  call(toolId: string, args: Readonly<Record<string, unknown>>, context: GatewayCallContext): Promise<GatewayCallResult>;
}

const DECISION = 'decision';

/**
 * The one MCP server Airlock offers to other clients (VS Code's own chat through the definition
 * provider, any agent through `airlock mcp serve`): its tools are the approved `mcp.*` tools.
 * Approvals reach the user through the client's elicitation; a client that cannot elicit gets a
 * refusal for every call that would ask, never an unasked call (fail closed).
 */
export function createMcpGateway(backend: GatewayBackend, version: string): Server {
  const server = new Server({ name: 'airlock', title: 'Airlock', version }, { capabilities: { tools: { listChanged: true } } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await backend.tools()).map((tool) => ({ name: tool.id, description: tool.description, inputSchema: tool.inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const context: GatewayCallContext = { ask: (question) => askThroughClient(server, question, extra.signal), signal: extra.signal };
    const result = await backend.call(request.params.name, request.params.arguments ?? {}, context)
      .catch((error: unknown): GatewayCallResult => ({ ok: false, error: `Airlock could not run ${request.params.name}: ${error instanceof Error ? error.message : String(error)}` }));
    return result.ok ? { content: [{ type: 'text', text: result.text }] } : { content: [{ type: 'text', text: result.error }], isError: true };
  });
  return server;
}

/** Connects the gateway to a transport (stdio for `airlock mcp serve`). */
export async function serveMcpGateway(backend: GatewayBackend, transport: Transport, version: string): Promise<Server> {
  const server = createMcpGateway(backend, version);
  await server.connect(transport);
  return server;
}

async function askThroughClient(server: Server, question: GatewayQuestion, signal: AbortSignal): Promise<boolean> {
  if (server.getClientCapabilities()?.elicitation === undefined) return false;
  try {
    const answer = await server.elicitInput({
      message: `Airlock: ${question.title}\n\n${question.detail}`,
      requestedSchema: {
        type: 'object',
        properties: { [DECISION]: { type: 'string', title: 'Your decision', enum: ['deny', 'allow'], enumNames: ['Deny', 'Allow once'], default: 'deny' } },
        required: [DECISION],
      },
    }, { signal });
    return answer.action === 'accept' && answer.content?.[DECISION] === 'allow';
  } catch {
    // A client that fails to answer has not said yes.
    return false;
  }
}
