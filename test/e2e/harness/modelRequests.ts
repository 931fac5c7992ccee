// What the suite's fixture model was sent: the chat completions, and the tool results in them.
import type { RecordedRequest } from '../../fixtures/modelServer/fixtureModelServer';
import { e2e } from './rootHooks';

/** The chat completion requests the fixture model has received, oldest first. */
export function chatRequests(): RecordedRequest[] {
  return e2e().fixture.requests.filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions');
}

/** The `tool` messages of a recorded chat request: what the agent told the model about its tool calls. */
export function toolMessages(body: unknown): string[] {
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: unknown) => {
    const record = message as { role?: unknown; content?: unknown };
    return record.role === 'tool' ? [String(record.content)] : [];
  });
}
