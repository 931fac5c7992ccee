/** Comma-separated extension ids, activated in this order. */
export const ACTIVATION_IDS_ENV = 'AIRLOCK_BENCH_ACTIVATION_IDS';
/** Where the host writes its HostResult JSON. */
export const ACTIVATION_OUT_ENV = 'AIRLOCK_BENCH_ACTIVATION_OUT';

/** One extension's activation in one host: a time, or why there is none. */
export type ActivationSample =
  | { readonly id: string; readonly ms: number; readonly wasActive: boolean }
  | { readonly id: string; readonly error: string };

export interface HostResult {
  readonly vscodeVersion: string;
  readonly nodeVersion: string;
  readonly samples: readonly ActivationSample[];
}
