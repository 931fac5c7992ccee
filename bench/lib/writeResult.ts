import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { BenchReport } from './benchReport';

/** bench-results/ is git-ignored: results describe one machine and one run, not the project. */
export const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench-results');

/** Writes bench-results/<name>.json with the machine it ran on; returns the path. */
export function writeResult(name: string, report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const machine = { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' };
  writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, report }, null, 2)}\n`);
  return file;
}
