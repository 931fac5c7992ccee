// `npm run bench [-- name…]`: runs every bench/*.bench.ts (or the named ones) one after another,
// prints one table each and writes bench-results/<name>.json. Benchmarks run sequentially: they
// share 2 cores, and the peers in a table must see the same machine load as Airlock.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRun } from './lib/benchReport';
import { formatReport } from './lib/formatReport';
import { writeResult } from './lib/writeResult';

const SUFFIX = '.bench.ts';

async function main(filters: readonly string[]): Promise<number> {
  const names = benchNames().filter((name) => filters.length === 0 || filters.includes(name));
  if (names.length === 0) {
    process.stderr.write(`no benchmark matches ${filters.join(', ')}; known: ${benchNames().join(', ')}\n`);
    return 2;
  }
  let failures = 0;
  for (const name of names) {
    try {
      const report = await (await loadBench(name))();
      process.stdout.write(`${formatReport(report)}  → ${path.relative(process.cwd(), writeResult(name, report))}\n\n`);
    } catch (error) {
      failures++;
      process.stderr.write(`benchmark ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
    }
  }
  return failures === 0 ? 0 : 1;
}

function benchNames(): string[] {
  return readdirSync(__dirname).filter((file) => file.endsWith(SUFFIX)).map((file) => file.slice(0, -SUFFIX.length)).sort();
}

async function loadBench(name: string): Promise<BenchRun> {
  const module: unknown = await import(pathToFileURL(path.join(__dirname, `${name}${SUFFIX}`)).href);
  const run = (module as { run?: unknown }).run;
  if (typeof run !== 'function') throw new Error(`bench/${name}${SUFFIX} does not export a run() function`);
  return run as BenchRun;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
