import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { z } from 'zod';
import type { ChatMessage, ModelEvent, ToolSpec } from '../messages/chatMessage';
import { isRemoteEndpoint, redactForRemote } from './outgoingRedaction';
import { ToolCallAssembler, wireMessage } from './wireFormat';
import type { AuditSink } from '../audit/auditSink';
import { MODEL_TOOL } from '../egress/decide';
import { loopbackOnlyPolicy } from '../egress/loopbackPolicy';
import type { FetchLike } from '../egress/outgoingRequest';
import { createSafeFetch, type SafeFetch } from '../egress/safeFetch';
import type { PolicyPack } from '../policy/policySchema';
import type { ModelEndpoint } from './modelEndpoint';
import { reportedContextLength } from './reportedContextLength';
import { describeModelFailure, ModelFailureError, ModelTimeoutError, unreachableFailure, type ModelFailure } from './modelFailure';

export type ProbeResult =
  | { readonly reachable: true; readonly models: string[]; readonly modelListed: boolean; readonly contextLength?: number }
  | { readonly reachable: false; readonly failure: ModelFailure };

export interface ModelClientOptions {
  /**
   * The guarded fetch to use (one `createSafeFetch({ tool: 'model', … })` shared by every client).
   * Without it the client builds its own SafeFetch from `policy` and `audit`.
   */
  readonly fetch?: FetchLike;
  /** The effective policy (its `model` section and limits); default: loopback endpoints only. */
  readonly policy?: () => PolicyPack;
  readonly audit?: AuditSink;
  /** Longest wait for the first token and between tokens; a silent server is given up on. */
  readonly requestTimeoutMs?: number;
  /** Longest silence once a reply has started (a loading model may take longer for its first token). */
  readonly streamIdleTimeoutMs?: number;
  readonly probeTimeoutMs?: number;
  /**
   * Ask the server to report the tokens each streamed reply used (`stream_options.include_usage`)
   * and yield them as a `usage` event. Default: on for a remote API (its spending is counted),
   * off on this machine, where a server need not know the option.
   */
  readonly reportUsage?: boolean;
}

// Only what the panel needs is checked: a reply that is valid JSON but not a chat chunk is malformed.
const toolCallDeltaSchema = z.object({
  index: z.number().int().min(0).max(63),
  id: z.string().max(200).nullish(),
  function: z.object({ name: z.string().max(200).nullish(), arguments: z.string().nullish() }).passthrough().nullish(),
}).passthrough();
const usageSchema = z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).passthrough();
const chunkSchema = z.object({
  choices: z.array(z.object({
    delta: z.object({ content: z.string().nullish(), tool_calls: z.array(toolCallDeltaSchema).max(64).nullish() }).passthrough().nullish(),
  }).passthrough()),
  // A usage that does not parse is left out: the reply is then estimated, not refused.
  usage: usageSchema.nullish().catch(undefined),
}).passthrough();
const modelListSchema = z.object({ id: z.string() }).passthrough();
// OpenAI's SDK insists on a key; local servers ignore the header.
const NO_KEY = 'airlock-no-key';

/** Talks to an OpenAI-compatible server, always through SafeFetch, and classifies every failure. */
export class ModelClient {
  private readonly client: OpenAI;
  private readonly requestTimeoutMs: number;
  private readonly streamIdleTimeoutMs: number;
  private readonly probeTimeoutMs: number;

  private readonly remote: boolean;
  private readonly audit: AuditSink | undefined;
  private readonly reportUsage: boolean;

  constructor(readonly endpoint: ModelEndpoint, options: ModelClientOptions = {}) {
    this.remote = isRemoteEndpoint(endpoint.baseUrl);
    this.audit = options.audit;
    this.reportUsage = options.reportUsage ?? this.remote;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
    this.streamIdleTimeoutMs = Math.min(options.streamIdleTimeoutMs ?? STREAM_IDLE_TIMEOUT_MS, this.requestTimeoutMs);
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
    this.client = new OpenAI({
      baseURL: endpoint.baseUrl,
      apiKey: endpoint.apiKey ?? NO_KEY,
      fetch: withoutRedirects(options.fetch ?? createModelFetch({ requestTimeoutMs: this.requestTimeoutMs, ...(options.policy === undefined ? {} : { policy: options.policy }), ...(options.audit === undefined ? {} : { audit: options.audit }) })),
      maxRetries: 0,
      logLevel: 'off',
    });
  }

  /** Lists the server's models; tells whether it answers and whether the configured model is there. */
  async probe(signal?: AbortSignal): Promise<ProbeResult> {
    const guard = new RequestGuard(this.probeTimeoutMs, signal);
    try {
      const ids: string[] = [];
      let contextLength: number | undefined;
      for await (const model of this.client.models.list({ signal: guard.signal })) {
        const { id } = modelListSchema.parse(model);
        ids.push(id);
        if (sameModel(id, this.endpoint.model)) contextLength = reportedContextLength(model);
        if (ids.length >= 1000) break;
      }
      guard.throwIfAborted();
      return { reachable: true, models: ids, modelListed: ids.some((id) => sameModel(id, this.endpoint.model)), ...(contextLength === undefined ? {} : { contextLength }) };
    } catch (error) {
      return { reachable: false, failure: this.classify(guard.reasonFor(error)) };
    } finally {
      guard.dispose();
    }
  }

  /**
   * Streams the reply: text as it arrives, then the tool calls it asked for, if any.
   * Throws ModelFailureError (kind `aborted` when `signal` stopped it). `maxTokens` asks the
   * server to stop there (a server may ignore it: a caller that must bound the reply counts too).
   */
  async *streamChat(messages: readonly ChatMessage[], signal: AbortSignal, tools: readonly ToolSpec[] = [], options: { readonly maxTokens?: number } = {}): AsyncGenerator<ModelEvent, void, undefined> {
    const guard = new RequestGuard(this.requestTimeoutMs, signal);
    const toolCalls = new ToolCallAssembler();
    let chunks = 0;
    let usage: z.infer<typeof usageSchema> | undefined;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.endpoint.model,
          messages: (this.remote ? redactForRemote(messages, this.audit, this.endpoint.baseUrl) : messages).map(wireMessage),
          stream: true,
          ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
          ...(this.reportUsage ? { stream_options: { include_usage: true } } : {}),
          ...(tools.length > 0 ? { tools: tools.map((tool) => ({ type: 'function' as const, function: { ...tool } })) } : {}),
        },
        { signal: guard.signal },
      );
      for await (const raw of stream) {
        // Once tokens flow, a server that goes silent is stuck: stop waiting long before the first-token bound.
        guard.restart(this.streamIdleTimeoutMs, 'idle');
        chunks++;
        const chunk = chunkSchema.parse(raw);
        const delta = chunk.choices[0]?.delta;
        if (delta?.content) yield { type: 'text', text: delta.content };
        for (const part of delta?.tool_calls ?? []) toolCalls.add(part);
        if (chunk.usage) usage = chunk.usage;
      }
      if (!toolCalls.empty) yield { type: 'toolCalls', calls: toolCalls.calls() };
      if (this.reportUsage && usage) yield { type: 'usage', inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
      // The SDK ends the iteration quietly when its request is aborted; say why it ended.
      guard.throwIfAborted();
      if (chunks === 0) throw new SyntaxError('the stream held no chat completion chunks');
    } catch (error) {
      throw new ModelFailureError(this.classify(guard.reasonFor(error)));
    } finally {
      guard.dispose();
    }
  }

  private classify(error: unknown): ModelFailure {
    if (error instanceof APIUserAbortError) return { kind: 'aborted', message: 'Stopped.' };
    if (error instanceof APIConnectionTimeoutError) return describeModelFailure(new ModelTimeoutError(this.requestTimeoutMs / 1000), this.endpoint);
    const failure = describeModelFailure(error, this.endpoint);
    if (failure.kind === 'failed' && error instanceof APIConnectionError) return unreachableFailure(this.endpoint);
    if (error instanceof z.ZodError) return { kind: 'malformed', message: `The model server at ${this.endpoint.baseUrl} sent a chunk that is not a chat completion.` };
    return failure;
  }
}

/** How long a started reply may stay silent before the turn fails with a message saying so. */
const STREAM_IDLE_TIMEOUT_MS = 30_000;

/** A streamed reply may run for many minutes; the client's own watchdog handles silence. */
const MODEL_STREAM_DEADLINE_MS = 60 * 60_000;
const MODEL_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * SafeFetch for the `model` tool: the policy's `model` section decides the endpoint, its limits
 * bound the rate and concurrency; the deadline, idle timeouts and response size are sized for a
 * streamed reply (the idle timeouts just above the client's, so its clearer message comes first).
 */
export function createModelFetch(options: { readonly requestTimeoutMs: number; readonly policy?: () => PolicyPack; readonly audit?: AuditSink }): SafeFetch {
  return createSafeFetch({
    tool: MODEL_TOOL,
    policy: options.policy ?? loopbackOnlyPolicy,
    ...(options.audit === undefined ? {} : { audit: options.audit }),
    actor: 'agent',
    bounds: {
      headersTimeoutMs: options.requestTimeoutMs + 5_000,
      bodyIdleTimeoutMs: options.requestTimeoutMs + 5_000,
      totalTimeoutMs: MODEL_STREAM_DEADLINE_MS,
      maxResponseBytes: MODEL_MAX_RESPONSE_BYTES,
    },
  });
}

/**
 * A redirect from the model server is refused, never followed: a 307 would re-send the whole
 * conversation to wherever it points, another port of this machine included.
 */
function withoutRedirects(fetch: FetchLike): FetchLike {
  return (input, init) => fetch(input, { ...init, redirect: 'error' });
}

/** Ollama reports `qwen2.5-coder:latest` for a model configured as `qwen2.5-coder`. */
function sameModel(listed: string, configured: string): boolean {
  return listed === configured || listed === `${configured}:latest`;
}

/**
 * Joins the caller's signal with a watchdog that fires when the server stays silent too long,
 * and remembers which of the two stopped the request.
 */
class RequestGuard {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onOuterAbort = (): void => this.controller.abort(new DOMException('Stopped by the user', 'AbortError'));

  constructor(private readonly timeoutMs: number, private readonly outer?: AbortSignal) {
    if (outer?.aborted) this.onOuterAbort();
    outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(timeoutMs = this.timeoutMs, phase: ModelTimeoutError['phase'] = 'first-token'): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new ModelTimeoutError(timeoutMs / 1000, phase)), timeoutMs);
  }

  throwIfAborted(): void {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
  }

  /** After an abort, the abort's reason explains the failure better than the transport error. */
  reasonFor(error: unknown): unknown {
    return this.controller.signal.aborted ? this.controller.signal.reason : error;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}
