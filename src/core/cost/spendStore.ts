/** What one remote model API has cost this month, as far as Airlock has counted it. */
export interface MonthlySpend {
  readonly usd: number;
  /** Some replies reported no usage and were estimated. */
  readonly estimated: boolean;
  /** The 80 % warning was shown this month. */
  readonly warned: boolean;
}

/**
 * The core's port to where the month's totals are kept (the extension's global storage):
 * keyed by API URL and month, so a new month starts at zero and the keys never collide.
 */
export interface SpendStore {
  get(key: string): MonthlySpend | undefined;
  set(key: string, spend: MonthlySpend): Promise<void>;
}

/** The calendar month in UTC, `2026-12`: the same month wherever the user is. */
export function utcMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function spendKey(url: string, month: string): string {
  return `airlock.spend/${month}/${url}`;
}
