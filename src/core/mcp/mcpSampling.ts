/**
 * A server's `sampling/createMessage` run on the user's model, once the user allowed that one
 * request. The model sees the server's own messages and nothing else: no conversation of the
 * agent, no files, no tools, no system prompt of Airlock's. Only text goes in and out; the
 * server's text is cleaned of invisible characters and scanned by the content guard so the
 * question to the user can show what it found; the reply is bounded by a token ceiling, counted
 * here too (a model server may ignore `max_tokens`). Every failure is an MCP error that says why.
 */
import { ErrorCode, McpError, type CreateMessageRequest, type CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import { sanitize, scanContent, type ContentGuardThresholds, type ScanResult } from '../content';
import type { ChatMessage, ModelEvent, ToolSpec } from '../messages/chatMessage';
import { ModelFailureError } from '../model/modelFailure';
import type { SamplingAsk } from './mcpServerRequests';

/** The most tokens a server's request may have the model write, whatever it asks for. */
export const MAX_SAMPLING_TOKENS = 4096;
/** The most text (UTF-16 code units, system prompt included) a server may send the model in one request. */
export const MAX_SAMPLING_PROMPT_CHARS = 64 * 1024;
const MAX_SAMPLING_MESSAGES = 64;
/** The reply is cut past this many characters per allowed token: far above any tokenizer's average. */
const CHARS_PER_TOKEN_BOUND = 16;
/** Longest a request may keep the model busy once allowed; the model client's own silence timeouts come first. */
const SAMPLING_DEADLINE_MS = 5 * 60_000;

/** The server's request as the user is asked about it and the model receives it. */
export interface SamplingRequest {
  readonly server: string;
  /** Invisible characters removed. */
  readonly systemPrompt: string | undefined;
  readonly messages: readonly { readonly role: 'user' | 'assistant'; readonly text: string }[];
  /** What the model may write: the server's `maxTokens`, at most MAX_SAMPLING_TOKENS. */
  readonly maxTokens: number;
  readonly requestedMaxTokens: number;
  /** The content guard's scan of the server's text as sent (before cleaning, so hidden text is found). */
  readonly scan: ScanResult;
}

/** The model as sampling uses it: the agent's client, without its tools. */
export interface SamplingModel {
  readonly endpoint: { readonly model: string };
  streamChat(messages: readonly ChatMessage[], signal: AbortSignal, tools?: readonly ToolSpec[], options?: { readonly maxTokens?: number }): AsyncIterable<ModelEvent>;
}

export interface SamplerDeps {
  /** The user's model now; undefined when none is configured. */
  readonly model: () => SamplingModel | undefined;
  /** Puts this one request to the user; true only for "Allow Once". */
  readonly confirm: (request: SamplingRequest, signal: AbortSignal) => Promise<boolean>;
  readonly thresholds?: () => ContentGuardThresholds | undefined;
  /** An unanswered question is a refusal after this long. */
  readonly confirmTimeoutMs: () => number;
  readonly deadlineMs?: number;
}

/**
 * Reads the server's request: text content only, bounded in size, cleaned and scanned.
 * Throws an McpError (invalid params) for anything Airlock does not pass to the model.
 */
export function samplingRequest(ask: SamplingAsk, thresholds?: ContentGuardThresholds): SamplingRequest {
  const { params } = ask;
  if (params.messages.length === 0) throw invalid(ask.server, 'it holds no messages');
  if (params.messages.length > MAX_SAMPLING_MESSAGES) throw invalid(ask.server, `it holds ${params.messages.length} messages; Airlock passes at most ${MAX_SAMPLING_MESSAGES}`);
  const raw = params.messages.map((message) => ({ role: message.role, text: textOf(ask.server, message.content) }));
  const system = params.systemPrompt;
  const length = (system?.length ?? 0) + raw.reduce((sum, message) => sum + message.text.length, 0);
  if (length > MAX_SAMPLING_PROMPT_CHARS) throw invalid(ask.server, `its text is ${Math.ceil(length / 1024)} KiB; Airlock passes at most ${MAX_SAMPLING_PROMPT_CHARS / 1024} KiB`);
  const scan = scanContent([system ?? '', ...raw.map((message) => message.text)].join('\n\n'), thresholds === undefined ? {} : { thresholds });
  return {
    server: ask.server,
    systemPrompt: system === undefined ? undefined : sanitize(system).text,
    messages: raw.map((message) => ({ role: message.role, text: sanitize(message.text).text })),
    maxTokens: Math.min(Math.max(1, Math.floor(params.maxTokens)), MAX_SAMPLING_TOKENS),
    requestedMaxTokens: params.maxTokens,
    scan,
  };
}

/**
 * The `sample` of McpServerRequestDeps: reads the request, asks the user, runs the model.
 * Undefined: the user refused (or did not answer in time, or the server cancelled first).
 */
export function createSampler(deps: SamplerDeps): (ask: SamplingAsk, signal: AbortSignal) => Promise<CreateMessageResult | undefined> {
  return async (ask, signal) => {
    const request = samplingRequest(ask, deps.thresholds?.());
    const model = (): SamplingModel => deps.model() ?? fail(new McpError(ErrorCode.InternalError, `Airlock: MCP server "${ask.server}" asked to use the model, but no model is configured`));
    // No model: refused before anyone is asked.
    model();
    if (!(await answered(deps.confirm(request, signal), signal, deps.confirmTimeoutMs()))) return undefined;
    // The model as it is once the user answered: the settings may have changed meanwhile.
    return await complete(model(), request, signal, deps.deadlineMs ?? SAMPLING_DEADLINE_MS);
  };
}

/** Runs the request on the model; the reply is text, cut at the token bound. */
async function complete(model: SamplingModel, request: SamplingRequest, signal: AbortSignal, deadlineMs = SAMPLING_DEADLINE_MS): Promise<CreateMessageResult> {
  const messages: ChatMessage[] = [
    ...(request.systemPrompt ? [{ role: 'system' as const, content: request.systemPrompt }] : []),
    ...request.messages.map((message) => ({ role: message.role, content: message.text })),
  ];
  const deadline = AbortSignal.timeout(deadlineMs);
  const bound = request.maxTokens * CHARS_PER_TOKEN_BOUND;
  let text = '';
  let cut = false;
  try {
    for await (const event of model.streamChat(messages, AbortSignal.any([signal, deadline]), [], { maxTokens: request.maxTokens })) {
      if (event.type !== 'text') continue;
      text += event.text;
      if (text.length >= bound) {
        cut = true;
        text = text.slice(0, bound);
        // Leaving the loop closes the stream: the model stops writing.
        break;
      }
    }
  } catch (error) {
    if (signal.aborted) throw new McpError(ErrorCode.RequestTimeout, 'Airlock: the sampling request was cancelled before the model answered');
    if (deadline.aborted) throw new McpError(ErrorCode.RequestTimeout, `Airlock: the model gave no complete answer within ${Math.round(deadlineMs / 1000)} s`);
    const reason = error instanceof ModelFailureError ? error.failure.message : error instanceof Error ? error.message : String(error);
    throw new McpError(ErrorCode.InternalError, `Airlock: the model failed to answer: ${reason}`);
  }
  return { role: 'assistant', content: { type: 'text', text }, model: model.endpoint.model, stopReason: cut ? 'maxTokens' : 'endTurn' };
}

/** How much of each message the question shows: enough to judge, short enough for a dialog. */
const SHOWN_CHARS = 600;
const SHOWN_MESSAGES = 3;

/** The question put to the user: the server's words (cleaned, cut), the token bound and what the content guard found. */
export function samplingQuestion(request: SamplingRequest): { readonly title: string; readonly detail: string } {
  const lines: string[] = [];
  if (request.systemPrompt) lines.push(`System prompt: ${cut(request.systemPrompt)}`, '');
  const shown = request.messages.slice(-SHOWN_MESSAGES);
  if (shown.length < request.messages.length) lines.push(`(${request.messages.length - shown.length} earlier messages not shown)`);
  for (const message of shown) lines.push(`${message.role === 'user' ? 'User' : 'Assistant'}: ${cut(message.text)}`, '');
  const asked = request.requestedMaxTokens > request.maxTokens ? ` (it asked for ${request.requestedMaxTokens}; Airlock allows at most ${MAX_SAMPLING_TOKENS})` : '';
  lines.push(`The model may write up to ${request.maxTokens} tokens${asked}. It sees only these messages: not your conversation, files or tools. The reply goes back to the server.`);
  const removed = Object.entries(request.scan.removed).map(([kind, count]) => `${count} ${kind}`);
  if (removed.length > 0) lines.push(`Invisible characters removed: ${removed.join(', ')}.`);
  if (request.scan.verdict !== 'allow') {
    lines.push(`The content guard ${request.scan.verdict === 'block' ? 'would block' : 'flags'} this text (score ${request.scan.score}): ${[...new Set(request.scan.flags.map((flag) => flag.category))].join(', ')}.`);
  }
  return { title: `MCP server "${request.server}" asks to use your model`, detail: lines.join('\n') };
}

function cut(text: string): string {
  const flat = text.trim();
  return flat.length > SHOWN_CHARS ? `${flat.slice(0, SHOWN_CHARS)}… (${flat.length - SHOWN_CHARS} more characters)` : flat;
}

/** The text of a message: one text block or several; any other kind is refused. */
function textOf(server: string, content: CreateMessageRequest['params']['messages'][number]['content']): string {
  const blocks = Array.isArray(content) ? content : [content];
  return blocks.map((block) => {
    if (block.type !== 'text') throw invalid(server, `it holds ${block.type} content; Airlock passes only text to the model`);
    return block.text;
  }).join('\n');
}

function fail(error: Error): never {
  throw error;
}

function invalid(server: string, why: string): McpError {
  return new McpError(ErrorCode.InvalidParams, `Airlock: refused the sampling request of MCP server "${server}": ${why}`);
}

/** The user's answer; false when the server cancelled or nobody answered in time. */
async function answered(answer: Promise<boolean>, signal: AbortSignal, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    onAbort = () => resolve(false);
    if (signal.aborted) resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([answer, gaveUp]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
