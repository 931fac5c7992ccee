// Parts of the extension host code that load on first use rather than at activation. VS Code
// loads an extension's `main` as CommonJS, and esbuild splits code only for ESM, so each lazy part
// is built as its own CommonJS file under dist/chunks/, and in the extension bundle a dynamic
// import() of its source becomes a require() of that file, resolved beside dist/extension.js.
import path from 'node:path';

/** Each lazy part: the module the code imports dynamically, and the chunk file it becomes. */
export const LAZY_CHUNKS = [
  // The web reader (linkedom, Readability, turndown): most of the bundle, for web.fetch only.
  { source: 'src/core/web/webReader.ts', chunk: 'dist/chunks/webReader.js' },
  // The content guard's sanitizer, scanner and phrase tables: needed once untrusted text arrives.
  { source: 'src/core/content/spotlight.ts', chunk: 'dist/chunks/contentGuard.js' },
];

/** The esbuild options that build each chunk, on top of `common`. */
export function chunkBuilds(common) {
  return LAZY_CHUNKS.map(({ source, chunk }) => ({ ...common, entryPoints: [source], outfile: chunk, platform: 'node', format: 'cjs', target: 'node22' }));
}

/**
 * The plugin for the bundle that loads the chunks (`outfile` is that bundle's path). Only dynamic
 * imports are redirected: a static import of a chunk's source would still bundle it, which the
 * bundle-size benchmark shows.
 */
export function lazyChunksPlugin(outfile) {
  const bySource = new Map(LAZY_CHUNKS.map(({ source, chunk }) => [withoutExtension(path.resolve(source)), chunk]));
  return {
    name: 'lazy-chunks',
    setup(build) {
      build.onResolve({ filter: /./ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const chunk = bySource.get(withoutExtension(path.resolve(args.resolveDir, args.path)));
        if (chunk === undefined) return undefined;
        return { path: `./${path.relative(path.dirname(outfile), chunk).split(path.sep).join('/')}`, external: true };
      });
    },
  };
}

function withoutExtension(file) {
  return file.replace(/\.[cm]?[jt]s$/, '');
}
