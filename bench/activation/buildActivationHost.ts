import { build } from 'esbuild';
import path from 'node:path';

const OUT_DIR = path.resolve(__dirname, '..', '..', '.build', 'bench-activation');

/** Bundles activationHost.ts for the extension host (CommonJS, `vscode` external); returns its path. */
export async function buildActivationHost(): Promise<string> {
  const outfile = path.join(OUT_DIR, 'activationHost.js');
  await build({
    entryPoints: [path.join(__dirname, 'activationHost.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}
