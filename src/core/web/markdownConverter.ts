import TurndownService from 'turndown';
import type { DomElement, DomNode } from './domTypes';

const MAX_ALT_CHARS = 200;
const MAX_HREF_CHARS = 600;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Turns sanitized HTML into Markdown. Links keep their text and an absolute http(s)/mailto URL
 * (javascript:, data: and every other scheme are dropped to plain text); images become
 * `[image: alt]` and their URLs are never written, let alone fetched.
 */
export function htmlToMarkdown(root: DomElement, baseUrl: string): string {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_', strongDelimiter: '**', hr: '---' });
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'canvas', 'audio', 'video', 'head']);
  service.addRule('airlockImage', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = ((node as unknown as DomElement).getAttribute('alt') ?? '').replace(/\s+/g, ' ').replace(/[[\]]/g, '').trim().slice(0, MAX_ALT_CHARS);
      return alt === '' ? '' : `[image: ${alt}]`;
    },
  });
  service.addRule('airlockLink', {
    filter: 'a',
    replacement: (content, node) => {
      const text = content.replace(/\s*\n+\s*/g, ' ').trim();
      if (text === '') return '';
      const href = safeHref((node as unknown as DomElement).getAttribute('href'), baseUrl);
      if (href === undefined) return content;
      return text === href ? `<${href}>` : `[${text}](${href})`;
    },
  });
  service.addRule('airlockTableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${content.replace(/\s*\n+\s*/g, ' ').replace(/\|/g, '\\|').trim()} |`,
  });
  service.addRule('airlockTableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = `\n|${content}`;
      const element = node as unknown as DomElement;
      if (element.closest('table')?.querySelector('tr') !== element) return row;
      const cells = Array.from(element.childNodes).filter((child: DomNode) => ['TH', 'TD'].includes(child.nodeName.toUpperCase())).length;
      return `${row}\n|${' --- |'.repeat(Math.max(1, cells))}`;
    },
  });
  service.addRule('airlockTableSection', {
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  });
  service.addRule('airlockTable', {
    filter: 'table',
    replacement: (content) => `\n\n${content.replace(/^\n+/, '')}\n\n`,
  });
  // Turndown's types name DOM classes the core does not compile with (they resolve to nothing); the element is linkedom's.
  return tidy(service.turndown(root));
}

/** An absolute, displayable link target, or undefined for schemes that must not reach the model as links. */
export function safeHref(raw: string | null, baseUrl: string): string | undefined {
  if (raw === null) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim(), baseUrl);
  } catch {
    return undefined;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return undefined;
  url.username = '';
  url.password = '';
  // In-page anchors point back at the page itself: nothing to follow.
  if (url.protocol !== 'mailto:' && raw.trim().startsWith('#')) return undefined;
  const href = url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return href.length > MAX_HREF_CHARS ? undefined : href;
}

function tidy(markdown: string): string {
  return markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
