const WINDOW_MS = 60_000;

/**
 * Requests per minute (a sliding window: at most `limit` requests in any 60 s) and requests in
 * flight, for one tool. Both refuse rather than queue: an agent that floods gets told at once,
 * and nothing piles up behind it. The limits are read per request, so a policy change applies
 * to the next one.
 */
export class RequestLimits {
  private sent: number[] = [];
  private head = 0;
  private inFlight = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a request if the rate allows it; otherwise says how long until one would be allowed. */
  takeRate(limit: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    while (this.head < this.sent.length && (this.sent[this.head] as number) <= now - WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.sent.length) {
      this.sent = this.sent.slice(this.head);
      this.head = 0;
    }
    if (this.sent.length - this.head >= limit) return { ok: false, retryAfterMs: (this.sent[this.head] as number) + WINDOW_MS - now };
    this.sent.push(now);
    return { ok: true };
  }

  /** A slot for one request in flight, released exactly once; undefined when all are taken. */
  acquire(limit: number): (() => void) | undefined {
    if (this.inFlight >= limit) return undefined;
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
    };
  }

  get active(): number {
    return this.inFlight;
  }
}
