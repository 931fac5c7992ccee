export interface Declaration {
  readonly value: string;
  readonly important: boolean;
}

/** Property → value of a CSS declaration list (`style` attribute or rule body); later declarations win, `!important` beats plain. */
export type Declarations = ReadonlyMap<string, Declaration>;

/**
 * Parses declarations after removing comments and resolving CSS escapes, so `d\isplay: none`
 * or `display:/**\/none` hide as well as the plain form (a browser reads them the same way).
 */
export function parseDeclarations(source: string): Declarations {
  const declarations = new Map<string, Declaration>();
  const clean = unescapeCss(source.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' '));
  for (const part of clean.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    let value = part.slice(colon + 1).trim().toLowerCase();
    const important = /!\s*important\s*$/.test(value);
    if (important) value = value.replace(/!\s*important\s*$/, '').trim();
    if (!/^-?[a-z][a-z0-9-]*$/.test(property) || value === '') continue;
    const previous = declarations.get(property);
    if (previous?.important && !important) continue;
    declarations.set(property, { value, important });
  }
  return declarations;
}

function unescapeCss(text: string): string {
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|([^\n0-9a-fA-F]))/g, (_match, hex: string | undefined, char: string | undefined) => {
    if (hex === undefined) return char ?? '';
    const code = Number.parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

const ABSOLUTE_PX: Readonly<Record<string, number>> = { px: 1, pt: 96 / 72, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, em: 16, rem: 16, ex: 8, ch: 8 };
// Relative units, counted against a nominal 1000 px box.
const RELATIVE_PX: Readonly<Record<string, number>> = { '%': 10, vw: 10, vh: 10, vmin: 10, vmax: 10, svw: 10, svh: 10, lvw: 10, lvh: 10, dvw: 10, dvh: 10 };

/** A CSS length in nominal pixels (em = 16 px, 100% = 1000 px); undefined for anything else (auto, calc(), var()). */
export function lengthPx(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)$/.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  const unit = match[2] ?? '';
  if (unit === '') return number === 0 ? 0 : undefined;
  const factor = ABSOLUTE_PX[unit] ?? RELATIVE_PX[unit];
  return factor === undefined ? undefined : number * factor;
}
