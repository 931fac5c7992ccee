// Bundles the extension host code, the CLI and the webview script with esbuild.
import * as esbuild from 'esbuild';
import process from 'node:process';
import { chmodSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { chunkBuilds, lazyChunksPlugin } from './lib/lazyChunks.mjs';

const watch = process.argv.includes('--watch');
// The VSIX ships the minified build without source maps; development builds keep both readable.
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = { bundle: true, sourcemap: !production, minify: production, keepNames: true, logLevel: 'info', legalComments: 'none' };

const builds = [
  // import() of a lazy chunk becomes require() of its file (see scripts/lib/lazyChunks.mjs).
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node22', external: ['vscode'], plugins: [lazyChunksPlugin('dist/extension.js')], supported: { 'dynamic-import': false } },
  ...chunkBuilds(common),
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node22', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['media/chat/main.ts'], outfile: 'dist/webview/chat.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // Chunks the panel loads on first use (an iife cannot be split): media/chat/chunkLoader.ts.
  ...['markdown', 'highlight'].map((name) => ({ ...common, entryPoints: [`media/chat/${name}Chunk.ts`], outfile: `dist/webview/chat-${name}.js`, platform: 'browser', format: 'iife', target: 'es2022' })),
  { ...common, entryPoints: ['media/audit/main.ts'], outfile: 'dist/webview/audit.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/webview', { recursive: true });
cpSync('media/chat/chat.css', 'dist/webview/chat.css');
cpSync('media/audit/audit.css', 'dist/webview/audit.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // `bin.airlock` and `npx airlock` exec the file itself: without the x bit the shell refuses it.
  chmodSync('dist/cli.js', 0o755);
}
