import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../../src/core/audit/auditSink';
import { isRemoteEndpoint, redactForRemote } from '../../../../src/core/model/outgoingRedaction';

describe('core/model/outgoingRedaction: secrets never reach a remote model', () => {
  const endpoints: { url: string; remote: boolean }[] = [
    { url: 'http://127.0.0.1:11434/v1', remote: false },
    { url: 'http://[::1]:8080/v1', remote: false },
    { url: 'http://localhost:1234/v1', remote: false },
    { url: 'https://api.example.com/v1', remote: true },
    { url: 'https://10.1.2.3/v1', remote: true },
  ];
  for (const { url, remote } of endpoints) {
    it(`${url} is ${remote ? 'remote' : 'on this machine'}`, () => assert.equal(isRemoteEndpoint(url), remote));
  }

  it('redacts every message and tool-call argument, and audits kinds and counts only', () => {
    const awsKey = 'AKIA' + 'IOSFODNN7EXAMPLQ';
    const github = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const events: AuditEvent[] = [];
    const out = redactForRemote([
      { role: 'system', content: 'You are Airlock.' },
      { role: 'user', content: `deploy with ${awsKey}` },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'web_fetch', arguments: JSON.stringify({ url: `https://x.example/?token=${github}` }) }] },
      { role: 'tool', toolCallId: 'c1', content: `token: ${github}` },
    ], { record: (e) => events.push(e) }, 'https://api.example.com/v1');
    const wire = JSON.stringify(out);
    assert.ok(!wire.includes(awsKey), 'AWS key removed');
    assert.ok(!wire.includes(github), 'GitHub token removed, also inside tool-call arguments');
    assert.match(wire, /\[REDACTED:/);
    assert.equal(out[0]?.content, 'You are Airlock.', 'ordinary text is unchanged');
    assert.equal(events.length, 1);
    assert.equal(events[0]?.action, 'model.redact');
    assert.ok(!JSON.stringify(events).includes(awsKey) && !JSON.stringify(events).includes(github), 'the audit entry names kinds, not values');
  });

  it('audits nothing when there was nothing to remove', () => {
    const events: AuditEvent[] = [];
    redactForRemote([{ role: 'user', content: 'explain this regex' }], { record: (e) => events.push(e) }, 'https://api.example.com/v1');
    assert.equal(events.length, 0);
  });
});
