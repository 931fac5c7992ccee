/**
 * A server behind Airlock's gateway asking to use the model (`sampling/createMessage`, allowed by
 * its policy's `sampling: true`). The gateway has no model of its own: the request is read as the
 * agent's sampler reads it (mcpSampling: text only, bounded, cleaned, scanned), put to the user
 * through the gateway's approval path (the client's elicitation, timeout, audit) with the same
 * question, and once allowed sent to the gateway's client, which declared sampling. Only the
 * cleaned conversation and its limits go: never `includeContext` (the client's other context) or
 * tools for the client's model. A client that cannot sample, or cannot ask, gets the server a
 * refusal with the reason; mcpServerRequests records every outcome.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ErrorCode, McpError, type CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import type { ApprovalGate } from '../approval/approvalGate';
import type { ContentGuardThresholds } from '../content';
import { samplingQuestion, samplingRequest, type SamplingRequest } from './mcpSampling';
import type { SamplingAsk } from './mcpServerRequests';

export interface GatewaySamplingDeps {
  readonly server: Server;
  readonly gate: ApprovalGate;
  readonly thresholds: () => ContentGuardThresholds | undefined;
}

/** The `sample` dependency of installServerRequestHandlers for the servers behind the gateway. */
export function gatewaySampler(deps: GatewaySamplingDeps): (ask: SamplingAsk, signal: AbortSignal) => Promise<CreateMessageResult | undefined> {
  return async (ask, signal) => {
    const request = samplingRequest(ask, deps.thresholds());
    if (deps.server.getClientCapabilities()?.sampling === undefined) {
      throw new McpError(ErrorCode.InvalidRequest, `Airlock: MCP server "${ask.server}" may not use a model: the MCP client connected to Airlock's gateway declared no sampling`);
    }
    const question = samplingQuestion(request);
    const target = `mcp.${ask.server}`;
    const decision = await deps.gate.request({ tool: target, risk: 'high', target, title: question.title, detail: question.detail, allowSession: false }, signal);
    if (!decision.allowed) return undefined;
    try {
      return await deps.server.createMessage(forwarded(request, ask.params), { signal });
    } catch (error) {
      throw new McpError(ErrorCode.InternalError, `Airlock: the MCP client connected to Airlock's gateway did not answer the sampling request: ${error instanceof Error ? error.message.slice(0, 200) : 'it failed'}`);
    }
  };
}

function forwarded(request: SamplingRequest, params: SamplingAsk['params']): Parameters<Server['createMessage']>[0] {
  const { temperature, stopSequences, modelPreferences } = params;
  return {
    messages: request.messages.map((message) => ({ role: message.role, content: { type: 'text', text: message.text } })),
    maxTokens: request.maxTokens,
    ...(request.systemPrompt === undefined ? {} : { systemPrompt: request.systemPrompt }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(stopSequences === undefined ? {} : { stopSequences }),
    ...(modelPreferences === undefined ? {} : { modelPreferences }),
  };
}
