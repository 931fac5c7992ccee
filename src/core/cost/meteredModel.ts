import type { ChatModel } from '../chat/chatSession';
import type { ChatMessage, ModelEvent, ToolSpec } from '../messages/chatMessage';
import { ModelFailureError } from '../model/modelFailure';
import type { RemoteModel } from '../policy/policySchema';
import type { CostMeter } from './costMeter';
import { estimateUsage, type TokenUsage } from './tokenUsage';

/**
 * A chat model whose every request to a remote API is checked against the month's cost cap
 * before it is sent, and counted once it ends: with the usage the server reported, or estimated
 * from characters when it reported none. A request that failed before any reply (refused,
 * unreachable) is not counted; one the user stopped is, since the API may bill what it received.
 */
export function meteredModel(model: ChatModel, meter: CostMeter, entry: RemoteModel): ChatModel {
  return {
    async *streamChat(messages: readonly ChatMessage[], signal: AbortSignal, tools?: readonly ToolSpec[]): AsyncGenerator<ModelEvent, void, undefined> {
      const check = meter.check(entry);
      if (!check.ok) throw new ModelFailureError({ kind: 'refused', message: check.message });
      let reported: TokenUsage | undefined;
      let received = 0;
      let replied = false;
      try {
        for await (const event of model.streamChat(messages, signal, tools)) {
          replied = true;
          if (event.type === 'usage') {
            reported = { inputTokens: event.inputTokens, outputTokens: event.outputTokens, estimated: false };
            continue;
          }
          received += event.type === 'text' ? event.text.length : event.calls.reduce((n, call) => n + call.name.length + call.arguments.length, 0);
          yield event;
        }
      } finally {
        if (replied || signal.aborted) await meter.record(entry, reported ?? estimateUsage(messages, received));
      }
    },
  };
}
