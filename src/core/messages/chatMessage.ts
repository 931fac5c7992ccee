/** A tool call the model asked for; `arguments` is the raw JSON text, validated by the tool. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** One turn of a conversation in the shape OpenAI-compatible servers accept. */
export type ChatMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** What a model offers the agent: the tools' names, descriptions and JSON Schemas. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

/**
 * What the model stream yields: text as it arrives, tool calls once they are complete, and the
 * tokens the server says the request used (only when asked for, see ModelClientOptions.reportUsage).
 */
export type ModelEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'toolCalls'; readonly calls: readonly ToolCall[] }
  | { readonly type: 'usage'; readonly inputTokens: number; readonly outputTokens: number };
