import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { parseFenceInfo } from './fenceInfo';

// Model output is untrusted: no raw HTML, and images become text so that a reply cannot make
// the page fetch a URL (a classic exfiltration channel). DOMPurify is the second fence.
const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

md.renderer.rules.image = (tokens, index) => {
  const token = tokens[index];
  const alt = token ? md.utils.escapeHtml(token.content) : '';
  const src = token ? md.utils.escapeHtml(String(token.attrGet('src') ?? '')) : '';
  return `<span class="blocked-image" title="Images in replies are not loaded">[image: ${alt || 'untitled'} — ${src}]</span>`;
};

// A fence's info names the language and maybe the file the block is for: the code block's
// toolbar reads them from data attributes (kept by DOMPurify) on the `code` element.
md.core.ruler.push('airlock_fence_info', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'fence') continue;
    const info = parseFenceInfo(token.info);
    token.info = info.language;
    token.attrSet('data-label', info.label);
    if (info.file) token.attrSet('data-file', info.file);
  }
});

const PURIFY_OPTIONS = {
  FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe', 'object', 'embed', 'video', 'audio', 'svg', 'math'],
  FORBID_ATTR: ['style', 'src', 'srcset', 'action', 'formaction'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
};

/** One line of Markdown (no block elements) to sanitized HTML, for notices and errors. */
export function renderInlineMarkdown(text: string): string {
  return DOMPurify.sanitize(md.renderInline(text), PURIFY_OPTIONS);
}

/** Markdown to sanitized HTML for the chat transcript. */
export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(md.render(text), PURIFY_OPTIONS);
}
