import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, type JSONRPCMessage, type MessageExtraInfo, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { McpProcessError } from './mcpProcessError';

/** What a connection learns from its transport besides the messages. */
export interface TransportObserver {
  /** A message went either way. */
  activity(): void;
  /** The transport reported an error (before the client sees it). */
  error(error: Error): void;
  /** The transport closed, for whatever reason. */
  closed(): void;
  /** The last request still waiting was answered: the server is between calls. */
  settled(): void;
}

/**
 * A transport that tells its connection about traffic, errors and the close, and counts the
 * client's requests still waiting for an answer, so the idle timer never stops a server in the
 * middle of a call, whoever made it. When the connection fails (an McpProcessError: a crash, a
 * malformed or oversized message), each waiting request is answered with that error, so every
 * caller reads why, not only the SDK's bare "Connection closed". Everything else passes through.
 */
export class ObservedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;

  private readonly waiting = new Set<RequestId>();
  private failure: McpProcessError | undefined;

  constructor(
    private readonly inner: Transport,
    private readonly observer: TransportObserver,
  ) {}

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  /** The HTTP transport sends the negotiated version as a header from then on. */
  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.waiting.size;
  }

  start(): Promise<void> {
    this.inner.onclose = () => {
      const failure = this.failure;
      const waiting = [...this.waiting];
      this.waiting.clear();
      if (failure !== undefined) for (const id of waiting) this.onmessage?.({ jsonrpc: '2.0', id, error: { code: ErrorCode.ConnectionClosed, message: failure.message } });
      this.observer.closed();
      this.onclose?.();
    };
    this.inner.onerror = (error) => {
      if (error instanceof McpProcessError) this.failure ??= error;
      this.observer.error(error);
      this.onerror?.(error);
    };
    this.inner.onmessage = (message, extra) => {
      const answered = !('method' in message) && 'id' in message && message.id !== undefined && this.waiting.delete(message.id);
      this.observer.activity();
      // Before the caller reads the answer: what the call left behind is dealt with first.
      if (answered && this.waiting.size === 0) this.observer.settled();
      this.onmessage?.(message, extra);
    };
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if ('method' in message && 'id' in message) this.waiting.add(message.id);
    // A cancelled request is answered by nobody.
    if ('method' in message && message.method === 'notifications/cancelled') this.waiting.delete((message.params as { requestId: RequestId }).requestId);
    this.observer.activity();
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
