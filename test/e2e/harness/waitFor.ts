// Polling for the UI tests. playwright-core has no `expect` with retries (that lives in
// @playwright/test), so conditions on the webview are polled here, and a timeout reports the
// last value seen: a failing test then says what the product showed, not only that it was wrong.

const POLL_INTERVAL_MS = 100;
export const DEFAULT_WAIT_MS = 15_000;

/** Reads `read()` until `accept` holds, and returns that value. */
export async function waitForValue<T>(
  description: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) {
        return value;
      }
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}; last seen: ${describeLast(last)}`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeLast(last: { value: unknown } | { error: unknown } | undefined): string {
  if (last === undefined) {
    return 'nothing';
  }
  if ('error' in last) {
    return `error ${last.error instanceof Error ? last.error.message.split('\n')[0] : String(last.error)}`;
  }
  return JSON.stringify(last.value);
}
