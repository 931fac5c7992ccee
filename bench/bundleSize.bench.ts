// Bundle size of Airlock's extension host code against the main bundles of VS Code's own
// built-in extensions, read from the code-server install this project tests with.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { ensureCodeServer, type CodeServerInstall } from '../scripts/lib/codeServer';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { builtInMainFile } from './lib/builtInExtensions';

const AIRLOCK_BUNDLE = path.resolve(__dirname, '..', 'dist', 'extension.js');
// Built beside the bundle and required on first use (scripts/lib/lazyChunks.mjs): not loaded at activation.
const AIRLOCK_CHUNKS = path.resolve(__dirname, '..', 'dist', 'chunks');
const PEERS = ['markdown-language-features', 'git', 'emmet', 'json-language-features'];
// Minifying a minified bundle again saves a few percent at most; more means it was not minified.
const DEVELOPMENT_BUILD_FACTOR = 1.1;
const PEER_NOTE = 'peers are VS Code 1.139 built-in extensions from code-server; only their main file counts (some load more files at run time)';

export async function run(): Promise<BenchReport> {
  if (!existsSync(AIRLOCK_BUNDLE)) throw new Error(`${AIRLOCK_BUNDLE} is missing: run \`npm run build\` first.`);
  const install = await ensureCodeServer();
  const airlock = await airlockRows(readFileSync(AIRLOCK_BUNDLE));
  return {
    title: 'bundle size of the extension host entry (bytes)',
    columns: [
      { key: 'bytes', label: 'bytes', decimals: 0 },
      { key: 'gzip', label: 'gzip', decimals: 0 },
    ],
    rows: [...airlock.rows, ...chunkRows(), ...PEERS.map((name) => peerRow(install, name))],
    notes: [PEER_NOTE, ...airlock.notes],
  };
}

/**
 * The built-ins ship minified. After a plain `npm run build` dist/ is not, so the minified form
 * is shown too, keeping the comparison about code rather than whitespace.
 */
async function airlockRows(bundle: Buffer): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows = [sizeRow('airlock', true, bundle, 'dist/extension.js as built')];
  const minified = Buffer.from((await transform(bundle.toString('utf8'), { minify: true, loader: 'js', legalComments: 'none' })).code);
  if (bundle.length <= minified.length * DEVELOPMENT_BUILD_FACTOR) return { rows, notes: [] };
  rows.push(sizeRow('airlock (minified)', true, minified, 'dist/extension.js through esbuild --minify'));
  return { rows, notes: ['dist/extension.js is a development build; `npm run package` builds the minified one that ships'] };
}

/** Each lazily loaded chunk as built, so what left the entry bundle stays visible. */
function chunkRows(): BenchRow[] {
  if (!existsSync(AIRLOCK_CHUNKS)) return [];
  return readdirSync(AIRLOCK_CHUNKS).filter((file) => file.endsWith('.js')).sort().map((file) => sizeRow(`airlock chunk ${file} (on first use)`, false, readFileSync(path.join(AIRLOCK_CHUNKS, file)), `dist/chunks/${file}, required by the entry bundle when first needed`));
}

function peerRow(install: CodeServerInstall, name: string): BenchRow {
  const file = builtInMainFile(install, name);
  const codeServerRoot = path.resolve(path.dirname(install.entry), '..', '..');
  return sizeRow(name, false, readFileSync(file), path.relative(codeServerRoot, file));
}

function sizeRow(subject: string, airlock: boolean, content: Buffer, detail: string): BenchRow {
  return { subject, airlock, values: { bytes: content.length, gzip: gzipSync(content, { level: 9 }).length }, detail };
}
