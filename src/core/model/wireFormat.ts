import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage, ToolCall } from '../messages/chatMessage';
import { ModelFailureError } from './modelFailure';

/** Our messages in the OpenAI wire shape. */
export function wireMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant':
      return message.toolCalls && message.toolCalls.length > 0
        ? { role: 'assistant', content: message.content || null, tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) }
        : { role: 'assistant', content: message.content };
    default:
      return { role: message.role, content: message.content };
  }
}

interface ToolCallDelta {
  readonly index: number;
  readonly id?: string | null | undefined;
  readonly function?: { readonly name?: string | null | undefined; readonly arguments?: string | null | undefined } | null | undefined;
}

// Bounds what a model can make us buffer for one call's arguments.
const MAX_ARGUMENT_CHARS = 256 * 1024;

/** Streams send a tool call in fragments keyed by index; this puts them back together. */
export class ToolCallAssembler {
  private readonly parts = new Map<number, { id: string; name: string; arguments: string }>();

  get empty(): boolean {
    return this.parts.size === 0;
  }

  add(delta: ToolCallDelta): void {
    const part = this.parts.get(delta.index) ?? { id: '', name: '', arguments: '' };
    if (delta.id) part.id = delta.id;
    if (delta.function?.name) part.name += delta.function.name;
    if (delta.function?.arguments) part.arguments += delta.function.arguments;
    if (part.arguments.length > MAX_ARGUMENT_CHARS) {
      throw new ModelFailureError({ kind: 'malformed', message: `A tool call's arguments passed ${MAX_ARGUMENT_CHARS} characters.` });
    }
    this.parts.set(delta.index, part);
  }

  calls(): ToolCall[] {
    return [...this.parts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, part]) => ({ id: part.id || `call_${index}`, name: part.name, arguments: part.arguments }));
  }
}
