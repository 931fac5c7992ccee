import { parseDeclarations, type Declarations } from './cssDeclarations';

export interface StyleRule {
  readonly selectors: readonly string[];
  readonly declarations: Declarations;
  /** Position in the page's stylesheets: a later rule wins a tie. */
  readonly order: number;
}

/** Bounds on the stylesheet work, so a page cannot make reading it slow. */
export const STYLE_LIMITS = { maxChars: 256 * 1024, maxRules: 4000 } as const;

// Conditional groups whose rules can apply on a screen; anything else (@font-face, @keyframes,
// @page, @media print, the dark colour scheme we do not read in) is skipped.
const GROUP_AT_RULE = /^@(?:media|supports|layer|container|scope|document|-moz-document)\b/i;
const SKIPPED_MEDIA = /\bprint\b|\bspeech\b|prefers-color-scheme\s*:\s*dark/i;

/**
 * Reads the style rules of `<style>` elements, in order, with their selectors and declarations.
 * Not a CSS engine: enough structure (comments, strings, nested groups) to learn which
 * selectors hide things. Rules inside @media/@supports/@layer groups count as plain rules.
 */
export function parseStyleSheet(text: string, firstOrder = 0): StyleRule[] {
  const rules: StyleRule[] = [];
  const source = text.slice(0, STYLE_LIMITS.maxChars).replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ');
  let index = 0;
  const groups: number[] = []; // stack of open group depths
  let prelude = '';
  while (index < source.length && rules.length < STYLE_LIMITS.maxRules) {
    const char = source[index] ?? '';
    if (char === '"' || char === "'") {
      const end = source.indexOf(char, index + 1);
      const stop = end === -1 ? source.length : end + 1;
      prelude += source.slice(index, stop);
      index = stop;
      continue;
    }
    if (char === ';' && prelude.trim().startsWith('@')) {
      prelude = ''; // @import, @charset, @namespace: nothing to read
      index++;
      continue;
    }
    if (char === '}') {
      groups.pop();
      prelude = '';
      index++;
      continue;
    }
    if (char !== '{') {
      prelude += char;
      index++;
      continue;
    }
    const head = prelude.trim();
    prelude = '';
    if (head.startsWith('@')) {
      if (GROUP_AT_RULE.test(head) && !SKIPPED_MEDIA.test(head)) {
        groups.push(1);
        index++;
      } else {
        index = skipBlock(source, index);
      }
      continue;
    }
    const end = skipBlock(source, index);
    const body = source.slice(index + 1, end - 1);
    const selectors = head.split(',').map((selector) => selector.trim()).filter(Boolean);
    if (selectors.length > 0) rules.push({ selectors, declarations: parseDeclarations(body), order: firstOrder + rules.length });
    index = end;
  }
  return rules;
}

/** Index just past the block that opens at `open` (a `{`), counting nested braces. */
function skipBlock(source: string, open: number): number {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    const char = source[index];
    if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return source.length;
}

// Pseudo-classes that do not depend on the user's interaction; a selector with any other
// (:hover, :focus, :target, ::before, …) describes a state a reader never sees.
const STATIC_PSEUDO = /:(?:not|is|where|nth-child|nth-last-child|nth-of-type|nth-last-of-type|first-child|last-child|only-child|first-of-type|last-of-type|only-of-type|empty|root)\b/g;

/** True for a selector that matches elements as a reader sees them (no interaction or pseudo-element). */
export function isStaticSelector(selector: string): boolean {
  return selector.length <= 300 && !selector.replace(STATIC_PSEUDO, '').includes(':');
}

/** CSS specificity as one comparable number: ids, then classes/attributes/pseudo-classes, then types. */
export function specificity(selector: string): number {
  const withoutStrings = selector.replace(/"[^"]*"|'[^']*'/g, '""');
  const ids = (withoutStrings.match(/#[\w-]+/g) ?? []).length;
  const classes = (withoutStrings.match(/\.[\w-]+|\[[^\]]*\]|:(?!not|is|where)[\w-]+/g) ?? []).length;
  const types = (withoutStrings.replace(/#[\w-]+|\.[\w-]+|\[[^\]]*\]|:[\w-]+(?:\([^)]*\))?/g, ' ').match(/(?:^|[\s>+~(])[a-z][\w-]*/gi) ?? []).length;
  return ids * 1_000_000 + classes * 1_000 + types;
}
