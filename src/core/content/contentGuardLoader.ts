import type * as ContentGuard from './spotlight';

/**
 * The content guard (sanitizer, injection scanner and their phrase tables), loaded on first use:
 * nothing needs it until untrusted text arrives, and evaluating it at activation would slow every
 * window. In the extension bundle this import becomes a require of its own chunk
 * (scripts/lib/lazyChunks.mjs).
 */
export function loadContentGuard(): Promise<typeof ContentGuard> {
  return import('./spotlight');
}
