import { loadChunk, type ChatChunks } from './chunkLoader';

type Markdown = ChatChunks['markdown'];
let markdown: Markdown | undefined;
// The latest text asked of each element while the renderer loads: only that one is rendered.
const waiting = new WeakMap<HTMLElement, (api: Markdown) => void>();

/**
 * Renders Markdown into `element` with the renderer chunk, loaded on first use. Until it has
 * loaded the element shows the plain text, so nothing waits on it; `after` runs on each render.
 */
export function renderMarkdownInto(element: HTMLElement, text: string, after?: () => void): void {
  render(element, text, (api) => {
    element.innerHTML = api.renderMarkdown(text);
    after?.();
  });
}

/** One line of our own Markdown (hints with `code` spans), the same way. */
export function renderInlineMarkdownInto(element: HTMLElement, text: string): void {
  render(element, text, (api) => {
    element.innerHTML = api.renderInlineMarkdown(text);
  });
}

function render(element: HTMLElement, text: string, draw: (api: Markdown) => void): void {
  if (markdown) {
    draw(markdown);
    return;
  }
  element.textContent = text;
  waiting.set(element, draw);
  loadChunk('markdown').then(
    (api) => {
      markdown = api;
      const latest = waiting.get(element);
      waiting.delete(element);
      latest?.(api);
    },
    // Without the renderer the text stays plain: readable, and safe.
    () => waiting.delete(element),
  );
}
