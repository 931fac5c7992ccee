import type { ChatMessage } from '../messages/chatMessage';

/** Tokens one reply used: as the server reported them, or estimated from characters when it did not. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly estimated: boolean;
}

// About four characters per token for English text and code: what tokenizers average, rounded up.
const CHARS_PER_TOKEN = 4;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** A reply whose server reported no usage, estimated from what was sent and what came back. */
export function estimateUsage(sent: readonly ChatMessage[], receivedChars: number): TokenUsage {
  const sentChars = sent.reduce((sum, message) => sum + message.content.length + (message.role === 'assistant' ? (message.toolCalls ?? []).reduce((n, call) => n + call.name.length + call.arguments.length, 0) : 0), 0);
  return { inputTokens: estimateTokens(sentChars), outputTokens: estimateTokens(receivedChars), estimated: true };
}
