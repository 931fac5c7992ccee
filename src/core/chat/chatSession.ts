import type { ToolCallOutcome, ToolRunner } from '../agent/toolRunner';
import type { TurnWatch } from '../anomaly/turnWatch';
import { UNTRUSTED_CONTENT_SYSTEM_PROMPT } from '../content/untrustedPrompt';
import type { ModelFailure } from '../model/modelFailure';
import { ModelFailureError } from '../model/modelFailure';
import type { ChatMessage, ModelEvent, ToolCall, ToolSpec } from '../messages/chatMessage';
import { fitToContext, type ContextUse } from './contextBudget';
import { refusesTools } from './toolSupport';

/** The part of the model client a conversation needs; the core's port to the model. */
export interface ChatModel {
  streamChat(messages: readonly ChatMessage[], signal: AbortSignal, tools?: readonly ToolSpec[]): AsyncIterable<ModelEvent>;
}

export type TurnOutcome =
  | { readonly state: 'done'; readonly text: string }
  | { readonly state: 'stopped'; readonly text: string }
  | { readonly state: 'error'; readonly text: string; readonly failure: ModelFailure };

/** What the panel is told while a turn runs. */
export type TurnEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'toolStart'; readonly callId: string; readonly tool: string; readonly summary: string }
  /** Output a running tool streams to its card (a command's stdout and stderr), before any guard: for the user's eyes only. */
  | { readonly type: 'toolOutput'; readonly callId: string; readonly text: string }
  | { readonly type: 'toolEnd'; readonly outcome: ToolCallOutcome }
  /** How full the model's context window is for the request just sent. */
  | { readonly type: 'context'; readonly use: ContextUse }
  /** The model refused the tools; this chat goes on without them. */
  | { readonly type: 'toolsUnsupported' };

/** Per-turn settings: the model's context length, when known, bounds each request. */
export interface TurnOptions {
  readonly contextTokens?: number;
  /** Pauses the turn and asks the user when it does something unusual (policy `anomalies`). */
  readonly watch?: TurnWatch;
}

// Bounds what one conversation can hold and do, so a session cannot grow or loop without limit.
const MAX_HISTORY_MESSAGES = 60;
const MAX_REPLY_CHARS = 400_000;
const MAX_MODEL_CALLS_PER_TURN = 8;
const MAX_TOOL_CALLS_PER_STEP = 8;
const STOPPED = new ModelFailureError({ kind: 'aborted', message: 'Stopped.' });

export const SYSTEM_PROMPT = [
  'You are Airlock, a coding assistant inside VS Code, running on a model on the user\'s own machine.',
  'Answer in Markdown. Be concise and precise; say so when you are unsure.',
  'Use only the tools you are given; every tool call passes a security guard and may need the user\'s approval.',
  'A denied tool call is final for this request: do not retry it in another form.',
  UNTRUSTED_CONTENT_SYSTEM_PROMPT,
].join(' ');

/** One conversation: its history, the streaming of each reply and the tool calls between. */
export class ChatSession {
  private history: ChatMessage[];
  private toolsUnsupported = false;

  /** `history` continues a saved conversation. */
  constructor(private readonly systemPrompt: string = SYSTEM_PROMPT, history: readonly ChatMessage[] = []) {
    this.history = [...history];
  }

  get messages(): readonly ChatMessage[] {
    return this.history;
  }

  /** Forgets the last question and all that answered it (replies, tool calls): it is being asked anew. */
  dropLastExchange(): void {
    const index = this.history.findLastIndex((message) => message.role === 'user');
    if (index >= 0) this.history = this.history.slice(0, index);
  }

  /**
   * Sends the user's text and runs the agent loop: stream a reply, run the tool calls it asks
   * for through the guard, feed the results back, until the model answers without tools (or a
   * bound is reached). A stopped turn keeps what happened; a failed one is dropped, so a retry
   * starts clean.
   */
  async send(model: ChatModel, userText: string, signal: AbortSignal, onEvent: (event: TurnEvent) => void, tools?: ToolRunner, options: TurnOptions = {}): Promise<TurnOutcome> {
    const turn: ChatMessage[] = [{ role: 'user', content: userText }];
    let text = '';
    try {
      if ((await options.watch?.sending(userText, signal)) === 'stop') throw STOPPED;
      await tools?.prepare(signal);
      for (let step = 0; step < MAX_MODEL_CALLS_PER_TURN; step++) {
        const reply = await this.streamStep(model, turn, signal, tools, (delta) => {
          text += delta;
          onEvent({ type: 'text', text: delta });
        }, onEvent, options);
        turn.push({ role: 'assistant', content: reply.text, ...(reply.calls.length > 0 ? { toolCalls: reply.calls } : {}) });
        if (reply.calls.length === 0 || !tools) return this.commit(turn, { state: 'done', text });
        await this.runTools(reply.calls.slice(0, MAX_TOOL_CALLS_PER_STEP), tools, turn, signal, onEvent, options.watch);
        const dropped = answerDropped(reply.calls.slice(MAX_TOOL_CALLS_PER_STEP), turn);
        if (dropped > 0) {
          const note = `\n\n_${dropped} more tool ${dropped === 1 ? 'call was' : 'calls were'} not run: at most ${MAX_TOOL_CALLS_PER_STEP} per reply._`;
          text += note;
          onEvent({ type: 'text', text: note });
        }
      }
      const bound = `\n\n_Stopped after ${MAX_MODEL_CALLS_PER_TURN} model calls in one turn._`;
      text += bound;
      onEvent({ type: 'text', text: bound });
      return this.commit(turn, { state: 'done', text });
    } catch (error) {
      const failure = error instanceof ModelFailureError ? error.failure : { kind: 'failed' as const, message: String(error) };
      const paused = options.watch?.stopReason;
      if (paused !== undefined) {
        const note = `\n\n_Stopped at Airlock's pause: ${paused}_`;
        text += note;
        onEvent({ type: 'text', text: note });
      }
      if (failure.kind === 'aborted' || signal.aborted) return this.commit(closeOpenCalls(turn, text), { state: 'stopped', text });
      return { state: 'error', text, failure };
    }
  }

  private async streamStep(model: ChatModel, turn: readonly ChatMessage[], signal: AbortSignal, tools: ToolRunner | undefined, onText: (delta: string) => void, onEvent: (event: TurnEvent) => void, options: TurnOptions): Promise<{ text: string; calls: readonly ToolCall[] }> {
    const full: ChatMessage[] = [{ role: 'system', content: this.systemPrompt }, ...this.history, ...turn];
    const fitted = options.contextTokens === undefined ? undefined : fitToContext(full, options.contextTokens);
    if (fitted) onEvent({ type: 'context', use: fitted.use });
    const request = fitted?.messages ?? full;
    let text = '';
    let calls: readonly ToolCall[] = [];
    for await (const event of this.streamWithTools(model, request, signal, tools, onEvent)) {
      if (event.type === 'toolCalls') {
        calls = event.calls;
        continue;
      }
      // Counted by the cost meter that wraps a remote model; nothing for the conversation.
      if (event.type === 'usage') continue;
      text += event.text;
      onText(event.text);
      if (text.length > MAX_REPLY_CHARS) throw new ModelFailureError({ kind: 'failed', message: `The reply passed ${MAX_REPLY_CHARS} characters and was cut off.` });
    }
    return { text, calls };
  }

  /**
   * A model that cannot call tools (Ollama answers HTTP 400 "does not support tools") is asked
   * again without them, and the rest of this chat goes on without tools.
   */
  private async *streamWithTools(model: ChatModel, request: readonly ChatMessage[], signal: AbortSignal, tools: ToolRunner | undefined, onEvent: (event: TurnEvent) => void): AsyncGenerator<ModelEvent, void, undefined> {
    const specs = this.toolsUnsupported ? [] : (tools?.specs() ?? []);
    try {
      yield* model.streamChat(request, signal, specs);
    } catch (error) {
      if (specs.length === 0 || !refusesTools(error)) throw error;
      this.toolsUnsupported = true;
      onEvent({ type: 'toolsUnsupported' });
      yield* model.streamChat(request, signal, []);
    }
  }

  private async runTools(calls: readonly ToolCall[], tools: ToolRunner, turn: ChatMessage[], signal: AbortSignal, onEvent: (event: TurnEvent) => void, watch: TurnWatch | undefined): Promise<void> {
    for (const call of calls) {
      const outcome = await tools.run(call, signal, (tool, summary) => onEvent({ type: 'toolStart', callId: call.id, tool, summary }), (text) => onEvent({ type: 'toolOutput', callId: call.id, text }));
      onEvent({ type: 'toolEnd', outcome });
      turn.push({ role: 'tool', toolCallId: call.id, content: outcome.content });
      if (signal.aborted || (await watch?.toolDone(outcome, signal)) === 'stop') throw STOPPED;
    }
  }

  private commit(turn: readonly ChatMessage[], outcome: TurnOutcome): TurnOutcome {
    this.history.push(...turn);
    if (this.history.length > MAX_HISTORY_MESSAGES) this.history = trimHistory(this.history);
    return outcome;
  }
}

/**
 * Every call the model made gets an answer, also those beyond the per-reply bound: the model is
 * told why they did not run instead of guessing. Returns how many were dropped.
 */
function answerDropped(calls: readonly ToolCall[], turn: ChatMessage[]): number {
  for (const call of calls) turn.push({ role: 'tool', toolCallId: call.id, content: `Error: not run: at most ${MAX_TOOL_CALLS_PER_STEP} tool calls per reply. Ask again for what still matters.` });
  return calls.length;
}

/** A stopped turn may end mid-step; the history must still be a valid conversation. */
function closeOpenCalls(turn: ChatMessage[], text: string): ChatMessage[] {
  const last = turn.at(-1);
  if (last?.role === 'user' || last?.role === 'tool') turn.push({ role: 'assistant', content: text });
  const answered = new Set(turn.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])));
  for (const message of [...turn]) {
    if (message.role !== 'assistant') continue;
    for (const call of message.toolCalls ?? []) {
      if (!answered.has(call.id)) turn.splice(turn.indexOf(message) + 1, 0, { role: 'tool', toolCallId: call.id, content: 'Error: stopped by the user before this ran.' });
    }
  }
  return turn;
}

/** Drops the oldest messages, never leaving a tool result without the call it answers. */
function trimHistory(history: ChatMessage[]): ChatMessage[] {
  let trimmed = history.slice(-MAX_HISTORY_MESSAGES);
  while (trimmed.length > 0 && trimmed[0]?.role !== 'user') trimmed = trimmed.slice(1);
  return trimmed;
}
