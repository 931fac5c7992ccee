import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** What a connection learns from its transport besides the messages. */
export interface TransportObserver {
  /** A message went either way. */
  activity(): void;
  /** The transport reported an error (before the client sees it). */
  error(error: Error): void;
  /** The transport closed, for whatever reason. */
  closed(): void;
}

/**
 * A transport that tells its connection about traffic, errors and the close, and counts the
 * client's requests still waiting for an answer, so the idle timer never stops a server in the
 * middle of a call, whoever made it. Everything else passes through.
 */
export class ObservedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;

  private readonly waiting = new Set<RequestId>();

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
      this.waiting.clear();
      this.observer.closed();
      this.onclose?.();
    };
    this.inner.onerror = (error) => {
      this.observer.error(error);
      this.onerror?.(error);
    };
    this.inner.onmessage = (message, extra) => {
      if (!('method' in message) && 'id' in message && message.id !== undefined) this.waiting.delete(message.id);
      this.observer.activity();
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
