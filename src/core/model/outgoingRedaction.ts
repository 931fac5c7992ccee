import type { AuditSink } from '../audit/auditSink';
import type { ChatMessage } from '../messages/chatMessage';
import { isLoopbackHost } from '../egress/decide';
import { bareHost } from '../egress/egressTarget';
import { countKinds, redact } from '../redaction/redact';

/** True when requests to this base URL leave the machine. */
export function isRemoteEndpoint(baseUrl: string): boolean {
  return !isLoopbackHost(bareHost(new URL(baseUrl).hostname));
}

/**
 * Removes secrets from everything sent to a model off this machine, and audits what was removed
 * (kinds and counts, never the values). A loopback model gets the conversation as it is.
 */
export function redactForRemote(messages: readonly ChatMessage[], audit: AuditSink | undefined, endpoint: string): ChatMessage[] {
  const kinds: Record<string, number> = {};
  const scrub = (text: string): string => {
    const result = redact(text);
    for (const [kind, count] of Object.entries(countKinds(result.redactions))) kinds[kind] = (kinds[kind] ?? 0) + (count ?? 0);
    return result.text;
  };
  const redacted = messages.map((message): ChatMessage => {
    if (message.role === 'assistant') {
      return { ...message, content: scrub(message.content), ...(message.toolCalls ? { toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: scrub(call.arguments) })) } : {}) };
    }
    return { ...message, content: scrub(message.content) };
  });
  if (Object.keys(kinds).length > 0) audit?.record({ actor: 'system', action: 'model.redact', target: endpoint, decision: 'allow', reason: 'secrets removed before a remote model request', detail: { kinds } });
  return redacted;
}
