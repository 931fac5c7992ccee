// The CLI's audit entries go to the syslog collector the extension ships the workspace's log to:
// the real commands (in process), the real log, Debian's rsyslogd started by the test.
// NETWORK SAFETY: rsyslogd and the silent collector listen on 127.0.0.1; the refused collector
// is refused by name, before any lookup.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { recordAuditLocation } from '../../../../src/core/audit';
import { closedPort, poll, Rsyslog, RSYSLOGD } from '../../core/egress/rsyslog';
import { PolicyWorkspace } from '../policyCliFixtures';

const REPO_OVERLAY = '# shipped with the repository\nversion: 1\negress:\n  allow: [docs.python.org]\n';

describe('airlock: a CLI change\'s audit entry is shipped to the workspace\'s syslog collector', function () {
  this.timeout(30_000);
  let ws: PolicyWorkspace;
  let rsyslog: Rsyslog;
  let logFile: string;

  /** The index entry the extension writes when `airlock.audit.syslog` is set. */
  async function shipTo(url: string): Promise<void> {
    await recordAuditLocation({ configDir: ws.configDir, workspaceFolder: ws.folder, file: logFile, syslog: url });
  }

  function localLines(): string[] {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n');
  }

  before(() => {
    assert.ok(existsSync(RSYSLOGD), `${RSYSLOGD} is missing: run scripts/bootstrap.sh (as root) or apt-get install rsyslog`);
  });
  beforeEach(() => {
    ws = new PolicyWorkspace();
    rsyslog = new Rsyslog();
    logFile = join(ws.root, 'extension-storage', 'audit', 'audit.jsonl');
  });
  afterEach(async () => {
    await rsyslog.stop();
    ws.remove();
  });

  const changes: readonly { name: string; setup?: (ws: PolicyWorkspace) => void; argv: (ws: PolicyWorkspace) => Promise<string[]>; action: string }[] = [
    { name: 'firewall allow', argv: () => Promise.resolve(['firewall', 'allow', 'pypi.org']), action: 'firewall.allow' },
    {
      name: 'policy approve',
      setup: (workspace) => workspace.writeRepositoryOverlay(REPO_OVERLAY),
      argv: async (workspace) => {
        const shown = JSON.parse((await workspace.run(['policy', 'show', '--json'])).stdout) as { pendingOverlay: { sha256: string } | null };
        return ['policy', 'approve', '--sha256', shown.pendingOverlay?.sha256 ?? assert.fail('no pending overlay')];
      },
      action: 'policy.overlay.approve',
    },
  ];
  for (const change of changes) {
    it(`${change.name}: the collector holds the entry exactly as the log does, seal included`, async () => {
      change.setup?.(ws);
      await shipTo(`tcp://127.0.0.1:${await rsyslog.start()}`);
      const run = await ws.run(await change.argv(ws));
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /syslog/);
      const written = localLines().at(-1) ?? '';
      assert.equal((JSON.parse(written) as { actor: string }).actor, 'cli');
      // The command returned after the collector closed the connection, so the line is there.
      const received = await poll(() => rsyslog.lines(), (lines) => lines.length >= 1, 'rsyslogd to write the entry');
      assert.equal(received.at(-1), `110 airlock ${process.pid} ${change.action} ${written}`);
      assert.equal(received.length, localLines().length, 'every line the command appended, and only those');
    });
  }

  it('a refused change is shipped too (its denial is a warning)', async () => {
    await shipTo(`tcp://127.0.0.1:${await rsyslog.start()}`);
    const run = await ws.run(['firewall', 'remove', 'not-there.example']);
    assert.equal(run.code, 1);
    const received = await poll(() => rsyslog.lines(), (lines) => lines.length >= 1, 'rsyslogd to write the entry');
    assert.equal(received.at(-1), `108 airlock ${process.pid} firewall.remove ${localLines().at(-1) ?? ''}`);
  });

  it('no collector recorded for the log: nothing is shipped and nothing is said', async () => {
    await recordAuditLocation({ configDir: ws.configDir, workspaceFolder: ws.folder, file: logFile });
    const port = await rsyslog.start();
    const run = await ws.run(['firewall', 'allow', 'pypi.org']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(localLines().length > 0, true);
    assert.deepEqual(rsyslog.lines(), [], `nothing reached the collector on port ${port}`);
  });

  describe('a collector that cannot take the copy: the command keeps its exit code, says so, and the local entry stands', () => {
    let silent: Server;
    const held: Socket[] = [];
    before(async () => {
      // Reads and never closes its side: a hung collector the CLI must not wait for.
      silent = createServer({ allowHalfOpen: true }, (socket) => {
        held.push(socket);
        socket.on('error', () => undefined).resume();
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    const rows: readonly { name: string; url: () => Promise<string>; reason: RegExp }[] = [
      { name: 'down (nothing listens)', url: async () => `tcp://127.0.0.1:${await closedPort()}`, reason: /ECONNREFUSED/ },
      { name: 'hung (accepts, never answers)', url: () => Promise.resolve(`tcp://127.0.0.1:${(silent.address() as { port: number }).port}`), reason: /no answer within 5 s/ },
      { name: 'not allowed by the egress rules (a remote host without a rule)', url: () => Promise.resolve('tcp://logs.example.com:6514'), reason: /is not allowed: .*no-rule-matched/ },
    ];
    for (const row of rows) {
      it(`${row.name}`, async () => {
        await shipTo(await row.url());
        const run = await ws.run(['firewall', 'allow', 'pypi.org']);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^allowed: pypi\.org for every tool/);
        assert.match(run.stderr, /^warning: .* was written and audited, but the entry was not copied to syslog: syslog: /);
        assert.match(run.stderr, row.reason);
        const last = JSON.parse(localLines().at(-1) ?? '{}') as { actor?: string; action?: string };
        assert.deepEqual([last.actor, last.action], ['cli', 'firewall.allow']);
        const verify = await ws.run(['audit', 'verify']);
        assert.equal(verify.code, 0, verify.stdout + verify.stderr);
      });
    }
  });
});
