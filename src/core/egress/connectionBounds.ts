import type { EgressLimit } from './egressLimitError';

export interface ConnectionLimits {
  /** Bytes relayed in both directions together: uploads count, they are what exfiltration sends. */
  readonly maxBytes: number;
  /** Longest silence in both directions. */
  readonly idleMs: number;
  /** Whole connection, however busy. */
  readonly totalMs: number;
}

/**
 * Bounds one proxied connection in bytes, silence and total time. `stop` is called once, with the
 * limit and a sentence, when the first bound is crossed; the caller tears the connection down.
 */
export class ConnectionBounds {
  private bytes = 0;
  private stopped = false;
  private readonly idle: NodeJS.Timeout;
  private readonly total: NodeJS.Timeout;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly stop: (limit: EgressLimit, detail: string) => void,
  ) {
    this.idle = setTimeout(() => this.end('body-timeout', `nothing was sent either way for ${limits.idleMs / 1000} s (limits.requestTimeoutSeconds).`), limits.idleMs);
    this.total = setTimeout(() => this.end('deadline', `the connection was open longer than ${limits.totalMs / 1000} s (limits.requestTimeoutSeconds).`), limits.totalMs);
  }

  /** Counts a chunk relayed either way; false once a bound has stopped the connection. */
  count(length: number): boolean {
    if (this.stopped) return false;
    this.bytes += length;
    if (this.bytes > this.limits.maxBytes) {
      this.end('max-response-bytes', `more than ${this.limits.maxBytes} bytes went through this connection (limits.maxResponseBytes).`);
      return false;
    }
    this.idle.refresh();
    return true;
  }

  get relayed(): number {
    return this.bytes;
  }

  clear(): void {
    this.stopped = true;
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }

  private end(limit: EgressLimit, detail: string): void {
    if (this.stopped) return;
    this.clear();
    this.stop(limit, detail);
  }
}
