import { BLACK, WHITE, contrastRatio, over, parseColor, type Rgba } from './cssColor';
import type { Declarations } from './cssDeclarations';
import type { DomElement } from './domTypes';
import { declaredFontSize } from './hiddenStyle';

/** Below this contrast against its background, text counts as hidden (white on white is 1, #eee on white 1.16). */
const MIN_CONTRAST = 1.2;
const MIN_FONT_PX = 2;

/** What an element passes to its content by inheritance, as far as static styles tell. */
interface Inherited {
  readonly hidden: boolean;
  readonly fontPx: number;
  /** undefined when a colour is set but cannot be known statically (var(), currentColor of unknown). */
  readonly color: Rgba | undefined;
  /** Where the text colour was set: nowhere (the UA default), on html/body only, or on an element in the page. */
  readonly colorSource: 'default' | 'page' | 'element';
  /** undefined when the backdrop is an image or cannot be known. */
  readonly backdrop: Rgba | undefined;
  readonly backdropExplicit: boolean;
}

const ROOT: Inherited = { hidden: false, fontPx: 16, color: BLACK, colorSource: 'default', backdrop: WHITE, backdropExplicit: false };

/**
 * Judges text by the styles it inherits: `visibility: hidden`, a font too small to read, and
 * text the same colour as what is behind it (white on white). Per text node, because a child
 * can undo each of them (the inline-block `font-size: 0` container is common and harmless).
 * An unknown colour or backdrop is never judged; a colour set on html/body only is judged
 * only against a backdrop the page sets explicitly, so themes from external CSS survive.
 */
export class TextVisibility {
  private readonly cache = new Map<DomElement, Inherited>();

  constructor(private readonly styleOf: (element: DomElement) => Declarations) {}

  /** Why text directly inside this element is not visible, or undefined when it is. */
  hiddenTextReason(element: DomElement): string | undefined {
    const state = this.stateOf(element);
    if (state.hidden) return 'visibility:hidden';
    if (state.fontPx < MIN_FONT_PX) return 'font-size:0';
    const color = state.color;
    if (color === undefined || state.colorSource === 'default') return undefined;
    if (color.a < 0.1) return 'transparent text';
    if (state.backdrop === undefined || (state.colorSource === 'page' && !state.backdropExplicit)) return undefined;
    return contrastRatio(over(color, state.backdrop), state.backdrop) < MIN_CONTRAST ? 'text colour matches its background' : undefined;
  }

  /** Whether an element (an image) is under `visibility: hidden`. */
  isInvisible(element: DomElement): boolean {
    return this.stateOf(element).hidden;
  }

  private stateOf(element: DomElement): Inherited {
    const chain: DomElement[] = [];
    let cursor: DomElement | null = element;
    let inherited: Inherited = ROOT;
    while (cursor) {
      const cached = this.cache.get(cursor);
      if (cached) {
        inherited = cached;
        break;
      }
      chain.push(cursor);
      cursor = cursor.parentElement;
    }
    for (let index = chain.length - 1; index >= 0; index--) {
      const current = chain[index];
      if (!current) continue;
      inherited = this.derive(current, inherited);
      this.cache.set(current, inherited);
    }
    return inherited;
  }

  private derive(element: DomElement, parent: Inherited): Inherited {
    const style = this.styleOf(element);
    const visibility = style.get('visibility')?.value;
    const hidden = visibility === 'visible' ? false : visibility === 'hidden' || visibility === 'collapse' ? true : parent.hidden;
    const font = declaredFontSize(style);
    const fontPx = font === undefined ? parent.fontPx : 'px' in font ? font.px : parent.fontPx * font.factor;
    const isPage = element.localName === 'html' || element.localName === 'body';
    const rawColor = style.get('color')?.value ?? (element.localName === 'font' ? element.getAttribute('color') ?? undefined : undefined);
    let color = parent.color;
    let colorSource = parent.colorSource;
    if (rawColor !== undefined && rawColor !== 'inherit' && rawColor !== 'currentcolor') {
      color = parseColor(rawColor);
      colorSource = isPage && parent.colorSource !== 'element' ? 'page' : 'element';
    }
    const background = backdropOf(style, element.getAttribute('bgcolor'), parent.backdrop);
    return {
      hidden,
      fontPx,
      color,
      colorSource,
      backdrop: background === 'inherit' ? parent.backdrop : background,
      backdropExplicit: background === 'inherit' ? parent.backdropExplicit : true,
    };
  }
}

/** The colour behind an element's text, 'inherit' when it paints no background of its own. */
function backdropOf(style: Declarations, bgcolorAttribute: string | null, parentBackdrop: Rgba | undefined): Rgba | undefined | 'inherit' {
  const image = style.get('background-image')?.value;
  const shorthand = style.get('background')?.value;
  if ((image !== undefined && image !== 'none') || (shorthand !== undefined && /url\(|gradient\(|image\(/.test(shorthand))) return undefined;
  let raw = style.get('background-color')?.value;
  if (raw === undefined && shorthand !== undefined) {
    raw = shorthand.match(/#[0-9a-f]+|(?:rgba?|hsla?)\([^)]*\)|[a-z]+/g)?.find((token) => parseColor(token) !== undefined);
    if (raw === undefined) return shorthand === 'none' || shorthand === 'transparent' ? 'inherit' : undefined;
  }
  raw ??= bgcolorAttribute ?? undefined;
  if (raw === undefined || raw === 'inherit') return 'inherit';
  const color = parseColor(raw);
  if (color === undefined) return undefined;
  if (color.a === 0) return 'inherit';
  if (color.a === 1) return color;
  return parentBackdrop === undefined ? undefined : over(color, parentBackdrop);
}
