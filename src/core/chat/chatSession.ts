import type { ModelFailure } from '../model/modelFailure';
import { ModelFailureError } from '../model/modelFailure';
import type { ChatMessage } from './chatMessage';

/** The part of the model client a conversation needs; the core's port to the model. */
export interface ChatModel {
  streamChat(messages: readonly ChatMessage[], signal: AbortSignal): AsyncIterable<string>;
}

export type TurnOutcome =
  | { readonly state: 'done'; readonly text: string }
  | { readonly state: 'stopped'; readonly text: string }
  | { readonly state: 'error'; readonly text: string; readonly failure: ModelFailure };

// Bounds what one conversation can hold, so a long session cannot grow without limit.
const MAX_HISTORY_MESSAGES = 60;
const MAX_REPLY_CHARS = 400_000;

export const SYSTEM_PROMPT = [
  'You are Airlock, a coding assistant inside VS Code, running on a model on the user\'s own machine.',
  'Answer in Markdown. Be concise and precise; say so when you are unsure.',
  'You have no tools in this conversation: you cannot read or change files or reach the network.',
].join(' ');

/** One conversation: its history and the streaming of each reply. */
export class ChatSession {
  private history: ChatMessage[] = [];

  constructor(private readonly systemPrompt: string = SYSTEM_PROMPT) {}

  get messages(): readonly ChatMessage[] {
    return this.history;
  }

  reset(): void {
    this.history = [];
  }

  /**
   * Sends the user's text and streams the reply through `onDelta`. A stopped reply keeps what
   * arrived; a failed one is dropped with its question, so a retry starts clean.
   */
  async send(model: ChatModel, userText: string, signal: AbortSignal, onDelta: (text: string) => void): Promise<TurnOutcome> {
    const question: ChatMessage = { role: 'user', content: userText };
    const request = [{ role: 'system', content: this.systemPrompt } as const, ...this.history, question];
    let text = '';
    try {
      for await (const delta of model.streamChat(request, signal)) {
        text += delta;
        onDelta(delta);
        if (text.length > MAX_REPLY_CHARS) throw new ModelFailureError({ kind: 'failed', message: `The reply passed ${MAX_REPLY_CHARS} characters and was cut off.` });
      }
      this.remember(question, text);
      return { state: 'done', text };
    } catch (error) {
      const failure = error instanceof ModelFailureError ? error.failure : { kind: 'failed' as const, message: String(error) };
      if (failure.kind === 'aborted' || signal.aborted) {
        this.remember(question, text);
        return { state: 'stopped', text };
      }
      return { state: 'error', text, failure };
    }
  }

  private remember(question: ChatMessage, reply: string): void {
    this.history.push(question, { role: 'assistant', content: reply });
    if (this.history.length > MAX_HISTORY_MESSAGES) this.history = this.history.slice(-MAX_HISTORY_MESSAGES);
  }
}
