import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ELEMENT_NODE, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './domTypes';
import { normalizeShell } from './htmlShell';
import { htmlToMarkdown } from './markdownConverter';
import { sanitizeDocument, walk } from './sanitizeDocument';

/** More elements than this and Readability is skipped (its cost grows fast); the page's body is read instead. */
const MAX_READABILITY_ELEMENTS = 25_000;
/** Deeper than this and the recursive converters (Readability, turndown) are not tried: the plain text is read. */
const MAX_CONVERTIBLE_DEPTH = 1_000;

export interface HtmlReading {
  readonly title: string;
  readonly markdown: string;
  /** True when content was left out to stay within the character budget. */
  readonly pruned: boolean;
  /** Where the text came from: Readability's article, the whole body when it found none, or the body's plain text. */
  readonly source: 'article' | 'body' | 'text';
}

/**
 * Reads an HTML page the way a person would see its main text. linkedom builds the DOM and
 * never runs scripts or loads anything; the sanitizer drops hidden and non-content nodes;
 * Readability picks the main content (falling back to the body); turndown writes Markdown.
 * `budgetChars` bounds the work on huge pages: content past it is pruned before conversion.
 */
export function readHtml(source: string, pageUrl: string, budgetChars: number): HtmlReading {
  const html = normalizeShell(source);
  const document = parseDocument(html);
  const report = sanitizeDocument(document, pageUrl);
  const title = cleanTitle(document.title);
  const body = document.body ?? document.documentElement;
  if (!body) return { title, markdown: '', pruned: false, source: 'body' };
  if (report.depth > MAX_CONVERTIBLE_DEPTH) return plainReading(body, title, budgetChars);
  const article = extractArticle(document);
  if (article) {
    const converted = convert(article.content, report.baseUrl, budgetChars);
    if (converted) return { title: cleanTitle(article.title) || title, ...converted, source: 'article' };
  }
  // Readability changed the document it worked on (or found nothing): start again from the page.
  const fresh = parseDocument(html);
  sanitizeDocument(fresh, pageUrl);
  const freshBody = fresh.body ?? fresh.documentElement;
  if (!freshBody) return { title, markdown: '', pruned: false, source: 'body' };
  const converted = convert(freshBody, report.baseUrl, budgetChars);
  return converted ? { title, ...converted, source: 'body' } : plainReading(freshBody, title, budgetChars);
}

function parseDocument(html: string): DomDocument {
  // linkedom declares its window with DOM lib types the core does not compile with.
  const window: unknown = parseHTML(html);
  return (window as { document: DomDocument }).document;
}

function extractArticle(document: DomDocument): { title: string; content: DomElement } | undefined {
  if (document.querySelectorAll('*').length > MAX_READABILITY_ELEMENTS) return undefined;
  try {
    // Readability's types name DOM classes the core does not compile with (they resolve to nothing); the nodes are linkedom's.
    const reader = new Readability<DomElement>(document, {
      serializer: (node: unknown) => node as DomElement,
      maxElemsToParse: MAX_READABILITY_ELEMENTS,
      disableJSONLD: true,
    });
    const article = reader.parse();
    if (!article?.content || (article.textContent ?? '').trim() === '') return undefined;
    return { title: article.title ?? '', content: article.content };
  } catch {
    return undefined;
  }
}

function convert(root: DomElement, baseUrl: string, budgetChars: number): { markdown: string; pruned: boolean } | undefined {
  const pruned = pruneToBudget(root, budgetChars);
  try {
    return { markdown: htmlToMarkdown(root, baseUrl), pruned };
  } catch {
    return undefined; // a structure too deep for turndown's recursion
  }
}

const BLOCK = /^(?:address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tr|ul)$/i;

/** The text of the (sanitized) body, a line per block, for pages the converters cannot take. */
function plainReading(body: DomElement, title: string, budgetChars: number): HtmlReading {
  const pruned = pruneToBudget(body, budgetChars);
  const parts: string[] = [];
  walk(body, (node) => {
    if (node.nodeType === TEXT_NODE) parts.push(node.textContent ?? '');
    else if (node.nodeType === ELEMENT_NODE && BLOCK.test(node.nodeName)) parts.push('\n');
  });
  const markdown = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n\n');
  return { title, markdown, pruned, source: 'text' };
}

/**
 * Removes everything after the first `budgetChars` characters of text (in document order), so
 * converting a huge page costs no more than converting the part that will be shown.
 */
export function pruneToBudget(root: DomNode, budgetChars: number): boolean {
  let remaining = budgetChars;
  let node: DomNode = root;
  let pruned = false;
  // Bounded descent: measuring text at every level of an absurdly deep page would be quadratic.
  for (let level = 0; level < MAX_CONVERTIBLE_DEPTH; level++) {
    let descend: DomNode | undefined;
    for (const child of Array.from(node.childNodes)) {
      if (descend !== undefined || remaining <= 0) {
        child.remove();
        pruned = true;
        continue;
      }
      const length = (child.textContent ?? '').length;
      if (length <= remaining) remaining -= length;
      else descend = child;
    }
    if (descend === undefined || descend.childNodes.length === 0) return pruned;
    node = descend;
  }
  return pruned;
}

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, 300);
}
