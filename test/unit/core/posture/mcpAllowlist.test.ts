import assert from 'node:assert/strict';
import { gatewayAllowlist, mcpAdmission, mcpLockState, type McpAdmission, type McpLockState, type McpServerIdentity } from '../../../../src/core/posture/mcpAllowlist';

const GATEWAY = ['/usr/bin/node', '/home/u/.vscode/extensions/airlock-dev.airlock-0.1.0/dist/cli.js', 'mcp', 'serve'];
const LOCKED = gatewayAllowlist(GATEWAY);
const memory: McpServerIdentity = { name: 'memory', command: ['npx', '-y', '@modelcontextprotocol/server-memory'] };
const remote: McpServerIdentity = { name: 'remote', url: 'https://mcp.example.com/mcp' };

const ADMISSION: readonly { name: string; server: McpServerIdentity; allowed?: unknown; denied?: unknown; admission: McpAdmission }[] = [
  { name: 'no lists: any server runs', server: memory, admission: 'allowed' },
  { name: 'the lock: a repository\'s server is not allowlisted', server: memory, allowed: LOCKED, admission: 'not-allowlisted' },
  { name: 'the lock: a repository\'s server named "Airlock" is matched by command, not name', server: { name: 'Airlock', command: ['node', 'evil.js'] }, allowed: LOCKED, admission: 'not-allowlisted' },
  { name: 'the lock: the gateway itself runs', server: { name: 'Airlock', command: GATEWAY }, allowed: LOCKED, admission: 'allowed' },
  { name: 'the lock: the gateway\'s command with one argument more does not match', server: { name: 'Airlock', command: [...GATEWAY, '--all'] }, allowed: LOCKED, admission: 'not-allowlisted' },
  { name: 'an empty allowlist allows nothing', server: memory, allowed: [], admission: 'not-allowlisted' },
  { name: 'null is no allowlist', server: memory, allowed: null, admission: 'allowed' },
  { name: 'a denylist match wins over the allowlist', server: memory, allowed: [{ serverName: 'memory' }], denied: [{ serverName: 'memory' }], admission: 'denied' },
  { name: 'a denylist of another server leaves this one alone', server: memory, denied: [{ serverName: 'github' }], admission: 'allowed' },
  { name: 'an allowlist entry with two matchers is ignored, as VS Code ignores it', server: memory, allowed: [{ serverName: 'memory', serverUrl: 'https://x' }], admission: 'not-allowlisted' },
  { name: 'an allowlist entry that is an Object.prototype name is no match', server: { name: 'constructor' }, allowed: [{ serverName: '__proto__' }, 'constructor'], admission: 'not-allowlisted' },
  { name: 'url: same origin and path, in another case', server: remote, allowed: [{ serverUrl: 'HTTPS://MCP.example.com/mcp' }], admission: 'allowed' },
  { name: 'url: a wildcard over the host', server: remote, allowed: [{ serverUrl: 'https://*.example.com/*' }], admission: 'allowed' },
  { name: 'url: a look-alike host does not match the wildcard', server: { name: 'r', url: 'https://mcp.example.com.evil.test/mcp' }, allowed: [{ serverUrl: 'https://*.example.com/*' }], admission: 'not-allowlisted' },
  { name: 'url: a command server never matches a URL entry', server: memory, allowed: [{ serverUrl: 'https://*' }], admission: 'not-allowlisted' },
];

const LOCK: readonly { name: string; allowed: unknown; state: McpLockState }[] = [
  { name: 'no allowlist', allowed: undefined, state: 'open' },
  { name: 'the gateway alone', allowed: LOCKED, state: 'locked' },
  { name: 'the gateway and another server', allowed: [...LOCKED, { serverName: 'github' }], state: 'wider' },
  { name: 'the gateway by name only (a workspace can reuse a name)', allowed: [{ serverName: 'Airlock' }], state: 'without-gateway' },
  { name: 'an earlier Airlock\'s path', allowed: gatewayAllowlist(['/usr/bin/node', '/old/airlock-0.0.9/dist/cli.js', 'mcp', 'serve']), state: 'without-gateway' },
  { name: 'an empty allowlist', allowed: [], state: 'without-gateway' },
];

describe('core/posture/mcpAllowlist: VS Code\'s MCP allowlist and denylist, judged as VS Code judges them', () => {
  for (const c of ADMISSION) it(c.name, () => assert.equal(mcpAdmission(c.server, c.allowed, c.denied), c.admission));
  for (const c of LOCK) it(`lock state: ${c.name}`, () => assert.equal(mcpLockState(c.allowed, GATEWAY), c.state));

  it('the lock names the gateway by its command line, a copy of it', () => {
    const command = [...GATEWAY];
    const allowlist = gatewayAllowlist(command);
    command.push('changed');
    assert.deepEqual(allowlist, [{ serverCommand: GATEWAY }]);
  });
});
