/** One turn of a conversation in the shape OpenAI-compatible servers accept. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}
