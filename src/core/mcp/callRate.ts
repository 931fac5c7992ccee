/**
 * Calls per minute to one server (`limits.callsPerMinute`): a sliding window of the last minute's
 * call times. The clock is injected, so tests need no waiting.
 */
const WINDOW_MS = 60_000;

export class CallRate {
  private readonly times: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one call if fewer than `perMinute` were taken in the last minute. */
  take(perMinute: number): boolean {
    const now = this.now();
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - WINDOW_MS) this.times.shift();
    if (this.times.length >= perMinute) return false;
    this.times.push(now);
    return true;
  }
}
