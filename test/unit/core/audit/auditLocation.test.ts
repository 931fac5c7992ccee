import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_INDEX_FILE, locateAuditLog, lookupAuditLocation, recordAuditLocation, resolveAuditPath } from '../../../../src/core/audit';

describe('core/audit: where the log lives', () => {
  describe('resolveAuditPath', () => {
    const cases: readonly { name: string; input: Parameters<typeof resolveAuditPath>[0]; expected: string }[] = [
      { name: 'extension storage by default', input: { workspaceFolder: '/ws', storageDir: '/storage/ws1' }, expected: '/storage/ws1/audit/audit.jsonl' },
      { name: 'an absolute override wins', input: { workspaceFolder: '/ws', storageDir: '/storage', override: '/var/log/airlock/audit.jsonl' }, expected: '/var/log/airlock/audit.jsonl' },
      { name: 'a folder override (trailing slash) gets the file name', input: { storageDir: '/storage', override: '/var/log/airlock/' }, expected: '/var/log/airlock/audit.jsonl' },
      { name: 'a home-relative override', input: { override: '~/logs/a.jsonl', homeDir: '/home/me' }, expected: '/home/me/logs/a.jsonl' },
      { name: 'a relative override is relative to the workspace folder', input: { workspaceFolder: '/ws', override: 'logs/audit.jsonl' }, expected: '/ws/logs/audit.jsonl' },
      { name: 'a blank override is ignored', input: { storageDir: '/storage', override: '  ' }, expected: '/storage/audit/audit.jsonl' },
    ];
    for (const c of cases) {
      it(c.name, () => assert.equal(resolveAuditPath(c.input), c.expected));
    }

    it('without extension storage: a per-workspace folder under the config folder', () => {
      const a = resolveAuditPath({ workspaceFolder: '/ws/a', configDir: '/cfg' });
      const b = resolveAuditPath({ workspaceFolder: '/ws/b', configDir: '/cfg' });
      assert.match(a, /^\/cfg\/audit\/[0-9a-f]{16}\/audit\.jsonl$/);
      assert.notEqual(a, b);
      assert.equal(a, resolveAuditPath({ workspaceFolder: '/ws/a/', configDir: '/cfg' }));
    });

    it('refuses to guess with nothing to go on', () => {
      assert.throws(() => resolveAuditPath({ workspaceFolder: '/ws' }), /needs an override/);
    });
  });

  describe('the user-level index', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'airlock-audit-index-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('records which log belongs to which workspace, and the CLI finds it, also through a symbolic link', async () => {
      const configDir = join(root, 'config');
      const workspace = join(root, 'ws');
      mkdirSync(workspace);
      symlinkSync(workspace, join(root, 'link'));
      const file = join(root, 'storage', 'audit', 'audit.jsonl');
      await recordAuditLocation({ configDir, workspaceFolder: workspace, file });
      await recordAuditLocation({ configDir, workspaceFolder: join(root, 'other'), file: join(root, 'other.jsonl') });
      assert.equal(lookupAuditLocation({ configDir, workspaceFolder: workspace }), file);
      assert.equal(lookupAuditLocation({ configDir, workspaceFolder: join(root, 'link') }), file);
      assert.deepEqual(locateAuditLog({ configDir, workspaceFolder: workspace }), { file, source: 'index' });
      const index = JSON.parse(readFileSync(join(configDir, AUDIT_INDEX_FILE), 'utf8')) as { workspaces: Record<string, unknown> };
      assert.equal(Object.keys(index.workspaces).length, 2);
    });

    it('records the syslog collector the extension ships the log to, and forgets it when the setting is cleared', async () => {
      const configDir = join(root, 'config');
      const workspace = join(root, 'ws');
      const file = join(root, 'storage', 'audit', 'audit.jsonl');
      await recordAuditLocation({ configDir, workspaceFolder: workspace, file, syslog: ' tcp://127.0.0.1:6514 ' });
      assert.deepEqual(locateAuditLog({ configDir, workspaceFolder: workspace }), { file, source: 'index', syslog: 'tcp://127.0.0.1:6514' });
      await recordAuditLocation({ configDir, workspaceFolder: workspace, file, syslog: '' });
      assert.deepEqual(locateAuditLog({ configDir, workspaceFolder: workspace }), { file, source: 'index' });
    });

    it('falls back to the CLI default when the index knows nothing, or is unreadable', () => {
      const configDir = join(root, 'config');
      const located = locateAuditLog({ configDir, workspaceFolder: join(root, 'ws') });
      assert.equal(located.source, 'default');
      assert.ok(located.file.startsWith(join(configDir, 'audit')));
    });

    it('concurrent records from several windows keep every workspace', async () => {
      const configDir = join(root, 'config');
      await Promise.all(Array.from({ length: 12 }, (_, index) => recordAuditLocation({ configDir, workspaceFolder: join(root, `ws${index}`), file: join(root, `log${index}.jsonl`) })));
      for (let index = 0; index < 12; index++) assert.equal(lookupAuditLocation({ configDir, workspaceFolder: join(root, `ws${index}`) }), join(root, `log${index}.jsonl`));
    });
  });
});
