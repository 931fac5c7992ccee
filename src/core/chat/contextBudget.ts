import type { ChatMessage } from '../messages/chatMessage';

/** How full the model's context window is for one request, in estimated tokens. */
export interface ContextUse {
  readonly used: number;
  readonly limit: number;
  /** How many older messages were cut short to fit. */
  readonly trimmed: number;
}

// Without the model's tokenizer, four characters a token is the usual estimate for code and prose.
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 4;
// Room left for the reply: a quarter of the window, at least 512 tokens.
const REPLY_SHARE = 0.25;
const MIN_REPLY_TOKENS = 512;
export const TRIMMED_NOTE = '[trimmed to fit the model\'s context window]';

export function estimateTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const message of messages) {
    chars += message.content.length;
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) chars += call.name.length + call.arguments.length;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + messages.length * TOKENS_PER_MESSAGE;
}

/**
 * Fits a request into the context window. Order of what is cut short: the oldest tool outputs
 * first, then the oldest other messages; never the system prompt (the first message) or the last
 * user message. A cut message keeps its place and its role, so tool calls stay answered.
 */
export function fitToContext(request: readonly ChatMessage[], contextTokens: number): { messages: ChatMessage[]; use: ContextUse } {
  const messages = [...request];
  const budget = contextTokens - Math.max(MIN_REPLY_TOKENS, Math.floor(contextTokens * REPLY_SHARE));
  const lastUser = messages.findLastIndex((message) => message.role === 'user');
  const protectedIndex = (index: number): boolean => index === 0 || index === lastUser;
  const order = [
    ...messages.flatMap((message, index) => (message.role === 'tool' && !protectedIndex(index) ? [index] : [])),
    ...messages.flatMap((message, index) => (message.role !== 'tool' && !protectedIndex(index) ? [index] : [])),
  ];
  let used = estimateTokens(messages);
  let trimmed = 0;
  for (const index of order) {
    if (used <= budget) break;
    const message = messages[index];
    if (!message || estimateTokens([message]) <= estimateTokens([{ role: 'user', content: TRIMMED_NOTE }])) continue;
    messages[index] = trimmedMessage(message);
    used = estimateTokens(messages);
    trimmed++;
  }
  return { messages, use: { used, limit: contextTokens, trimmed } };
}

/** A tool call's arguments (a whole file for fs.write) are trimmed with the text around them. */
function trimmedMessage(message: ChatMessage): ChatMessage {
  if (message.role === 'assistant' && message.toolCalls) return { ...message, content: TRIMMED_NOTE, toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: '{}' })) };
  return { ...message, content: TRIMMED_NOTE };
}
