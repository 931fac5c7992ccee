/**
 * Characters that change how text looks or reads without being visible: the raw material of
 * "ASCII smuggling", bidi spoofing ("Trojan Source") and zero-width word splitting.
 */

export type InvisibleKind = 'control' | 'bidi' | 'zero-width' | 'tag' | 'variation-selector';

/** The kind of an invisible code point, or undefined for ordinary text (tab, LF and CR are ordinary). */
export function invisibleKind(cp: number): InvisibleKind | undefined {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d ? undefined : 'control';
  if (cp < 0x7f) return undefined;
  if (cp <= 0x9f) return 'control'; // DEL and the C1 controls
  if (cp < 0x034f) return cp === 0x00ad ? 'zero-width' : undefined; // soft hyphen
  if (cp === 0x034f || cp === 0x061c || cp === 0x115f || cp === 0x1160 || cp === 0x17b4 || cp === 0x17b5 || cp === 0x180e) {
    return cp === 0x061c ? 'bidi' : 'zero-width';
  }
  if (cp >= 0x200b && cp <= 0x200d) return 'zero-width';
  if (cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if ((cp >= 0x2060 && cp <= 0x2065) || (cp >= 0x206a && cp <= 0x206f)) return 'zero-width';
  if (cp === 0x3164 || cp === 0xfeff || cp === 0xffa0) return 'zero-width';
  if (cp >= 0xfff9 && cp <= 0xfffb) return 'control'; // interlinear annotation
  if (cp >= 0xfe00 && cp <= 0xfe0f) return 'variation-selector';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'variation-selector';
  return undefined;
}

/** RLO and RLI start right-to-left runs that display text reversed; PDF, PDI or a newline end them. */
export function startsReversal(cp: number): boolean {
  return cp === 0x202e || cp === 0x2067;
}

export function endsReversal(cp: number): boolean {
  return cp === 0x202c || cp === 0x2069 || cp === 0x0a;
}

/** The byte a variation selector carries in the "emoji smuggling" encoding (VS1–16 → 0–15, VS17–256 → 16–255). */
export function variationSelectorByte(cp: number): number {
  return cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16;
}

/** Pictographs that legitimately take a ZWJ, a variation selector or (🏴) tag characters after them. */
export function isEmojiBase(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2190 && cp <= 0x21ff) || (cp >= 0x2b00 && cp <= 0x2bff) || cp === 0x00a9 || cp === 0x00ae || cp === 0x203c || cp === 0x2049 || cp === 0x2122 || cp === 0x2139 || (cp >= 0x2300 && cp <= 0x23ff) || (cp >= 0x25a0 && cp <= 0x25ff) || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/** Scripts whose ordinary spelling uses ZWNJ/ZWJ (Arabic, Persian, Indic, Sinhala…). */
export function usesJoiners(cp: number): boolean {
  return (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0x0900 && cp <= 0x0dff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
}
