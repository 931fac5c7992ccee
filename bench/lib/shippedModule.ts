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

const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * Bundles `entry` (a path under the repository) and loads it; the bundle is removed once loaded.
 * Several entries become one bundle exporting what each exports, so modules that hand each
 * other objects share one copy of the code between them, as in the shipped bundle.
 */
export function shippedModule<T>(entry: string, ...more: readonly string[]): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-bench-'));
  const outfile = path.join(dir, 'module.cjs');
  const entries = [entry, ...more].map((file) => path.resolve(REPO_ROOT, file));
  const input = entries.length === 1 ? { entryPoints: entries } : { stdin: { contents: entries.map((file) => `export * from ${JSON.stringify(file)};`).join('\n'), resolveDir: REPO_ROOT, loader: 'ts' as const } };
  try {
    buildSync({ ...input, outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node22', minify: true, keepNames: true, logLevel: 'silent', legalComments: 'none' });
    return createRequire(__filename)(outfile) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
