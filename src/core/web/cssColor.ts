/** An sRGB colour, channels 0–255, alpha 0–1. */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
export const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

// The named colours pages actually use for hiding text; an unknown name is "unknown", never guessed.
const NAMED: Readonly<Record<string, string>> = {
  white: '#ffffff', black: '#000000', snow: '#fffafa', ivory: '#fffff0', ghostwhite: '#f8f8ff', whitesmoke: '#f5f5f5',
  floralwhite: '#fffaf0', seashell: '#fff5ee', mintcream: '#f5fffa', azure: '#f0ffff', aliceblue: '#f0f8ff', linen: '#faf0e6',
  gainsboro: '#dcdcdc', lightgray: '#d3d3d3', lightgrey: '#d3d3d3', silver: '#c0c0c0', darkgray: '#a9a9a9', darkgrey: '#a9a9a9',
  gray: '#808080', grey: '#808080', dimgray: '#696969', dimgrey: '#696969', red: '#ff0000', green: '#008000', blue: '#0000ff',
  yellow: '#ffff00', navy: '#000080', maroon: '#800000', purple: '#800080', teal: '#008080', olive: '#808000', orange: '#ffa500',
  lime: '#00ff00', aqua: '#00ffff', cyan: '#00ffff', fuchsia: '#ff00ff', magenta: '#ff00ff', beige: '#f5f5dc',
};

/** Parses a CSS colour (hex, rgb[a](), hsl[a](), the common names, transparent); undefined when it cannot be known statically. */
export function parseColor(raw: string | undefined): Rgba | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const named = NAMED[value];
  if (named !== undefined) return parseHex(named);
  if (value.startsWith('#')) return parseHex(value);
  const fn = /^(rgba?|hsla?)\(\s*([^)]*)\)$/.exec(value);
  if (!fn?.[2]) return undefined;
  const parts = fn[2].split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3) return undefined;
  const alpha = parts[3] === undefined ? 1 : fraction(parts[3]);
  if (alpha === undefined) return undefined;
  if (fn[1]?.startsWith('rgb')) {
    const [r, g, b] = parts.slice(0, 3).map(channel);
    return r === undefined || g === undefined || b === undefined ? undefined : { r, g, b, a: alpha };
  }
  const hue = Number.parseFloat(parts[0] ?? '');
  const saturation = fraction(parts[1] ?? '');
  const lightness = fraction(parts[2] ?? '');
  if (Number.isNaN(hue) || saturation === undefined || lightness === undefined) return undefined;
  return { ...hslToRgb(hue, saturation, lightness), a: alpha };
}

function parseHex(value: string): Rgba | undefined {
  const hex = value.slice(1);
  if (!/^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(hex)) return undefined;
  const full = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const byte = (index: number): number => Number.parseInt(full.slice(index * 2, index * 2 + 2), 16);
  return { r: byte(0), g: byte(1), b: byte(2), a: full.length === 8 ? byte(3) / 255 : 1 };
}

function channel(part: string): number | undefined {
  const number = Number.parseFloat(part);
  if (Number.isNaN(number)) return undefined;
  return clamp(part.endsWith('%') ? (number * 255) / 100 : number, 0, 255);
}

function fraction(part: string): number | undefined {
  const number = Number.parseFloat(part);
  if (Number.isNaN(number)) return undefined;
  return clamp(part.endsWith('%') ? number / 100 : number, 0, 1);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function hslToRgb(hue: number, saturation: number, lightness: number): { r: number; g: number; b: number } {
  const h = (((hue % 360) + 360) % 360) / 360;
  const q = lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - lightness * saturation;
  const p = 2 * lightness - q;
  const tone = (t: number): number => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  return { r: tone(h + 1 / 3) * 255, g: tone(h) * 255, b: tone(h - 1 / 3) * 255 };
}

/** `top` painted over `bottom` (bottom opaque). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (a: number, b: number): number => a * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** WCAG contrast ratio of two opaque colours: 1 (identical) to 21 (black on white). */
export function contrastRatio(first: Rgba, second: Rgba): number {
  const lighter = Math.max(luminance(first), luminance(second));
  const darker = Math.min(luminance(first), luminance(second));
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance(color: Rgba): number {
  const linear = (channelValue: number): number => {
    const c = channelValue / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}
