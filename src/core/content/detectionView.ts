import { isAsciiLetter } from './charClass';
import type { EncodingKind } from './contentTypes';
import { foldCodePoint } from './fold';
import { endsReversal, invisibleKind, startsReversal, variationSelectorByte } from './invisible';

/** Text that was hidden from a reader but not from a model: tag characters, variation selectors, reversed runs. */
export interface HiddenPayload {
  readonly encoding: Extract<EncodingKind, 'unicode-tags' | 'variation-selectors' | 'bidi-reversed'>;
  readonly text: string;
  /** Offsets of the carrier in the original text. */
  readonly start: number;
  readonly end: number;
}

/**
 * The text as the detector reads it: folded (see fold.ts), invisible characters dropped, CR and
 * tabs as spaces, leetspeak digits inside words read as letters. Each UTF-16 unit remembers the
 * original code point it came from, so every match maps back to a span of the original.
 */
export interface DetectionView {
  readonly codes: Uint16Array;
  readonly length: number;
  /** Original offset of the code point each unit came from, and the end of that code point. */
  readonly origStart: Int32Array;
  readonly origEnd: Int32Array;
  /** Per unit: bit 1 = folded from a homoglyph, bit 2 = an ASCII letter in the original, bit 4 = a letter of another script that imitates none. */
  readonly marks: Uint8Array;
  /** Whether any unit is MARK_CONFUSABLE (most text has none, and then no word mixes scripts). */
  readonly confusable: boolean;
  readonly payloads: readonly HiddenPayload[];
  /** Whether the sanitizer could remove anything: an invisible character, or a long run of one special character. */
  readonly needsSanitizing: boolean;
  /** Zero-width characters found between two letters (word splitting), and the original span they cover. */
  readonly splitWords: number;
  readonly splitStart: number;
  readonly splitEnd: number;
}

export const MARK_CONFUSABLE = 1;
export const MARK_ASCII_LETTER = 2;
export const MARK_OTHER_LETTER = 4;
const MAX_PAYLOAD_CHARS = 8192;
/** Below the sanitizer's shortest run limit: a longer run of one character may be cut. */
const LONG_RUN = 32;
const MIN_SMUGGLED_BYTES = 4;
/** Digits read as the letters they imitate inside words ("1gn0r3"): per ASCII code, the letter or 0 (a table: it is read per digit). */
export const LEET = new Uint8Array(128);
for (const [digit, letter] of ['0o', '1i', '3e', '4a', '5s', '7t']) LEET[digit?.charCodeAt(0) ?? 0] = letter?.charCodeAt(0) ?? 0;

/**
 * The arrays of a view, kept to build the next one: a scan's views are most of what it allocates.
 * A view built into storage is valid until the next view is built into the same storage.
 */
export class ViewStorage {
  codes = new Uint16Array(0);
  origStart = new Int32Array(0);
  origEnd = new Int32Array(0);
  marks = new Uint8Array(0);
}

/** Stands between two stretches of a partial view: a sentence end to the tokenizer (phrases never span it), wider than a spelt-out letter's gap, no line start, no word. */
const STRETCH_SEPARATOR = [0x3002, 0x3002, 0x3002, 0x3002];

/**
 * Builds the detection view of `text` in one pass; linear in its length. With `ranges` (disjoint
 * [from, to) pairs in order, see candidateRegions), only those stretches are read, one after the
 * other with a separator between them, and offsets still point into `text`.
 */
export function buildDetectionView(text: string, storage: ViewStorage = new ViewStorage(), ranges?: Int32Array): DetectionView {
  let capacity = text.length;
  if (ranges !== undefined) {
    capacity = 0;
    for (let range = 0; range < ranges.length; range += 2) capacity += (ranges[range + 1] ?? 0) - (ranges[range] ?? 0) + STRETCH_SEPARATOR.length;
  }
  const builder = new ViewBuilder(capacity, storage);
  const payloads: HiddenPayload[] = [];
  let tagText = '';
  let tagStart = -1;
  let tagEnd = -1;
  let vsBytes: number[] = [];
  let vsStart = -1;
  let vsEnd = -1;
  let reversalStart = -1;
  let splitWords = 0;
  let splitStart = -1;
  let splitEnd = -1;
  let lastVisibleWord = false;
  let needsSanitizing = false;
  let confusable = false;
  let runCode = -1;
  let runLength = 0;

  const flushSmuggled = (): void => {
    if (tagStart >= 0) {
      if (tagText.length >= MIN_SMUGGLED_BYTES) payloads.push({ encoding: 'unicode-tags', text: tagText.slice(0, MAX_PAYLOAD_CHARS), start: tagStart, end: tagEnd });
      tagText = '';
      tagStart = -1;
    }
    if (vsStart >= 0) {
      if (vsBytes.length >= MIN_SMUGGLED_BYTES) payloads.push({ encoding: 'variation-selectors', text: new TextDecoder().decode(new Uint8Array(vsBytes)), start: vsStart, end: vsEnd });
      vsBytes = [];
      vsStart = -1;
    }
  };
  const closeReversal = (end: number): void => {
    if (reversalStart >= 0 && end > reversalStart) {
      const carried = text.slice(reversalStart, Math.min(end, reversalStart + MAX_PAYLOAD_CHARS));
      payloads.push({ encoding: 'bidi-reversed', text: Array.from(carried).reverse().join(''), start: reversalStart - 1, end: Math.min(end + 1, text.length) });
    }
    reversalStart = -1;
  };

  const stretches = ranges ?? Int32Array.of(0, text.length);
  for (let stretch = 0; stretch < stretches.length; stretch += 2) {
    const from = stretches[stretch] ?? 0;
    const to = stretches[stretch + 1] ?? 0;
    if (ranges !== undefined && from > 0) {
      for (const separator of STRETCH_SEPARATOR) builder.push(separator, from, from, 0);
      lastVisibleWord = false;
    }
    for (let index = from; index < to; ) {
      const unit = text.charCodeAt(index);
      if (unit >= 0x20 && unit < 0x7f && tagStart < 0 && vsStart < 0) {
        // Printable ASCII, nothing pending: the common case, inline.
        if (unit === runCode) {
          if (++runLength > LONG_RUN) needsSanitizing = true;
        } else {
          runCode = unit;
          runLength = 1;
        }
        const letter = (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
        builder.push(unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit, index, index + 1, letter ? MARK_ASCII_LETTER : 0);
        lastVisibleWord = letter;
        index++;
        continue;
      }
      const cp = text.codePointAt(index) ?? 0;
      const width = cp > 0xffff ? 2 : 1;
      const kind = invisibleKind(cp);
      if (kind !== undefined) {
        needsSanitizing = true;
        if (kind === 'tag') {
          if (tagStart < 0) tagStart = index;
          tagEnd = index + width;
          if (cp >= 0xe0020 && cp <= 0xe007e && tagText.length < MAX_PAYLOAD_CHARS) tagText += String.fromCharCode(cp - 0xe0000);
        } else if (kind === 'variation-selector') {
          if (vsStart < 0) vsStart = index;
          vsEnd = index + width;
          if (vsBytes.length < MAX_PAYLOAD_CHARS) vsBytes.push(variationSelectorByte(cp));
        } else if (kind === 'zero-width') {
          const next = text.charCodeAt(index + width);
          if (lastVisibleWord && isAsciiLetter(next)) {
            splitWords++;
            if (splitStart < 0) splitStart = index;
            splitEnd = index + width;
          }
        } else if (kind === 'bidi') {
          if (startsReversal(cp)) {
            closeReversal(index);
            reversalStart = index + width;
          } else if (endsReversal(cp)) {
            closeReversal(index);
          }
        }
        index += width;
        continue;
      }
      flushSmuggled();
      if (cp === runCode) {
        if (++runLength > LONG_RUN) needsSanitizing = true;
      } else {
        runCode = cp;
        runLength = 1;
      }
      if (cp === 0x0d && text.charCodeAt(index + 1) !== 0x0a) needsSanitizing = true;
      if (cp === 0x0a && reversalStart >= 0) closeReversal(index);
      if (cp < 0x80) {
        const lower = cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp === 0x0d || cp === 0x09 ? 0x20 : cp;
        builder.push(lower, index, index + 1, isAsciiLetter(cp) ? MARK_ASCII_LETTER : 0);
        lastVisibleWord = isAsciiLetter(cp);
      } else {
        const folded = foldCodePoint(cp);
        if (folded.confusable) confusable = true;
        const mark = folded.confusable ? MARK_CONFUSABLE : folded.otherLetter ? MARK_OTHER_LETTER : 0;
        for (let unit = 0; unit < folded.text.length; unit++) builder.push(folded.text.charCodeAt(unit), index, index + width, mark);
        lastVisibleWord = folded.text.length > 0;
      }
      index += width;
    }
  }
  flushSmuggled();
  if (reversalStart >= 0) closeReversal(text.length);
  builder.readLeetspeak();
  const { codes, length, origStart, origEnd, marks } = builder.finish();
  return { codes, length, origStart, origEnd, marks, confusable, payloads, needsSanitizing, splitWords, splitStart, splitEnd };
}

/** Units past the end that read as 0, as in a fresh array. */
const SLACK = 16;

class ViewBuilder {
  private codes: Uint16Array;
  private origStart: Int32Array;
  private origEnd: Int32Array;
  private marks: Uint8Array;
  private length = 0;

  constructor(capacity: number, private readonly storage: ViewStorage) {
    if (storage.codes.length < capacity + SLACK) {
      const size = Math.max(SLACK, capacity + SLACK);
      storage.codes = new Uint16Array(size);
      storage.origStart = new Int32Array(size);
      storage.origEnd = new Int32Array(size);
      storage.marks = new Uint8Array(size);
    }
    this.codes = storage.codes;
    this.origStart = storage.origStart;
    this.origEnd = storage.origEnd;
    this.marks = storage.marks;
  }

  push(code: number, start: number, end: number, mark: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.origStart[this.length] = start;
    this.origEnd[this.length] = end;
    this.marks[this.length] = mark;
    this.length++;
  }

  /**
   * Reads digits as letters inside words that have at least two letters ("1gn0r3" → "ignore"),
   * leaving numbers, versions and most identifiers alone. In place; offsets are unchanged.
   */
  readLeetspeak(): void {
    const codes = this.codes;
    let runStart = 0;
    let letters = 0;
    let leet = 0;
    for (let index = 0; index <= this.length; index++) {
      const code = index < this.length ? (codes[index] ?? 0) : 0;
      const isLetter = code >= 0x61 && code <= 0x7a;
      const isDigit = code >= 0x30 && code <= 0x39;
      if (isLetter || isDigit) {
        if (isLetter) letters++;
        else if (LEET[code] !== 0) leet++;
        continue;
      }
      if (letters >= 2 && leet > 0 && index - runStart <= 40) {
        for (let position = runStart; position < index; position++) codes[position] = LEET[codes[position] ?? 0] || (codes[position] ?? 0);
      }
      runStart = index + 1;
      letters = 0;
      leet = 0;
    }
  }

  finish(): Pick<DetectionView, 'codes' | 'length' | 'origStart' | 'origEnd' | 'marks'> {
    const clearTo = Math.min(this.codes.length, this.length + SLACK);
    this.codes.fill(0, this.length, clearTo);
    this.origStart.fill(0, this.length, clearTo);
    this.origEnd.fill(0, this.length, clearTo);
    this.marks.fill(0, this.length, clearTo);
    return { codes: this.codes, length: this.length, origStart: this.origStart, origEnd: this.origEnd, marks: this.marks };
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    const origStart = new Int32Array(size);
    origStart.set(this.origStart);
    const origEnd = new Int32Array(size);
    origEnd.set(this.origEnd);
    const marks = new Uint8Array(size);
    marks.set(this.marks);
    this.codes = this.storage.codes = codes;
    this.origStart = this.storage.origStart = origStart;
    this.origEnd = this.storage.origEnd = origEnd;
    this.marks = this.storage.marks = marks;
  }
}
