// Bundles the extension-host suite for VS Code's extension host: CommonJS, `vscode` left to the
// host, mocha bundled in so the suite does not depend on where node_modules is.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SUITE_OUT_DIR = path.join(REPO_ROOT, '.build', 'exthost');
/** An empty development extension; see harness/package.json for why it exists. */
export const HARNESS_DIR = path.join(import.meta.dirname, 'harness');
export const VSIX_PATH = path.join(REPO_ROOT, '.build', 'airlock.vsix');

/** Builds .build/exthost/index.js plus one bundle per test file and returns the index path. */
export async function buildExtensionHostSuite(): Promise<string> {
  const suiteDir = path.join(import.meta.dirname, 'suite');
  const tests = readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(suiteDir, name));
  // Stale bundles of deleted tests would still be picked up by the suite's file scan.
  rmSync(SUITE_OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(suiteDir, 'index.ts'), ...tests],
    outdir: SUITE_OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // Only mocha's parallel mode (unused here) resolves files next to itself at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return path.join(SUITE_OUT_DIR, 'index.js');
}
