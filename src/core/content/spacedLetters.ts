import type { HiddenPayload } from './detectionView';
import type { DetectionView } from './detectionView';
import { TOKEN_WORD, type Tokens } from './tokens';

const MIN_LETTERS = 6;
const MAX_GAP = 3;

/** Letters spelt out one by one ("i g n o r e   a l l", "i.g.n.o.r.e"), joined back into words. */
export interface SpacedPayload {
  readonly encoding: 'spaced-letters';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Finds runs of single-letter tokens a few characters apart and joins them: a gap equal to the
 * run's usual separator joins letters, anything wider or different starts a new word. One pass
 * over the tokens.
 */
export function findSpacedLetters(view: DetectionView, tokens: Tokens): (SpacedPayload | HiddenPayload)[] {
  const payloads: SpacedPayload[] = [];
  const { codes } = view;
  let token = 0;
  while (token < tokens.count) {
    if (!isLetterToken(codes, tokens, token)) {
      token++;
      continue;
    }
    const first = token;
    let separator = -1;
    let text = String.fromCharCode(codes[tokens.start[token] ?? 0] ?? 0);
    let letters = 1;
    while (token + 1 < tokens.count && isLetterToken(codes, tokens, token + 1)) {
      const gapStart = tokens.end[token] ?? 0;
      const gapEnd = tokens.start[token + 1] ?? 0;
      if (gapEnd - gapStart > MAX_GAP || gapEnd === gapStart || hasNewline(codes, gapStart, gapEnd)) break;
      const gapChar = codes[gapStart] ?? 0;
      if (separator < 0) separator = gapEnd - gapStart === 1 ? gapChar : -2;
      const sameWord = gapEnd - gapStart === 1 && gapChar === separator;
      text += `${sameWord ? '' : ' '}${String.fromCharCode(codes[gapEnd] ?? 0)}`;
      letters++;
      token++;
    }
    if (letters >= MIN_LETTERS) {
      const start = view.origStart[tokens.start[first] ?? 0] ?? 0;
      const end = view.origEnd[(tokens.end[token] ?? 1) - 1] ?? start;
      payloads.push({ encoding: 'spaced-letters', text, start, end });
    }
    token++;
  }
  return payloads;
}

function isLetterToken(codes: Uint16Array, tokens: Tokens, token: number): boolean {
  const start = tokens.start[token] ?? 0;
  if (tokens.kind[token] !== TOKEN_WORD || (tokens.end[token] ?? 0) - start !== 1) return false;
  const code = codes[start] ?? 0;
  return code >= 0x61 && code <= 0x7a;
}

function hasNewline(codes: Uint16Array, from: number, to: number): boolean {
  for (let index = from; index < to; index++) if (codes[index] === 0x0a) return true;
  return false;
}
