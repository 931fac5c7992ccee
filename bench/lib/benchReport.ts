/** One measured quantity, e.g. "bytes" or "median ms". */
export interface BenchColumn {
  readonly key: string;
  readonly label: string;
  readonly decimals: number;
}

/** One subject measured in this run: Airlock itself or a peer it is compared with. */
export interface BenchRow {
  readonly subject: string;
  readonly airlock: boolean;
  readonly values: Readonly<Record<string, number>>;
  /** What exactly was measured (a file path, a sample count): makes a surprising figure checkable. */
  readonly detail?: string;
}

/**
 * What a `bench/*.bench.ts` file's `run()` returns. Peers are measured in the same run as Airlock,
 * on the same machine, so the ratios mean something even though absolute figures drift.
 */
export interface BenchReport {
  readonly title: string;
  readonly columns: readonly BenchColumn[];
  readonly rows: readonly BenchRow[];
  readonly notes?: readonly string[];
}

/** The shape every benchmark module exports. */
export type BenchRun = () => Promise<BenchReport>;
