// Packages the extension into .build/airlock.vsix with @vscode/vsce. The esbuild bundle in dist/
// already contains every runtime dependency, so node_modules is not packaged
// (the same as `vsce package --no-dependencies`); .vscodeignore lists what ships, and vsce
// prints the packaged tree.
import { createVSIX } from '@vscode/vsce';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, '.build', 'airlock.vsix');

// vsce asks an interactive question when LICENSE is missing, which would hang a CI run:
// check the inputs first and say what to do.
function assertInputs() {
  const missing = ['package.json', 'README.md', 'dist/extension.js'].filter((file) => !existsSync(path.join(ROOT, file)));
  if (!existsSync(path.join(ROOT, 'LICENSE')) && !existsSync(path.join(ROOT, 'LICENSE.md'))) missing.push('LICENSE');
  if (missing.length > 0) {
    throw new Error(`cannot package, missing: ${missing.join(', ')}${missing.includes('dist/extension.js') ? ' (run `npm run build` first)' : ''}`);
  }
}

async function main() {
  assertInputs();
  mkdirSync(path.dirname(OUT), { recursive: true });
  // The README links docs/ relatively; there is no public repository to rewrite them against.
  await createVSIX({ cwd: ROOT, packagePath: OUT, dependencies: false, rewriteRelativeLinks: false });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
