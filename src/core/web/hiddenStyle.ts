import { lengthPx, type Declarations } from './cssDeclarations';

/** Farther than this left of or above the page (nominal px) counts as moved off-screen. */
const OFF_SCREEN_PX = -500;

/**
 * Why these declarations make an element and everything in it invisible, or undefined when
 * they do not: removal from layout, transparency, zero size, clipping, scaling, moving it
 * off-screen. (Visibility, font size and colour are inherited and can be undone by a child,
 * so they are judged per text, in textVisibility.ts.)
 */
export function hiddenBoxReason(style: Declarations): string | undefined {
  const value = (property: string): string | undefined => style.get(property)?.value;
  if (value('display') === 'none') return 'display:none';
  if (value('content-visibility') === 'hidden') return 'content-visibility:hidden';
  const opacity = opacityOf(value('opacity'));
  if (opacity !== undefined && opacity < 0.1) return 'opacity:0';
  if (/opacity\(\s*0*(?:\.0*)?%?\s*\)/.test(value('filter') ?? '')) return 'filter:opacity(0)';
  const scale = value('scale');
  if (isZeroScale(value('transform')) || (scale !== undefined && isZeroScale(`scale(${scale})`))) return 'transform:scale(0)';
  if (offScreen(style)) return 'off-screen';
  if (clipped(value('clip'), value('clip-path'))) return 'clipped';
  if (collapsed(style)) return 'zero-size';
  return undefined;
}

function opacityOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(raw);
  if (!match) return undefined;
  return Number(match[1]) / (match[2] === '%' ? 100 : 1);
}

function isZeroScale(transform: string | undefined): boolean {
  for (const match of (transform ?? '').matchAll(/scale(x|y|3d)?\(([^)]*)\)/g)) {
    const factors = (match[2] ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
    // scaleZ and the third factor of scale3d do not flatten text on the page.
    if (factors.slice(0, 2).some((factor) => factor === 0)) return true;
  }
  return false;
}

function offScreen(style: Declarations): boolean {
  const value = (property: string): string | undefined => style.get(property)?.value;
  const far = (property: string): boolean => {
    const px = lengthPx(value(property));
    return px !== undefined && px <= OFF_SCREEN_PX;
  };
  const position = value('position');
  if ((position === 'absolute' || position === 'fixed') && ['left', 'top', 'right', 'bottom', 'inset-inline-start', 'inset-block-start'].some(far)) return true;
  if (far('margin-left') || far('margin-top') || far('text-indent')) return true;
  const margin = value('margin')?.split(/\s+/) ?? [];
  // margin: top right bottom left — the first and the fourth (or second) move the box up or left.
  if ([margin[0], margin[3] ?? margin[1]].some((part) => (lengthPx(part) ?? 0) <= OFF_SCREEN_PX)) return true;
  const translate = /translate(?:x|y|3d)?\(\s*([^,)\s]+)(?:[\s,]+([^,)\s]+))?/.exec(value('transform') ?? '');
  return translate !== null && [translate[1], translate[2]].some((part) => {
    const px = lengthPx(part);
    return px !== undefined && px <= OFF_SCREEN_PX;
  });
}

function clipped(clip: string | undefined, clipPath: string | undefined): boolean {
  const rect = /rect\(([^)]*)\)/.exec(clip ?? '');
  if (rect?.[1] !== undefined) {
    const [top, right, bottom, left] = rect[1].split(/[\s,]+/).filter(Boolean).map((part) => lengthPx(part));
    if (top !== undefined && right !== undefined && bottom !== undefined && left !== undefined && (right - left <= 1 || bottom - top <= 1)) return true;
  }
  if (clipPath === undefined) return false;
  const inset = /inset\(\s*([^\s)]+)/.exec(clipPath);
  if (inset?.[1] !== undefined && /^(?:[5-9]\d|\d{3,})(?:\.\d+)?%$/.test(inset[1])) return true;
  return /circle\(\s*0(?:px|%)?[\s)]/.test(clipPath) || /ellipse\(\s*0(?:px|%)?\s/.test(clipPath);
}

function collapsed(style: Declarations): boolean {
  const overflow = style.get('overflow')?.value ?? '';
  const overflowHidden = /\b(?:hidden|clip)\b/.test(overflow) || ['overflow-x', 'overflow-y'].some((property) => /\b(?:hidden|clip)\b/.test(style.get(property)?.value ?? ''));
  if (!overflowHidden) return false;
  return ['width', 'height', 'max-width', 'max-height'].some((property) => {
    const px = lengthPx(style.get(property)?.value);
    return px !== undefined && px <= 1;
  });
}

/** The font size a `font-size` or `font` shorthand declares (nominal px, or a factor of the parent's for em and %). */
export function declaredFontSize(style: Declarations): { readonly px: number } | { readonly factor: number } | undefined {
  let raw = style.get('font-size')?.value;
  const shorthand = style.get('font')?.value;
  if (raw === undefined && shorthand !== undefined) {
    raw = shorthand.split(/\s+/).map((token) => token.split('/')[0] ?? '').find((token) => lengthPx(token) !== undefined || /^[\d.]+(?:em|%)$/.test(token));
  }
  if (raw === undefined) return undefined;
  const relative = /^([\d.]+)(em|%)$/.exec(raw);
  if (relative) return { factor: Number(relative[1]) / (relative[2] === '%' ? 100 : 1) };
  const keywords: Readonly<Record<string, number>> = { 'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48 };
  const keyword = keywords[raw];
  if (keyword !== undefined) return { px: keyword };
  if (/^[\d.]+(?:ex|ch)$/.test(raw)) return { factor: Number.parseFloat(raw) / 2 };
  const px = lengthPx(raw);
  return px === undefined ? undefined : { px };
}
