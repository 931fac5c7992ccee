import assert from 'node:assert/strict';
import type { AuditEntry } from '../../../../src/core/audit';
import { syslogFrame } from '../../../../src/core/audit/syslogFrame';

const entry: AuditEntry = { v: 2, seq: 7, time: '2026-11-23T12:00:07.000Z', actor: 'agent', action: 'tool.fs.read', target: 'src/é.ts', decision: 'allow', epoch: 1, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64), mac: 'c'.repeat(64) };
const origin = { hostname: 'dev-box', procId: 4242 };

describe('core/audit: an entry as an RFC 5424 syslog frame (octet counting, RFC 6587)', () => {
  const cases: readonly { name: string; change: Partial<AuditEntry>; origin?: typeof origin; header: string }[] = [
    { name: 'an allowed action: log audit (13), informational', change: {}, header: '<110>1 2026-11-23T12:00:07.000Z dev-box airlock 4242 tool.fs.read -' },
    { name: 'a denial: warning', change: { decision: 'deny' }, header: '<108>1 2026-11-23T12:00:07.000Z dev-box airlock 4242 tool.fs.read -' },
    { name: 'a question: notice', change: { decision: 'ask' }, header: '<109>1 2026-11-23T12:00:07.000Z dev-box airlock 4242 tool.fs.read -' },
    { name: 'no decision: informational', change: { decision: undefined }, header: '<110>1 2026-11-23T12:00:07.000Z dev-box airlock 4242 tool.fs.read -' },
    { name: 'an action with spaces and controls cannot break the header', change: { action: 'x y\n<13>1 forged' }, header: '<110>1 2026-11-23T12:00:07.000Z dev-box airlock 4242 xy<13>1forged -' },
    { name: 'a MSGID longer than 32 characters is cut', change: { action: `a.${'b'.repeat(40)}` }, header: `<110>1 2026-11-23T12:00:07.000Z dev-box airlock 4242 a.${'b'.repeat(30)} -` },
    { name: 'a host name with no printable ASCII becomes the nil value', change: {}, origin: { hostname: 'überhost'.replace(/[a-z]/g, ''), procId: 1 }, header: '<110>1 2026-11-23T12:00:07.000Z - airlock 1 tool.fs.read -' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const changed = { ...entry, ...c.change };
      const frame = syslogFrame(changed, c.origin ?? origin);
      const space = frame.indexOf(' ');
      const message = frame.slice(space + 1);
      assert.equal(Number(frame.slice(0, space)), Buffer.byteLength(message, 'utf8'), 'the count is of bytes, not characters');
      assert.equal(message, `${c.header} ${JSON.stringify(changed)}`);
      assert.ok(!message.includes('\n'), 'one frame, one line');
    });
  }
});
