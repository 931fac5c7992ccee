// A source module as Airlock ships it: bundled by esbuild with the options scripts/build.mjs uses
// for the extension and the CLI (one CommonJS file, Node 22, minified, names kept). The benches
// run under the tsx loader, which compiles each file on its own, so every call into another
// module goes through a getter on that module's exports; in a hot loop that costs a fifth to a
// third of the content guard's throughput, which the shipped bundle never pays.
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Bundles `entry` (a path under the repository) and loads it; the bundle is removed once loaded. */
export function shippedModule<T>(entry: string): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-bench-'));
  const outfile = path.join(dir, 'module.cjs');
  try {
    buildSync({ entryPoints: [path.resolve(__dirname, '../..', entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node22', minify: true, keepNames: true, logLevel: 'silent', legalComments: 'none' });
    return createRequire(__filename)(outfile) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
