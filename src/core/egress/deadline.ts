/**
 * The total time a request may take, from the first byte sent to the last byte read, across
 * redirects. Paused while the user is asked for approval: a dialog is not the server's time.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private remaining: number;
  private startedAt = 0;
  private done = false;

  constructor(ms: number, private readonly onExpire: () => void) {
    this.remaining = ms;
    this.resume();
  }

  pause(): void {
    if (this.done || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remaining -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.done || this.timer !== undefined) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(() => {
      this.done = true;
      this.onExpire();
    }, Math.max(0, this.remaining));
    // A response nobody reads must not keep the process alive; the deadline still frees it.
    this.timer.unref();
  }

  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }
}
