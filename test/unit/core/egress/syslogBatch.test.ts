// NETWORK SAFETY: the collectors are Debian's rsyslogd and a silent server, both started by the
// test on 127.0.0.1; the refused row is refused before any lookup or connection.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { sendSyslogBatch } from '../../../../src/core/egress/syslogBatch';
import { tableResolver, testPolicy } from './egressTestKit';
import { closedPort, poll, Rsyslog, RSYSLOGD } from './rsyslog';

/** `LEN MSG` as syslogFrame() frames it, with a message rsyslogd keeps whole. */
function frame(message: string): string {
  const text = `<110>1 2026-12-06T12:00:00.000Z test-host airlock 4242 test.action - ${message}`;
  return `${Buffer.byteLength(text)} ${text}`;
}

describe('core/egress: sendSyslogBatch delivers once, or says why not, within its deadline', function () {
  this.timeout(30_000);
  let rsyslog: Rsyslog;
  before(() => {
    assert.ok(existsSync(RSYSLOGD), `${RSYSLOGD} is missing: run scripts/bootstrap.sh (as root) or apt-get install rsyslog`);
  });
  beforeEach(() => {
    rsyslog = new Rsyslog();
  });
  afterEach(() => rsyslog.stop());

  it('a loopback collector has every frame once the promise resolves', async () => {
    const port = await rsyslog.start();
    await sendSyslogBatch({ url: `tcp://127.0.0.1:${port}`, policy: testPolicy(), frames: [frame('{"seq":1}'), frame('{"seq":2}')] });
    const lines = await poll(() => rsyslog.lines(), (read) => read.length >= 2, 'rsyslogd to write 2 lines');
    assert.deepEqual(lines.map((line) => line.split(' ').slice(4).join(' ')), ['{"seq":1}', '{"seq":2}']);
  });

  it('a collector no egress rule allows: refused before any lookup', async () => {
    const resolver = tableResolver({ 'logs.example.com': ['203.0.113.9'] });
    await assert.rejects(sendSyslogBatch({ url: 'tcp://logs.example.com:6514', policy: testPolicy(), frames: [frame('{}')], resolve: resolver.resolve }), /syslog: tcp:\/\/logs\.example\.com:6514 is not allowed: .*no-rule-matched/);
    assert.deepEqual(resolver.calls, []);
  });

  it('a collector that is down: the refused connection is the reason', async () => {
    const port = await closedPort();
    await assert.rejects(sendSyslogBatch({ url: `tcp://127.0.0.1:${port}`, policy: testPolicy(), frames: [frame('{}')] }), new RegExp(`syslog: tcp://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });

  describe('a collector that accepts and never answers (a hung or black-holed collector)', () => {
    let silent: Server;
    const held: Socket[] = [];
    const closed: Socket[] = [];
    before(async () => {
      // Reads everything and never closes its side, as a collector stuck behind a full disk.
      silent = createServer({ allowHalfOpen: true }, (socket) => {
        held.push(socket);
        socket.on('error', () => undefined).once('close', () => closed.push(socket)).resume();
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('gives up at the deadline and closes the connection', async () => {
      const { port } = silent.address() as { port: number };
      await assert.rejects(sendSyslogBatch({ url: `tcp://127.0.0.1:${port}`, policy: testPolicy(), frames: [frame('{}')], deadlineMs: 200 }), /no answer within 0\.2 s/);
      // The sender's end is gone only if writing to it fails (reset), which closes ours.
      await poll(() => {
        for (const socket of held) if (!socket.destroyed) socket.write('ping');
        return closed.length;
      }, (count) => count === 1, 'the connection to be closed by the sender');
      assert.equal(held.length, 1);
    });
  });
});
