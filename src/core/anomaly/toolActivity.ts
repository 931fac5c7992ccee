import type { ToolCallOutcome } from '../agent/toolRunner';
import type { TurnActivity } from './anomaly';

// The agent's tools that read the workspace; their output is what `read` counts.
const FILE_READ_TOOLS: ReadonlySet<string> = new Set(['fs.read', 'fs.list', 'fs.search']);

/**
 * What one finished tool call adds to the turn's counts: always a tool call; a file read that did
 * not complete (the guard or the user refused it, or it failed) is a denied read; a web request
 * that did not complete is a blocked request; a file tool's output is data read; every result is
 * data sent to the model.
 */
export function toolActivity(outcome: ToolCallOutcome): TurnActivity[] {
  const activity: TurnActivity[] = [{ type: 'toolCall' }];
  const fileRead = FILE_READ_TOOLS.has(outcome.tool);
  if (outcome.state !== 'done') {
    if (fileRead) activity.push({ type: 'deniedRead' });
    else if (outcome.tool.startsWith('web.')) activity.push({ type: 'blockedRequest' });
  } else if (fileRead) {
    activity.push({ type: 'read', bytes: Buffer.byteLength(outcome.content) });
  }
  activity.push({ type: 'sent', bytes: Buffer.byteLength(outcome.content) });
  return activity;
}
