import type { Detection } from './detection';

const BEGIN = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** A PEM block is a few kB (an 8192-bit RSA key is about 6.5 kB); an END further away belongs to another block. */
const MAX_BLOCK_CHARS = 64 * 1024;
/** A body line: base64, or a PEM/PGP header (`Proc-Type: 4,ENCRYPTED`, `Comment: …`), or empty. */
const BODY_LINE = /^\s*(?:[A-Za-z0-9+/=]+\s*|[A-Za-z][A-Za-z-]{0,30}: [^\\]*)?$/;
/** Lines end with a real line break or, in JSON-escaped text, with a literal `\n`. */
const LINE_BREAK = /\r?\n|\\r?\\n/g;

/**
 * Private key blocks, BEGIN to END marker inclusive (PEM, OpenSSH, PGP, PKCS#8, encrypted). A
 * block without its END (cut off) is redacted to the end of its body, so half a key never leaks.
 * Linear: the END search result is reused by later BEGINs, and scanning resumes after each block.
 */
export function findPrivateKeys(text: string, into: Detection[]): void {
  const begin = new RegExp(BEGIN);
  const end = new RegExp(END);
  let nextEnd: { start: number; end: number } | undefined;
  let noMoreEnds = false;
  for (let match = begin.exec(text); match !== null; match = begin.exec(text)) {
    const start = match.index;
    const afterBegin = start + match[0].length;
    if (!noMoreEnds && (nextEnd === undefined || nextEnd.start < afterBegin)) {
      end.lastIndex = afterBegin;
      const found = end.exec(text);
      if (found === null) noMoreEnds = true;
      else nextEnd = { start: found.index, end: found.index + found[0].length };
    }
    const stop = !noMoreEnds && nextEnd !== undefined && nextEnd.start - afterBegin <= MAX_BLOCK_CHARS ? nextEnd.end : bodyEnd(text, afterBegin);
    into.push({ kind: 'private-key', start, end: stop });
    begin.lastIndex = Math.max(stop, afterBegin);
  }
}

/** End of the key body after a BEGIN marker that has no END: the run of body lines. */
function bodyEnd(text: string, from: number): number {
  const breaks = new RegExp(LINE_BREAK);
  breaks.lastIndex = from;
  let lineStart = from;
  let accepted = from;
  for (;;) {
    const found = breaks.exec(text);
    const lineEnd = found === null ? text.length : found.index;
    if (!BODY_LINE.test(text.slice(lineStart, lineEnd))) return accepted;
    accepted = lineEnd;
    if (found === null) return accepted;
    lineStart = found.index + found[0].length;
  }
}
