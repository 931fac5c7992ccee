import type { BenchColumn, BenchReport, BenchRow } from './benchReport';

/**
 * A plain-text table: one line per subject, each measured column, then the ratio of Airlock's
 * figure to that subject's (below 1: Airlock is smaller/faster).
 */
export function formatReport(report: BenchReport): string {
  const reference = report.rows.find((row) => row.airlock);
  const header = ['subject', ...report.columns.map((c) => c.label), ...(reference ? report.columns.map((c) => `airlock/x ${c.label}`) : [])];
  const body = report.rows.map((row) => [
    row.subject,
    ...report.columns.map((column) => formatNumber(row.values[column.key], column.decimals)),
    ...(reference ? report.columns.map((column) => formatRatio(reference, row, column)) : []),
  ]);
  const details = report.rows.filter((row) => row.detail !== undefined).map((row) => `  ${row.subject}: ${row.detail}`);
  const notes = (report.notes ?? []).map((note) => `  note: ${note}`);
  return [report.title, ...alignColumns([header, ...body]), ...details, ...notes].join('\n') + '\n';
}

function formatRatio(reference: BenchRow, row: BenchRow, column: BenchColumn): string {
  const mine = reference.values[column.key];
  const theirs = row.values[column.key];
  if (mine === undefined || theirs === undefined || !Number.isFinite(mine / theirs)) return '-';
  return (mine / theirs).toFixed(2);
}

function formatNumber(value: number | undefined, decimals: number): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** First column left-aligned (names), the figures right-aligned so digits line up. */
function alignColumns(table: readonly (readonly string[])[]): string[] {
  const widths = table[0]?.map((_, index) => Math.max(...table.map((line) => line[index]?.length ?? 0))) ?? [];
  return table.map((line) => '  ' + line.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  '));
}
