import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AdoptedServer } from '../../../../src/core/mcp/directServerPolicy';
import type { McpAdoptionErrorCode } from '../../../../src/core/mcp/mcpAdoptionError';
import { addOverlayMcpServer } from '../../../../src/core/mcp/overlayMcpServer';
import { PolicyStore } from '../../../../src/core/policy/effectivePolicy';
import { OverlayTrustStore, overlayTrustKey } from '../../../../src/core/policy/overlayTrust';
import { sha256Of } from '../../../../src/core/policy/policyFile';
import { REPO_POLICY_DIR, temporaryFolder } from '../policy/policyFixtures';

const memory: AdoptedServer = { stdio: { command: 'node', args: ['server-memory.js'], env: ['MEMORY_FILE_PATH'] }, tools: { allow: [] } };

describe('core/mcp/overlayMcpServer: a moved server goes into the overlay, which then waits for approval', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let workspaceFolder: string;
  let configDir: string;
  let overlay: string;
  beforeEach(() => {
    folder = temporaryFolder('airlock-adopt-');
    workspaceFolder = join(folder.path, 'repo');
    configDir = join(folder.path, 'config');
    overlay = join(workspaceFolder, '.airlock', 'policy', 'default.yaml');
    mkdirSync(workspaceFolder);
  });
  afterEach(() => folder.remove());

  const edit = (name: string, server: AdoptedServer = memory) => addOverlayMcpServer({ workspaceFolder, packName: 'default', builtinDir: REPO_POLICY_DIR, name, server });
  const load = () => new PolicyStore().load({ workspaceFolder, packName: 'default', builtinDir: REPO_POLICY_DIR, workspaceTrusted: true, configDir });

  it('creates the overlay with the server, no tool allowed, env names only; it is pending (not counted as the user\'s own) and says what it adds', async () => {
    const result = await edit('memory');
    assert.equal(result.written, true);
    const text = readFileSync(overlay, 'utf8');
    assert.equal(result.sha256, sha256Of(text));
    assert.deepEqual((parse(text) as { mcp: { servers: unknown } }).mcp.servers, { memory });
    const effective = await load();
    assert.equal(effective.policy.mcp.servers.memory, undefined, 'not in force before the user approves it');
    assert.equal(effective.pendingOverlay?.sha256, result.sha256);
    assert.match(effective.pendingOverlay?.loosens.join('\n') ?? '', /adds the server "memory", which runs `node server-memory.js` in the sandbox; gets the environment variables MEMORY_FILE_PATH; offers no tools yet/);
  });

  it('keeps the comments and entries of a trusted overlay, and the move is idempotent', async () => {
    mkdirSync(join(workspaceFolder, '.airlock', 'policy'), { recursive: true });
    const before = '# the team\'s rules\nversion: 1\negress:\n  allow:\n    - example.com # docs\n';
    writeFileSync(overlay, before);
    await new OverlayTrustStore(configDir).trust(await overlayTrustKey(overlay), sha256Of(before), 'approved');
    const first = await edit('memory');
    const text = readFileSync(overlay, 'utf8');
    assert.ok(text.startsWith('# the team\'s rules\nversion: 1\negress:\n  allow:\n    - example.com # docs\n'), text);
    const again = await edit('memory');
    assert.deepEqual([again.written, again.sha256], [false, first.sha256], 'the same move again writes nothing');
    assert.equal(readFileSync(overlay, 'utf8'), text);
  });

  const refusals: readonly { attack: string; setup?: () => void; name: string; server?: AdoptedServer; code: McpAdoptionErrorCode | 'FIREWALL_OVERLAY_OUTSIDE_WORKSPACE' }[] = [
    {
      attack: 'a repository reuses a policy server\'s name for another command (the move would widen it)',
      setup: () => {
        mkdirSync(join(workspaceFolder, '.airlock', 'policy'), { recursive: true });
        writeFileSync(overlay, 'version: 1\nmcp:\n  servers:\n    memory:\n      stdio: { command: node, args: [approved.js] }\n');
      },
      name: 'memory',
      code: 'ADOPT_NAME_TAKEN',
    },
    {
      attack: 'an overlay that does not load is not edited',
      setup: () => {
        mkdirSync(join(workspaceFolder, '.airlock', 'policy'), { recursive: true });
        writeFileSync(overlay, 'version: 1\negress: [not, a, map]\n');
      },
      name: 'memory',
      code: 'ADOPT_OVERLAY_INVALID',
    },
    {
      attack: '.airlock is a symbolic link out of the workspace',
      setup: () => {
        mkdirSync(join(folder.path, 'elsewhere'));
        symlinkSync(join(folder.path, 'elsewhere'), join(workspaceFolder, '.airlock'));
      },
      name: 'memory',
      code: 'FIREWALL_OVERLAY_OUTSIDE_WORKSPACE',
    },
    {
      attack: 'an http URL the schema refuses (not http or https)',
      name: 'remote',
      server: { http: { url: 'file:///etc/passwd' }, tools: { allow: [] } },
      code: 'ADOPT_POLICY_INVALID',
    },
  ];
  for (const row of refusals) {
    it(`refused: ${row.attack}`, async () => {
      row.setup?.();
      const before = readIfThere(overlay);
      await assert.rejects(edit(row.name, row.server), (error: Error & { code?: string }) => error.code === row.code);
      assert.equal(readIfThere(overlay), before, 'nothing was written');
    });
  }
});

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
