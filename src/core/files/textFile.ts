// Whether bytes are text the model can read. A NUL byte in the first 8 KiB (what git and ripgrep
// look at) or bytes that are not UTF-8 mean binary: refused rather than handed over as mojibake.

const SNIFF_BYTES = 8192;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The text of a UTF-8 file, or undefined when it is binary. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
