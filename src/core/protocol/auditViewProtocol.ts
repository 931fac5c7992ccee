import { z } from 'zod';

/** Messages from the audit log page; validated like every webview message. */
export const auditViewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('refresh') }).strict(),
]);
export type AuditViewMessage = z.infer<typeof auditViewMessageSchema>;

/** One audit entry as the page shows it (already redacted when it was written). */
export interface AuditRow {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly decision: string;
  readonly reason: string;
  readonly rule: string;
  readonly tool: string;
}

export type AuditViewHostMessage =
  | { type: 'entries'; file: string; rows: AuditRow[]; truncated: boolean; integrity: { ok: boolean; message: string } }
  | { type: 'error'; message: string };
