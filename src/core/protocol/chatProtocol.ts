import { z } from 'zod';

/** Longest message the panel may send: bounds memory and the model request. */
export const MAX_PROMPT_CHARS = 100_000;

/** Longest code block the panel may copy or apply: the size fs.write accepts for a whole file. */
export const MAX_CODE_CHARS = 2_000_000;

/** The fix a blocked tool card offers in place: allow this host for this tool (asks first). */
export const toolFixSchema = z
  .object({
    tool: z.string().regex(/^[a-z][a-z0-9.]{0,63}$/),
    host: z.string().regex(/^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/),
  })
  .strict();
export type ToolFix = z.infer<typeof toolFixSchema>;

/**
 * Messages from the webview. The webview is a browser context that renders model output, so
 * everything it sends is validated before the extension acts on it.
 */
export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('send'), text: z.string().trim().min(1).max(MAX_PROMPT_CHARS) }).strict(),
  /** The last question, edited: it replaces the last turn (question and answer) and is sent. */
  z.object({ type: z.literal('editLast'), text: z.string().trim().min(1).max(MAX_PROMPT_CHARS) }).strict(),
  z.object({ type: z.literal('stop') }).strict(),
  z.object({ type: z.literal('newChat') }).strict(),
  z.object({ type: z.literal('checkModel') }).strict(),
  z.object({ type: z.literal('copy'), text: z.string().max(MAX_CODE_CHARS) }).strict(),
  /** A code block's Insert (at the active editor's selection) or Apply (a whole-file write). */
  z.object({ type: z.literal('applyCode'), code: z.string().max(MAX_CODE_CHARS), mode: z.enum(['insert', 'file']), file: z.string().min(1).max(4096).optional() }).strict(),
  z.object({ type: z.literal('allowHost'), fix: toolFixSchema }).strict(),
  z.object({ type: z.literal('openSettings') }).strict(),
  /** The `@` completion: files and folders whose path contains the query. */
  z.object({ type: z.literal('mention'), query: z.string().max(200) }).strict(),
  /** Attach a file or folder (a path from the completion; the file guard decides when it is sent). */
  z.object({ type: z.literal('attach'), kind: z.enum(['file', 'folder']), path: z.string().min(1).max(4096) }).strict(),
  z.object({ type: z.literal('attachEditor') }).strict(),
  z.object({ type: z.literal('detach'), id: z.string().regex(/^[a-z0-9-]{1,40}$/) }).strict(),
  z.object({ type: z.literal('openChat'), id: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict(),
  z.object({ type: z.literal('pickModel'), name: z.string().trim().min(1).max(200) }).strict(),
  z.object({ type: z.literal('openPolicyFile') }).strict(),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export type EndpointState = 'checking' | 'ready' | 'unreachable' | 'invalid' | 'refused';
export type NoticeKind = 'unreachable' | 'invalid-settings' | 'refused' | 'error' | 'warning';
export type TurnState = 'done' | 'stopped' | 'error';
export type ToolCardState = 'done' | 'denied' | 'error';
/** A chip above the prompt: something attached, or the active editor offered as context. */
export interface AttachmentChip {
  readonly id: string;
  readonly label: string;
  readonly kind: 'file' | 'folder' | 'selection' | 'editor';
}

/** Messages to the webview. */
export type HostMessage =
  | { type: 'status'; state: EndpointState; endpoint: string; model: string; detail: string }
  | { type: 'sources'; text: string }
  /** A policy that failed to load: the banner's text (file, field, reason), or null when it loads. */
  | { type: 'policyProblem'; message: string | null }
  /** The month's spending on the remote model API in use (`Example AI: $1.23 of $10.00 this month`), or null for a local model. */
  | { type: 'cost'; text: string | null }
  | { type: 'notice'; notice: { kind: NoticeKind; message: string; hint?: string } | null }
  | { type: 'turnStart'; id: number; userText: string; attachments?: string[] }
  /** Said under a message: attached files the guard left out, a model that cannot call tools. */
  | { type: 'turnNote'; id: number; kind: 'info' | 'warning'; text: string }
  | { type: 'attachments'; chips: AttachmentChip[] }
  | { type: 'mentions'; query: string; items: { label: string; path: string; kind: 'file' | 'folder' }[] }
  /** How full the model's context window was for the last request, in estimated tokens. */
  | { type: 'context'; used: number; limit: number; trimmed: number }
  | { type: 'chats'; current: string; items: { id: string; title: string; updatedAt: number }[] }
  | { type: 'models'; current: string; names: string[] }
  | { type: 'delta'; id: number; text: string }
  | { type: 'toolStart'; id: number; callId: string; tool: string; summary: string }
  /** A running tool's output as it comes, appended to its card. */
  | { type: 'toolOutput'; id: number; callId: string; text: string }
  | { type: 'toolEnd'; id: number; callId: string; tool: string; state: ToolCardState; summary: string; flags: string[]; fix?: ToolFix }
  | { type: 'fixResult'; fix: ToolFix; allowed: boolean }
  | { type: 'turnEnd'; id: number; state: TurnState; error?: string }
  | { type: 'reset' }
  | { type: 'rejected'; message: string };

/** Validates one incoming message; the error names what was wrong, never echoes the payload. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; error: string } {
  const result = webviewMessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  // An unknown type's issue lists every type there is: the short form keeps the message readable.
  const what = issue?.code === 'invalid_union' ? 'unknown message type' : (issue?.message ?? 'invalid message');
  return { ok: false, error: `Rejected a message from the chat panel${where}: ${what}.` };
}
