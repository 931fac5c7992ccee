/**
 * A server's progress notifications for one call, as lines for the tool card (never for the
 * model). The message is the server's text, so it is cleaned like any untrusted text shown to the
 * user: invisible characters removed, one line, cut short. A server that floods notifications gets
 * its first lines shown and one note, so the card stays bounded.
 */
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import type { ToolProgress } from '../agent/agentTool';
import { sanitize } from '../content';

/** Progress lines shown per call; later notifications are counted, not shown. */
export const MAX_PROGRESS_LINES = 50;
const MAX_MESSAGE_CHARS = 160;

/** A progress callback for the SDK's `onprogress` that writes at most MAX_PROGRESS_LINES lines. */
export function progressReporter(report: ToolProgress): (progress: Progress) => void {
  let received = 0;
  return (progress) => {
    received += 1;
    if (received <= MAX_PROGRESS_LINES) report(progressLine(progress));
    else if (received === MAX_PROGRESS_LINES + 1) report('[Airlock: the server sends more progress than is shown]\n');
  };
}

/** "progress 3/10: message", one line. */
export function progressLine(progress: Progress): string {
  const amount = typeof progress.total === 'number' && Number.isFinite(progress.total) ? `${number(progress.progress)}/${number(progress.total)}` : number(progress.progress);
  const message = typeof progress.message === 'string' ? oneLine(progress.message) : '';
  return `progress ${amount}${message === '' ? '' : `: ${message}`}\n`;
}

function number(value: number): string {
  if (!Number.isFinite(value)) return '?';
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');
}

function oneLine(text: string): string {
  const clean = sanitize(text).text.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS)}…` : clean;
}
