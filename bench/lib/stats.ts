/** Median of a non-empty sample; the middle two are averaged for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

export function minimum(values: readonly number[]): number {
  if (values.length === 0) throw new Error('minimum of an empty sample');
  return Math.min(...values);
}
