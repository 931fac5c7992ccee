/**
 * How a lazily loaded chunk hands its exports to the page. Chunks are separate iife bundles
 * (esbuild cannot split an iife), so they meet the main script through one registry kept on
 * the page under a symbol: the loader leaves a callback under the chunk's name, the chunk calls it.
 */
const REGISTRY = Symbol.for('airlock.chat.chunks');

type Registry = Map<string, (api: unknown) => void>;

export function chunkRegistry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** Called by a chunk's entry file once its code has run. */
export function registerChunk(name: string, api: unknown): void {
  chunkRegistry().get(name)?.(api);
}
