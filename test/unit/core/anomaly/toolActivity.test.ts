import assert from 'node:assert/strict';
import type { ToolCallOutcome } from '../../../../src/core/agent/toolRunner';
import { toolActivity } from '../../../../src/core/anomaly/toolActivity';

function outcome(tool: string, state: ToolCallOutcome['state'], content: string): ToolCallOutcome {
  return { callId: 'c', tool, state, summary: '', content, flags: [] };
}

const rows: readonly [string, ToolCallOutcome, string[]][] = [
  ['a read of a denied file is a denied read', outcome('fs.read', 'error', 'Error: .env cannot be read'), ['toolCall', 'deniedRead', 'sent:26']],
  ['a listing the guard refused is a denied read', outcome('fs.list', 'denied', 'Error: no'), ['toolCall', 'deniedRead', 'sent:9']],
  ['a fetch the firewall blocked is a blocked request', outcome('web.fetch', 'error', 'Error: Blocked'), ['toolCall', 'blockedRequest', 'sent:14']],
  ['a file read that worked counts its bytes as read (UTF-8)', outcome('fs.search', 'done', 'héllo'), ['toolCall', 'read:6', 'sent:6']],
  ['a refused write is neither a read nor a request', outcome('fs.write', 'denied', 'Error: no'), ['toolCall', 'sent:9']],
  ['a page fetched is sent, not read from the workspace', outcome('web.fetch', 'done', 'page'), ['toolCall', 'sent:4']],
];

describe('core/anomaly/toolActivity', () => {
  for (const [name, given, expected] of rows) {
    it(name, () => assert.deepEqual(toolActivity(given).map((a) => ('bytes' in a ? `${a.type}:${a.bytes}` : a.type)), expected));
  }
});
