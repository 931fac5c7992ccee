import { parseDeclarations, type Declaration, type Declarations } from './cssDeclarations';
import type { DomDocument, DomElement } from './domTypes';
import { declaredFontSize, hiddenBoxReason } from './hiddenStyle';
import { isStaticSelector, specificity, type StyleRule } from './styleSheet';

/** Bounds on matching selectors against the page: queries × elements, and elements matched. */
const QUERY_WORK = 1_500_000;
const MAX_QUERIES = 200;
const MAX_CANDIDATES = 3000;

// The properties whose cascade decides whether an element is seen.
const VISIBILITY_PROPERTIES = [
  'display', 'visibility', 'content-visibility', 'opacity', 'filter', 'font-size', 'font', 'transform', 'scale', 'position',
  'left', 'top', 'right', 'bottom', 'inset-inline-start', 'inset-block-start', 'margin', 'margin-left', 'margin-top',
  'text-indent', 'clip', 'clip-path', 'overflow', 'overflow-x', 'overflow-y', 'width', 'height', 'max-width', 'max-height',
] as const;

const PAGE_SELECTOR = /^(?:html|body|:root)(?:[.#[][^\s>+~,]*)?$/i;
const PAGE_COLOR_PROPERTIES = ['color', 'background', 'background-color', 'background-image'] as const;

interface Matched {
  readonly declarations: Declarations;
  readonly specificity: number;
  readonly order: number;
}

/**
 * The style that decides whether an element is seen: its `style` attribute over the page's own
 * `<style>` rules. Only rules that could hide something are matched against the page (and the
 * rules that could undo them, on those elements only), plus the page's colours on html/body;
 * that keeps this cheap. Rules from external stylesheets are never fetched, so they are unknown.
 */
export class StyleResolver {
  private readonly matched = new Map<DomElement, Matched[]>();
  private readonly cache = new Map<DomElement, Declarations>();

  constructor(document: DomDocument, rules: readonly StyleRule[]) {
    const hiding = rules.filter((rule) => hidesOnItsOwn(rule.declarations));
    const { names: present, elementCount } = hiding.length > 0 ? namesOnPage(document) : { names: new Set<string>(), elementCount: 0 };
    const maxQueries = Math.min(MAX_QUERIES, Math.floor(QUERY_WORK / Math.max(1, elementCount)));
    let queries = 0;
    for (const rule of hiding) {
      for (const selector of rule.selectors) {
        if (queries >= maxQueries || this.matched.size >= MAX_CANDIDATES) break;
        if (!isStaticSelector(selector) || !mayMatch(selector, present)) continue;
        queries++;
        for (const element of Array.from(safeQuery(document, selector))) this.add(element, rule, selector);
      }
    }
    // The page's own colours (a dark theme set on body) decide what "same colour as the background" means.
    for (const rule of rules) {
      if (!PAGE_COLOR_PROPERTIES.some((property) => rule.declarations.has(property))) continue;
      for (const selector of rule.selectors.filter((candidate) => PAGE_SELECTOR.test(candidate))) {
        for (const element of Array.from(safeQuery(document, selector))) this.add(element, rule, selector);
      }
    }
    if (this.matched.size === 0) return;
    // Rules that set the same properties may undo the hiding on these elements (e.g. `.tab { display: none } .tab.active { display: block }`).
    const undoing = rules.filter((rule) => !hiding.includes(rule) && VISIBILITY_PROPERTIES.some((property) => rule.declarations.has(property)));
    for (const element of this.matched.keys()) {
      for (const rule of undoing) {
        for (const selector of rule.selectors) {
          if (isStaticSelector(selector) && safeMatches(element, selector)) this.add(element, rule, selector);
        }
      }
    }
  }

  /** The declarations that apply to the element, cascaded: importance, then specificity, then order; inline style over plain rules. */
  styleOf(element: DomElement): Declarations {
    const cached = this.cache.get(element);
    if (cached) return cached;
    const inline = parseDeclarations(element.getAttribute('style') ?? '');
    const rules = this.matched.get(element);
    let style: Declarations = inline;
    if (rules) {
      const merged = new Map<string, Declaration & { rank: number }>();
      const sorted = [...rules].sort((a, b) => a.specificity - b.specificity || a.order - b.order);
      sorted.forEach((rule, position) => {
        for (const [property, declaration] of rule.declarations) {
          const rank = (declaration.important ? 2 : 0) * 1e9 + position;
          const current = merged.get(property);
          if (!current || rank >= current.rank) merged.set(property, { ...declaration, rank });
        }
      });
      for (const [property, declaration] of inline) {
        const current = merged.get(property);
        if (!current || !current.important || declaration.important) merged.set(property, { ...declaration, rank: 3e9 });
      }
      style = merged;
    }
    this.cache.set(element, style);
    return style;
  }

  private add(element: DomElement, rule: StyleRule, selector: string): void {
    const list = this.matched.get(element) ?? [];
    list.push({ declarations: rule.declarations, specificity: specificity(selector), order: rule.order });
    this.matched.set(element, list);
  }
}

/** Whether a rule, alone, hides what it matches (as a box, or its text by visibility or font size). */
export function hidesOnItsOwn(declarations: Declarations): boolean {
  if (hiddenBoxReason(declarations) !== undefined) return true;
  const visibility = declarations.get('visibility')?.value;
  if (visibility === 'hidden' || visibility === 'collapse') return true;
  const font = declaredFontSize(declarations);
  return font !== undefined && ('px' in font ? font.px < 2 : font.factor < 0.125);
}

/** Every `.class` and `#id` on the page, to skip selectors that cannot match, and how many elements it has. */
function namesOnPage(document: DomDocument): { names: Set<string>; elementCount: number } {
  const names = new Set<string>();
  const elements = Array.from(document.querySelectorAll('*'));
  for (const element of elements) {
    const id = element.getAttribute('id');
    if (id) names.add(`#${id}`);
    for (const name of (element.getAttribute('class') ?? '').split(/\s+/)) if (name) names.add(`.${name}`);
  }
  return { names, elementCount: elements.length };
}

/** False when the selector needs a class or id the page does not have (outside :not(), every one must exist). */
function mayMatch(selector: string, present: ReadonlySet<string>): boolean {
  const positive = selector.replace(/:not\([^)]*\)/g, '').replace(/\[[^\]]*\]/g, '');
  return (positive.match(/[.#][\w-]+/g) ?? []).every((name) => present.has(name));
}

function safeQuery(document: DomDocument, selector: string): ArrayLike<DomElement> {
  try {
    return document.querySelectorAll(selector);
  } catch {
    return [];
  }
}

function safeMatches(element: DomElement, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}
