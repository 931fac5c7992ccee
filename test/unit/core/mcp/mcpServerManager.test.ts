import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { CreateMessageRequestSchema, ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { McpProcessError, type McpFailure } from '../../../../src/core/mcp/mcpProcessError';
import { McpServerManager, type McpServerEvent, type McpServerManagerOptions } from '../../../../src/core/mcp/mcpServerManager';
import { policyPackSchema, type PolicyPack } from '../../../../src/core/policy/policySchema';
import { findSandboxBackend } from '../../../../src/core/sandbox/sandboxBackend';
import { memoryAudit } from '../egress/egressTestKit';
import { HOSTILE_TOOLS, hostileServerArgs, RUG_PULL } from '../../../fixtures/mcp/hostileServer';

const SERVERS = join(import.meta.dirname, '../../../../node_modules/@modelcontextprotocol');
const script = (name: string): string => join(SERVERS, name, 'dist/index.js');

/** The text of a tool result's first content item. */
function textOf(result: unknown): string {
  const [first] = (result as CallToolResult).content;
  return first?.type === 'text' ? first.text : '';
}

async function rejectsWith(promise: Promise<unknown>, code: McpFailure): Promise<McpProcessError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof McpProcessError, `expected an McpProcessError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  return error;
}

describe('core/mcp/mcpServerManager: real MCP servers in the real sandbox', function () {
  this.timeout(60_000);
  let workspace: string;
  // Outside /tmp (which the sandbox replaces anyway): the home folder must be hidden by the sandbox's own rules.
  let outside: string;
  let manager: McpServerManager | undefined;
  let events: McpServerEvent[];

  function start(servers: Record<string, unknown>, options: Partial<McpServerManagerOptions> = {}, pack: Record<string, unknown> = {}): McpServerManager {
    const policy: PolicyPack = policyPackSchema.parse({ version: 1, name: 'test', files: { deny: ['.env', 'secrets/**'] }, ...pack, mcp: { servers } });
    manager = new McpServerManager({ policy: () => policy, workspace, parentEnv: { PATH: process.env.PATH, HOME: join(outside, 'home'), GITHUB_TOKEN: 'ghp_editorTokenThatMustNotLeak0123456789' }, ...options });
    manager.onState((event) => events.push(event));
    return manager;
  }

  const hostile = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ hostile: { stdio: { command: 'node', args: hostileServerArgs() }, ...extra } });

  before(async () => {
    const backend = await findSandboxBackend();
    // Fails, never skips: a machine without bubblewrap must not pass these as if sandboxed.
    assert.ok(backend.ok, backend.ok ? '' : `no sandbox on this machine: ${backend.reason}`);
  });

  beforeEach(() => {
    events = [];
    workspace = mkdtempSync('/tmp/airlock-mcp-ws-');
    outside = mkdtempSync('/var/tmp/airlock-mcp-outside-');
    mkdirSync(join(outside, 'home', '.ssh'), { recursive: true });
    writeFileSync(join(outside, 'home', '.ssh', 'id_rsa'), 'PRIVATE-KEY-MATERIAL');
    writeFileSync(join(workspace, '.env'), 'API_TOKEN=DENIED-FILE-CONTENT');
    writeFileSync(join(workspace, 'notes.txt'), 'visible notes');
  });

  afterEach(async () => {
    await manager?.dispose();
    manager = undefined;
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('server-memory: starts on first use, lists its tools, keeps its graph in its own capped home', async () => {
    const mgr = start({ memory: { stdio: { command: 'node', args: [script('server-memory')], env: ['MEMORY_FILE_PATH'] } } }, { env: (_server, names) => Promise.resolve(Object.fromEntries(names.map((name) => [name, '/tmp/home/memory.jsonl']))) });
    assert.equal(mgr.status('memory').state, 'stopped');
    const client = await mgr.client('memory');
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('create_entities') && names.includes('read_graph'), names.join(','));
    await client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'Airlock', entityType: 'project', observations: ['guards MCP'] }] } });
    assert.match(textOf(await client.callTool({ name: 'read_graph', arguments: {} })), /guards MCP/);
    assert.deepEqual(events.map((event) => event.state), ['starting', 'running']);
  });

  it('limit: server-memory cannot store past storageMb (its home and /tmp are one capped tmpfs)', async () => {
    const mgr = start({ memory: { storageMb: 1, stdio: { command: 'node', args: [script('server-memory')], env: ['MEMORY_FILE_PATH'] } } }, { env: () => Promise.resolve({ MEMORY_FILE_PATH: '/tmp/home/memory.jsonl' }) });
    const result = await mgr.use('memory', (client) => client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'big', entityType: 'blob', observations: ['y'.repeat(2 * 1024 * 1024)] }] } }));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /ENOSPC|EFBIG|no space|too large/i);
  });

  it('attack: server-filesystem cannot hand over a .env the file guard denies, nor write the workspace', async () => {
    const mgr = start({ files: { stdio: { command: 'node', args: [script('server-filesystem'), workspace] } } });
    const read = (path: string) => mgr.use('files', (client) => client.callTool({ name: 'read_text_file', arguments: { path } }));
    assert.equal(textOf(await read(join(workspace, 'notes.txt'))), 'visible notes');
    const denied = textOf(await read(join(workspace, '.env')));
    assert.doesNotMatch(denied, /DENIED-FILE-CONTENT/);
    const write = await mgr.use('files', (client) => client.callTool({ name: 'write_file', arguments: { path: join(workspace, 'planted.txt'), content: 'x' } }));
    assert.equal(write.isError, true);
    assert.match(textOf(write), /read-only|EROFS/i);
  });

  it('write: true lets server-filesystem write the workspace', async () => {
    const mgr = start({ files: { write: true, stdio: { command: 'node', args: [script('server-filesystem'), workspace] } } });
    const write = await mgr.use('files', (client) => client.callTool({ name: 'write_file', arguments: { path: join(workspace, 'made.txt'), content: 'made' } }));
    assert.notEqual(write.isError, true, textOf(write));
    assert.equal(readFileSync(join(workspace, 'made.txt'), 'utf8'), 'made');
  });

  it('attack: control files a writable server creates (.mcp.json, .vscode) are removed before the caller reads the answer, and reported', async () => {
    const swept: string[] = [];
    const mgr = start({ files: { write: true, stdio: { command: 'node', args: [script('server-filesystem'), workspace] } } }, { onControlSweep: (server, sweep) => swept.push(`${server}: ${sweep.removed.join(',')}`) });
    const client = await mgr.client('files');
    const write = await client.callTool({ name: 'write_file', arguments: { path: join(workspace, '.mcp.json'), content: '{"mcpServers":{"x":{"command":"sh"}}}' } });
    assert.notEqual(write.isError, true, textOf(write));
    assert.equal(existsSync(join(workspace, '.mcp.json')), false);
    await client.callTool({ name: 'create_directory', arguments: { path: join(workspace, '.vscode') } });
    assert.equal(existsSync(join(workspace, '.vscode')), false);
    assert.deepEqual(swept, [`files: ${join(workspace, '.mcp.json')}`, `files: ${join(workspace, '.vscode')}`]);
  });

  it('attack: the editor\'s credentials are not passed; only the names stdio.env lists, with the values the caller gives', async () => {
    const mgr = start({ everything: { stdio: { command: 'node', args: [script('server-everything')], env: ['SEARCH_API_KEY'] } } }, { env: () => Promise.resolve({ SEARCH_API_KEY: 'value-from-secret-storage', OTHER: 'not-listed' }) });
    const env = textOf(await mgr.use('everything', (client) => client.callTool({ name: 'get-env', arguments: {} })));
    assert.match(env, /value-from-secret-storage/);
    assert.doesNotMatch(env, /ghp_editorToken|not-listed/);
  });

  it('the caller\'s client options and handlers answer what the server asks (sampling, by server-everything)', async () => {
    const asked: string[] = [];
    const mgr = start(
      { everything: { stdio: { command: 'node', args: [script('server-everything')] } } },
      {
        clientOptions: () => ({ capabilities: { sampling: {} } }),
        configureClient: (client, server) =>
          client.setRequestHandler(CreateMessageRequestSchema, (request) => {
            asked.push(server);
            return { role: 'assistant', model: 'test', content: { type: 'text', text: `answered ${JSON.stringify(request.params.messages)}` } };
          }),
      },
    );
    const result = await mgr.use('everything', (client) => client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'ping' } }));
    assert.match(JSON.stringify(result.content), /answered .*ping/);
    assert.deepEqual(asked, ['everything']);
  });

  it('fixture: the rug pull changes a definition after the first listing and says so (list_changed)', async () => {
    let changed!: () => void;
    const notified = new Promise<void>((resolve) => (changed = resolve));
    const mgr = start(hostile(), { configureClient: (client) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed()) });
    const definition = async () => (await (await mgr.client('hostile')).listTools()).tools.find((tool) => tool.name === RUG_PULL.tool)?.description;
    assert.equal(await definition(), RUG_PULL.before);
    await notified;
    assert.equal(await definition(), RUG_PULL.after);
  });

  it('attack: a crash mid-call is a clear error with the redacted stderr, and the next use restarts the server', async () => {
    const mgr = start(hostile(), { backoffMs: 1 });
    const error = await rejectsWith(mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.crash, arguments: {} })), 'exited');
    assert.match(error.message, /hostile exited with code 3.*crashed on purpose/);
    assert.match(error.message, /\[REDACTED:github-token\]/);
    assert.doesNotMatch(error.message, /ghp_abcdef/);
    assert.deepEqual(mgr.status('hostile'), { state: 'failed', reason: error.message, failures: 1 });
    assert.equal(textOf(await mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.echo, arguments: { text: 'back' } }))), 'back');
    assert.equal(mgr.status('hostile').state, 'running');
    // A caller holding the bare client reads the same reason.
    const client = await mgr.client('hostile');
    await assert.rejects(client.callTool({ name: HOSTILE_TOOLS.crash, arguments: {} }), /hostile exited with code 3; its stderr ends with: fatal: the fixture crashed on purpose/);
  });

  it('attack: a line that is not JSON-RPC ends the connection with a clear error instead of a hang', async () => {
    const mgr = start(hostile());
    const error = await rejectsWith(mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.garble, arguments: {} })), 'invalid-message');
    assert.match(error.message, /hostile wrote a line that is not a JSON-RPC message/);
  });

  it('attack: a 50 MB message ends the connection at the message cap', async () => {
    const mgr = start(hostile(), { maxMessageBytes: 1024 * 1024 });
    const error = await rejectsWith(mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.flood, arguments: {} })), 'message-too-large');
    assert.match(error.message, /hostile sent a message larger than 1048576 bytes; the connection was closed/);
    assert.equal(mgr.status('hostile').state, 'failed');
  });

  it('attack: a call that never returns ends at the caller\'s timeout; the server keeps working and is not stopped as idle meanwhile', async () => {
    const mgr = start(hostile(), { idleMs: 20 });
    await assert.rejects(mgr.client('hostile').then((client) => client.callTool({ name: HOSTILE_TOOLS.hang, arguments: {} }, undefined, { timeout: 300 })), /timed out/i);
    assert.ok(!events.some((event) => event.state === 'stopped'), JSON.stringify(events));
    assert.equal(textOf(await mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.echo, arguments: { text: 'alive' } }))), 'alive');
  });

  it('attack: a direct connection to a loopback listener is refused inside the sandbox', async () => {
    const accepted: string[] = [];
    const listener: Server = createServer((socket) => {
      accepted.push('connection');
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const port = (listener.address() as { port: number }).port;
      const mgr = start(hostile());
      const answer = textOf(await mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.dial, arguments: { port } })));
      assert.match(answer, /^failed: ECONNREFUSED/);
      assert.deepEqual(accepted, []);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('egress: through its proxy, decided as mcp.<server>, the server reaches only its egress hosts', async () => {
    const accepted: string[] = [];
    const listener: Server = createServer((socket) => {
      accepted.push('connection');
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const port = (listener.address() as { port: number }).port;
      const audit = memoryAudit();
      const mgr = start(hostile({ egress: [`127.0.0.1:${port}`] }), { audit });
      const tunnel = (target: string) => mgr.use('hostile', async (client) => textOf(await client.callTool({ name: HOSTILE_TOOLS.viaProxy, arguments: { target } })));
      assert.match(await tunnel(`127.0.0.1:${port}`), /^HTTP\/1\.1 200/);
      assert.match(await tunnel('example.com:443'), /^HTTP\/1\.1 403/);
      assert.deepEqual(accepted, ['connection']);
      const decided = audit.events.map((event) => [event.detail?.tool, event.target, event.reason]);
      assert.deepEqual(decided, [
        ['mcp.hostile', `CONNECT 127.0.0.1:${port}`, 'allowed-by-rule'],
        ['mcp.hostile', 'CONNECT example.com:443', 'no-rule-matched'],
      ]);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('attack: ~/.ssh is not there, neither as $HOME/.ssh nor at the real home\'s path', async () => {
    const mgr = start(hostile());
    const answer = textOf(await mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.readSsh, arguments: { path: join(outside, 'home', '.ssh') } })));
    assert.equal(answer, `/tmp/home/.ssh: failed: ENOENT\n${join(outside, 'home', '.ssh')}: failed: ENOENT`);
  });

  it('a server that never answers initialize is stopped at the timeout, with the reason', async () => {
    const mgr = start({ mute: { stdio: { command: 'node', args: hostileServerArgs('mute') } } }, { initializeTimeoutMs: 300 });
    const error = await rejectsWith(mgr.client('mute'), 'initialize-timeout');
    assert.match(error.message, /mute did not answer initialize within 0.3 s/);
    assert.equal(mgr.status('mute').state, 'failed');
  });

  it('stops a server when idle, and starts it again on the next use', async () => {
    const mgr = start(hostile(), { idleMs: 30 });
    await mgr.client('hostile');
    const stopped = await new Promise<McpServerEvent>((resolve) => mgr.onState((event) => event.state === 'stopped' && resolve(event)));
    assert.match(stopped.reason ?? '', /^idle/);
    assert.equal(textOf(await mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.echo, arguments: { text: 'again' } }))), 'again');
  });

  it('limit: after maxFailures crashes in a row the server is not restarted until stop()', async () => {
    const mgr = start(hostile(), { backoffMs: 1, maxFailures: 2 });
    const crash = () => mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.crash, arguments: {} }));
    await rejectsWith(crash(), 'exited');
    await rejectsWith(crash(), 'exited');
    const gaveUp = await rejectsWith(mgr.client('hostile'), 'gave-up');
    assert.match(gaveUp.message, /failed 2 times in a row.*crashed on purpose/);
    await mgr.stop('hostile');
    assert.equal(textOf(await mgr.use('hostile', (client) => client.callTool({ name: HOSTILE_TOOLS.echo, arguments: { text: 'fresh' } }))), 'fresh');
  });

  const refusals: readonly { readonly attack: string; readonly servers: Record<string, unknown>; readonly name: string; readonly reason: RegExp }[] = [
    { attack: 'a server the policy does not name', servers: {}, name: 'hostile', reason: /no MCP server of that name/ },
    { attack: 'a name from Object.prototype', servers: {}, name: 'constructor', reason: /no MCP server of that name/ },
    { attack: 'a server the policy disables', servers: hostile({ enabled: false }), name: 'hostile', reason: /disables it/ },
  ];
  for (const row of refusals) {
    it(`fails closed: ${row.attack} does not start`, async () => {
      const mgr = start(row.servers);
      const error = await rejectsWith(mgr.client(row.name), 'not-started');
      assert.match(error.message, row.reason);
    });
  }

  it('fails closed: no sandbox can be made (the workspace is /), so the server does not start and says why', async () => {
    const mgr = start(hostile());
    const rooted = new McpServerManager({ policy: () => policyPackSchema.parse({ version: 1, name: 'test', mcp: { servers: hostile() } }), workspace: '/' });
    try {
      const error = await rejectsWith(rooted.client('hostile'), 'not-started');
      assert.match(error.message, /the workspace is the root folder/);
    } finally {
      await rooted.dispose();
      await mgr.dispose();
    }
  });
});
