/**
 * What the model is told of a tool call's result: the text of its content blocks, images, audio
 * and resources summarised (a line saying what they were, never their bytes), capped at the
 * server's `limits.outputBytes`, secrets redacted. The caller then has the content guard wrap it
 * as untrusted tool output.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { redact } from '../redaction';

export interface CallOutput {
  readonly text: string;
  /** UTF-8 bytes of the text before the cap. */
  readonly bytes: number;
  readonly truncated: boolean;
  /** Secrets redaction replaced. */
  readonly redacted: number;
}

export function callOutput(result: CallToolResult, maxBytes: number): CallOutput {
  const parts = result.content.map(describeBlock);
  if (result.content.every((block) => block.type !== 'text') && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent));
  const whole = parts.join('\n');
  const bytes = Buffer.byteLength(whole, 'utf8');
  // Cut loosely before redacting (so a huge output costs no more than the cap), exactly after (so a secret at the cut is still seen whole).
  const loose = whole.length > maxBytes * 2 + 4096 ? whole.slice(0, maxBytes * 2 + 4096) : whole;
  const clean = redact(loose);
  const capped = capUtf8(clean.text, maxBytes);
  const truncated = capped.length < clean.text.length || loose.length < whole.length;
  return { text: truncated ? `${capped}\n[Airlock cut this output at ${maxBytes} bytes of ${bytes} (limits.outputBytes)]` : capped, bytes, truncated, redacted: clean.redactions.length };
}

function describeBlock(block: CallToolResult['content'][number]): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${oneLine(block.mimeType)}, about ${Math.floor((block.data.length * 3) / 4)} bytes, not shown]`;
    case 'resource_link':
      return `[resource link "${oneLine(block.name)}" ${oneLine(block.uri)}${block.mimeType ? ` (${oneLine(block.mimeType)})` : ''}]`;
    case 'resource': {
      const { resource } = block;
      const size = 'text' in resource ? `${resource.text.length} characters of text` : `about ${Math.floor((resource.blob.length * 3) / 4)} bytes`;
      return `[resource ${oneLine(resource.uri)}${resource.mimeType ? ` (${oneLine(resource.mimeType)})` : ''}, ${size}, not shown]`;
    }
    default:
      return '[a content block of an unknown type, not shown]';
  }
}

/** Server-chosen names, URIs and types inside a summary: one short line. */
function oneLine(text: string): string {
  const line = text.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** At most `maxBytes` of UTF-8, never splitting a character. */
function capUtf8(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 3 || Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text.slice(0, maxBytes), 'utf8').subarray(0, maxBytes).toString('utf8');
  return cut.endsWith('\uFFFD') && !text.startsWith(cut) ? cut.slice(0, -1) : cut;
}
