import { lengthPx, parseDeclarations } from './cssDeclarations';
import { COMMENT_NODE, ELEMENT_NODE, TEXT_NODE, isElement, type DomDocument, type DomElement, type DomNode } from './domTypes';
import { hiddenBoxReason } from './hiddenStyle';
import { StyleResolver } from './styleResolver';
import { parseStyleSheet, type StyleRule } from './styleSheet';
import { TextVisibility } from './textVisibility';

/**
 * Elements whose content is not what a person reads on the page: code, styling, embedded
 * documents and plugins, form controls, vector graphics, media, and `<template>` content.
 */
const REMOVED_TAGS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'input', 'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'output', 'svg', 'math', 'canvas', 'audio', 'video',
  'source', 'track', 'map', 'area', 'link', 'base', 'meta[http-equiv]', 'dialog:not([open])', '[hidden]', '[aria-hidden="true" i]',
];
/** A form with this much text, or with headings or an article inside, is a page wrapped in a form (ASP.NET does it): its content stays. */
const FORM_CONTENT_CHARS = 500;
const FORM_CONTENT_SELECTOR = 'article, main, h1, h2, h3';
const NEVER_REMOVED = new Set(['html', 'head', 'body']);

/** What the sanitizer learnt about the page. */
export interface SanitizeReport {
  /** The URL relative links resolve against (`<base href>` when it is http(s), else the page URL). */
  readonly baseUrl: string;
  /** How many elements and texts were removed, by reason. */
  readonly removed: Readonly<Record<string, number>>;
  /** How deeply the page nests (recursive converters fail on absurd depths). */
  readonly depth: number;
}

/**
 * Removes from a parsed page everything a person would not read on it, BEFORE any extraction,
 * so that text hidden from people cannot reach the model: comments, scripts and styles,
 * embedded documents, forms, `hidden` and `aria-hidden` elements, `<meta http-equiv>` (refresh)
 * and elements or texts hidden by inline or page styles. Mutates the document.
 */
export function sanitizeDocument(document: DomDocument, pageUrl: string): SanitizeReport {
  const removed: Record<string, number> = {};
  const count = (reason: string): void => {
    removed[reason] = (removed[reason] ?? 0) + 1;
  };
  const baseUrl = baseUrlOf(document, pageUrl);
  const rules = styleRules(document);
  const depth = removeComments(document, count);
  for (const selector of REMOVED_TAGS) {
    for (const element of queryAll(document, selector)) {
      if (NEVER_REMOVED.has(element.localName)) continue;
      element.remove();
      count(selector);
    }
  }
  for (const form of queryAll(document, 'form')) {
    // Its controls are gone already; what is left of a page-wrapping form is the page.
    if ((form.textContent ?? '').trim().length > FORM_CONTENT_CHARS || form.querySelector(FORM_CONTENT_SELECTOR) !== null) form.replaceWith(...Array.from(form.childNodes));
    else form.remove();
    count('form');
  }
  const resolver = new StyleResolver(document, rules);
  for (const element of queryAll(document, '*')) {
    if (NEVER_REMOVED.has(element.localName)) continue;
    const reason = hiddenBoxReason(resolver.styleOf(element)) ?? (element.localName === 'img' ? trackingPixel(element) : undefined);
    if (reason !== undefined) {
      element.remove();
      count(reason);
    }
  }
  removeInvisibleText(document, new TextVisibility((element) => resolver.styleOf(element)), count);
  return { baseUrl, removed, depth };
}

function baseUrlOf(document: DomDocument, pageUrl: string): string {
  const href = queryAll(document, 'base[href]')[0]?.getAttribute('href');
  if (href === undefined || href === null) return pageUrl;
  try {
    const base = new URL(href.trim(), pageUrl);
    return base.protocol === 'http:' || base.protocol === 'https:' ? base.href : pageUrl;
  } catch {
    return pageUrl;
  }
}

function styleRules(document: DomDocument): StyleRule[] {
  const rules: StyleRule[] = [];
  for (const style of queryAll(document, 'style')) {
    const media = style.getAttribute('media');
    if (media !== null && /\bprint\b/i.test(media) && !/\b(?:screen|all)\b/i.test(media)) continue;
    rules.push(...parseStyleSheet(style.textContent ?? '', rules.length));
  }
  return rules;
}

/** Removes every comment; returns the depth of the tree, measured on the way. */
function removeComments(document: DomDocument, count: (reason: string) => void): number {
  const comments: DomNode[] = [];
  let maxDepth = 0;
  walk(document, (node, depth) => {
    if (node.nodeType === COMMENT_NODE) comments.push(node);
    if (depth > maxDepth) maxDepth = depth;
  });
  for (const comment of comments) {
    comment.remove();
    count('comment');
  }
  return maxDepth;
}

/** A 1×1 (or 0×0) image: a tracking pixel, nothing to read. */
function trackingPixel(image: DomElement): string | undefined {
  const style = parseDeclarations(image.getAttribute('style') ?? '');
  const size = (name: 'width' | 'height'): number | undefined => lengthPx(style.get(name)?.value) ?? lengthPx(image.getAttribute(name)?.trim().replace(/^(\d+)$/, '$1px'));
  const width = size('width');
  const height = size('height');
  return (width !== undefined && width <= 1) || (height !== undefined && height <= 1) ? 'tracking pixel' : undefined;
}

function removeInvisibleText(document: DomDocument, visibility: TextVisibility, count: (reason: string) => void): void {
  const doomed: { node: DomNode; reason: string }[] = [];
  walk(document.body ?? document, (node) => {
    const parent = node.parentNode;
    if (parent === null || !isElement(parent)) return;
    if (node.nodeType === TEXT_NODE && (node.textContent ?? '').trim() !== '') {
      const reason = visibility.hiddenTextReason(parent);
      if (reason !== undefined) doomed.push({ node, reason });
    } else if (node.nodeType === ELEMENT_NODE && node.nodeName.toLowerCase() === 'img' && isElement(node) && visibility.isInvisible(node)) {
      doomed.push({ node, reason: 'visibility:hidden' });
    }
  });
  for (const { node, reason } of doomed) {
    node.remove();
    count(reason);
  }
}

/** Visits every node under root in document order, without recursion (pages can nest deeply). */
export function walk(root: DomNode, visit: (node: DomNode, depth: number) => void): void {
  const stack: [DomNode, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    visit(node, depth);
    const children = node.childNodes;
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child) stack.push([child, depth + 1]);
    }
  }
}

function queryAll(document: DomDocument, selector: string): DomElement[] {
  try {
    return Array.from(document.querySelectorAll(selector));
  } catch {
    return [];
  }
}
