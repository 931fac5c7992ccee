import { chunkRegistry } from './chunkRegistry';
import type * as Highlight from './highlight';
import type * as Markdown from './markdown';

/** The chunks loaded on first use, by name, and what each exports. */
export interface ChatChunks {
  readonly markdown: typeof Markdown;
  readonly highlight: typeof Highlight;
}

// Captured while the main script runs: `document.currentScript` is null afterwards. Chunks are
// loaded with the page's nonce, so the CSP stays nonce-only (no host allowed for scripts).
const mainScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;
const nonce = mainScript?.nonce ?? '';
const base = mainScript?.src.replace(/[^/]*$/, '') ?? '';
const loading = new Map<keyof ChatChunks, Promise<unknown>>();

/** Loads `chat-<name>.js` once, beside the main script; later calls share the same promise. */
export function loadChunk<K extends keyof ChatChunks>(name: K): Promise<ChatChunks[K]> {
  let pending = loading.get(name);
  if (!pending) {
    pending = new Promise((resolve, reject) => {
      chunkRegistry().set(name, resolve);
      const script = document.createElement('script');
      script.nonce = nonce;
      script.src = `${base}chat-${name}.js`;
      script.onerror = () => {
        loading.delete(name);
        reject(new Error(`the ${name} chunk could not be loaded`));
      };
      document.head.append(script);
    });
    loading.set(name, pending);
  }
  return pending as Promise<ChatChunks[K]>;
}
