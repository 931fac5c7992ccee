// NETWORK SAFETY: the only collector is Debian's rsyslogd, started by the test on 127.0.0.1;
// every refusal row is refused before a connection is opened (the table resolver never answers
// with an address anything listens on).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../../../src/core/audit';
import { AuditLog } from '../../../../src/core/audit/auditLog';
import { syslogFrame } from '../../../../src/core/audit/syslogFrame';
import { SyslogShipper } from '../../../../src/core/egress/syslogShipper';
import { sampleEvent } from '../audit/auditFixtures';
import { tableResolver, testPolicy, type PolicyShape } from './egressTestKit';
import { closedPort, poll, Rsyslog, RSYSLOGD } from './rsyslog';

const ORIGIN = { hostname: 'test-host', procId: 4242 };

describe('core/egress: SyslogShipper refuses a collector the egress rules do not allow, before connecting', () => {
  const rows: readonly { name: string; url: string; policy?: PolicyShape; answers?: Record<string, string[]>; error: RegExp; resolved: boolean }[] = [
    { name: 'a public host no rule allows', url: 'tcp://logs.example.com:6514', answers: { 'logs.example.com': ['203.0.113.9'] }, error: /no-rule-matched/, resolved: false },
    { name: 'an allow rule without the port covers 443 only', url: 'tcp://logs.example.com:6514', policy: { allow: ['logs.example.com'] }, error: /not allowed/, resolved: false },
    { name: 'a rule for one agent tool does not cover the audit copy', url: 'tcp://logs.example.com:6514', policy: { tools: { 'web.fetch': { allow: ['logs.example.com:6514'] } } }, error: /not allowed/, resolved: false },
    { name: 'a requireApproval rule: a background copy cannot ask', url: 'tcp://logs.example.com:6514', policy: { requireApproval: ['logs.example.com:6514'] }, error: /cannot ask for approval/, resolved: false },
    { name: 'a block rule wins over allow', url: 'tcp://logs.example.com:6514', policy: { allow: ['logs.example.com:6514'], block: ['logs.example.com'] }, error: /blocked-by-rule/, resolved: false },
    { name: 'a private address literal', url: 'tcp://10.0.0.5:514', error: /private-address/, resolved: false },
    { name: 'the cloud metadata address', url: 'tcp://169.254.169.254:514', error: /not allowed/, resolved: false },
    { name: 'an allowed name that resolves to a private address (rebinding)', url: 'tcp://logs.example.com:6514', policy: { allow: ['logs.example.com:6514'] }, answers: { 'logs.example.com': ['10.0.0.5'] }, error: /10\.0\.0\.5.*private/, resolved: true },
    { name: 'localhost that resolves off the machine', url: 'tcp://localhost:514', answers: { localhost: ['203.0.113.9'] }, error: /not a loopback address/, resolved: true },
    { name: 'another scheme', url: 'udp://127.0.0.1:514', error: /not tcp:\/\/host:port/, resolved: false },
    { name: 'no port', url: 'tcp://127.0.0.1', error: /not tcp:\/\/host:port/, resolved: false },
    { name: 'credentials in the URL', url: 'tcp://user:pw@127.0.0.1:514', error: /not tcp:\/\/host:port/, resolved: false },
  ];
  for (const row of rows) {
    it(`${row.name}: refused`, async () => {
      const resolver = tableResolver(row.answers ?? {});
      const error = await new Promise<Error>((resolve) => {
        const shipper = new SyslogShipper({ url: row.url, policy: () => testPolicy(row.policy), resolve: resolver.resolve, onError: resolve });
        shipper.send('5 hello');
      });
      assert.match(error.message, row.error);
      assert.equal(resolver.calls.length > 0, row.resolved, `resolver calls: ${resolver.calls.join(', ')}`);
    });
  }
});

describe('core/egress: SyslogShipper against rsyslogd started by the test', function () {
  this.timeout(30_000);
  let rsyslog: Rsyslog;
  let root: string;
  before(() => {
    // Debian's rsyslog package, which `npm test` installs (scripts/bootstrap.sh): a missing
    // collector fails these rows rather than skipping them, so a green run means they ran.
    assert.ok(existsSync(RSYSLOGD), `${RSYSLOGD} is missing: run scripts/bootstrap.sh (as root) or apt-get install rsyslog`);
  });
  beforeEach(() => {
    rsyslog = new Rsyslog();
    root = mkdtempSync(join(tmpdir(), 'airlock-syslog-log-'));
  });
  afterEach(async () => {
    await rsyslog.stop();
    rmSync(root, { recursive: true, force: true });
  });

  function shippedLog(shipper: SyslogShipper, count: number): string[] {
    const file = join(root, 'audit.jsonl');
    const log = new AuditLog({ file, keyFile: join(root, 'key.json'), onAppend: (entry: AuditEntry) => shipper.send(syslogFrame(entry, ORIGIN)) });
    for (let index = 1; index <= count; index++) log.append(sampleEvent(index));
    log.close();
    return readFileSync(file, 'utf8').trimEnd().split('\n');
  }

  it('a loopback collector gets every entry as written: facility log audit, the action as MSGID, the sealed line as MSG', async () => {
    const port = await rsyslog.start();
    const errors: Error[] = [];
    const shipper = new SyslogShipper({ url: `tcp://127.0.0.1:${port}`, policy: () => testPolicy(), onError: (error) => errors.push(error) });
    const written = shippedLog(shipper, 6);
    const received = await poll(() => rsyslog.lines(), (lines) => lines.length >= 6, 'rsyslogd to write 6 lines');
    await shipper.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(received.map((line) => line.split(' ').slice(0, 4).join(' ')), written.map((line) => {
      const entry = JSON.parse(line) as AuditEntry;
      return `${entry.decision === 'deny' ? 108 : 110} airlock 4242 ${entry.action}`;
    }));
    assert.deepEqual(received.map((line) => line.split(' ').slice(4).join(' ')), written, 'the collector holds the lines exactly as the log does, seals included');
  });

  it('a collector by name, allowed by a rule that names its port and its address', async () => {
    const port = await rsyslog.start();
    const errors: Error[] = [];
    const resolver = tableResolver({ 'logs.example.test': ['127.0.0.1'] });
    const policy = testPolicy({ allow: [`logs.example.test:${port}`, `127.0.0.1:${port}`] });
    const shipper = new SyslogShipper({ url: `tcp://logs.example.test:${port}`, policy: () => policy, resolve: resolver.resolve, onError: (error) => errors.push(error) });
    const written = shippedLog(shipper, 2);
    const received = await poll(() => rsyslog.lines(), (lines) => lines.length >= 2, 'rsyslogd to write 2 lines');
    await shipper.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(resolver.calls, ['logs.example.test']);
    assert.deepEqual(received.map((line) => line.split(' ').slice(4).join(' ')), written);
  });

  it('while the collector is down, entries wait (one error said) and go once it is up', async () => {
    const port = await closedPort();
    const errors: Error[] = [];
    const shipper = new SyslogShipper({ url: `tcp://127.0.0.1:${port}`, policy: () => testPolicy(), retryMs: 50, onError: (error) => errors.push(error) });
    const written = shippedLog(shipper, 3);
    await poll(() => errors.length, (count) => count > 0, 'the refused connection to be reported');
    await rsyslog.start(port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    shipper.send(syslogFrame({ ...(JSON.parse(written[2] ?? '') as AuditEntry), seq: 99 }, ORIGIN));
    const received = await poll(() => rsyslog.lines(), (lines) => lines.length >= 4, 'rsyslogd to write the 4 waiting lines');
    await shipper.close();
    assert.equal(errors.length, 1, errors.map((error) => error.message).join('\n'));
    assert.match(errors[0]?.message ?? '', /ECONNREFUSED/);
    assert.deepEqual(received.slice(0, 3).map((line) => line.split(' ').slice(4).join(' ')), written);
  });
});
