import { z } from 'zod';
import type { ChatMessage } from '../messages/chatMessage';
import { toolFixSchema } from '../protocol/chatProtocol';
import { redact } from '../redaction/redact';
import type { TranscriptTurn } from './transcriptTurn';

/** A chat id names a file: lowercase letters, digits and dashes only, so it cannot name a path. */
export const CONVERSATION_ID = /^[a-z0-9-]{1,64}$/;

const toolCall = z.strictObject({ id: z.string().max(200), name: z.string().max(200), arguments: z.string() });
const message = z.union([
  z.strictObject({ role: z.enum(['system', 'user']), content: z.string() }),
  z.strictObject({ role: z.literal('assistant'), content: z.string(), toolCalls: z.array(toolCall).max(64).optional() }),
  z.strictObject({ role: z.literal('tool'), toolCallId: z.string().max(200), content: z.string() }),
]);
const toolCard = z.strictObject({ callId: z.string(), tool: z.string(), state: z.enum(['done', 'denied', 'error']), summary: z.string(), flags: z.array(z.string()).max(32), fix: toolFixSchema.optional() });
const turn = z.strictObject({
  id: z.number().int().min(1),
  userText: z.string(),
  attachments: z.array(z.string()).max(200),
  tools: z.array(toolCard).max(200),
  text: z.string(),
  // A turn saved while it streamed was cut off by a reload: it is shown as stopped.
  state: z.enum(['done', 'stopped', 'error', 'streaming']).transform((state) => (state === 'streaming' ? 'stopped' : state)),
  error: z.string().optional(),
});

/** A conversation as it is kept on disk: version 1 of the format, validated when read back. */
export const savedConversationSchema = z.strictObject({
  version: z.literal(1),
  id: z.string().regex(CONVERSATION_ID),
  title: z.string().max(200),
  updatedAt: z.number().int().min(0),
  history: z.array(message).max(1000),
  turns: z.array(turn).max(1000),
});

/** The parsed form; the schema's output is checked against it where files are read. */
export interface SavedConversation {
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly history: readonly ChatMessage[];
  readonly turns: readonly TranscriptTurn[];
}

/** What the list of past chats shows. */
export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
}

/**
 * The saved form of a conversation, every text redacted: a secret the user pasted or a tool read
 * stays in memory for the running chat but is never written to disk.
 */
export function redactedConversation(conversation: Omit<SavedConversation, 'version'>): SavedConversation {
  const clean = (text: string): string => redact(text).text;
  return {
    version: 1,
    id: conversation.id,
    title: clean(conversation.title),
    updatedAt: conversation.updatedAt,
    history: conversation.history.map((entry) => redactMessage(entry, clean)),
    turns: conversation.turns.map((shown) => redactTurn(shown, clean)),
  };
}

function redactMessage(entry: ChatMessage, clean: (text: string) => string): ChatMessage {
  if (entry.role !== 'assistant' || !entry.toolCalls) return { ...entry, content: clean(entry.content) };
  return { ...entry, content: clean(entry.content), toolCalls: entry.toolCalls.map((call) => ({ ...call, arguments: clean(call.arguments) })) };
}

function redactTurn(shown: TranscriptTurn, clean: (text: string) => string): TranscriptTurn {
  return {
    ...shown,
    userText: clean(shown.userText),
    text: clean(shown.text),
    tools: shown.tools.map((card) => ({ ...card, summary: clean(card.summary) })),
    ...(shown.error === undefined ? {} : { error: clean(shown.error) }),
  };
}
