import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { directServerMove, policyServerName } from '../../../../src/core/mcp/directServerPolicy';
import { policyOverlaySchema, MCP_SERVER_NAME } from '../../../../src/core/policy/policySchema';
import type { McpServerEntry } from '../../../../src/core/posture/mcpServerEntries';

const entry = (rawName: string, fields: Partial<McpServerEntry>): McpServerEntry => ({ name: rawName, rawName, ...fields });

describe('core/mcp/directServerPolicy: moving a directly configured server behind Airlock', () => {
  const names: readonly [string, string, string, boolean][] = [
    ['an ordinary name', 'memory', 'memory', false],
    ['upper case and spaces', 'My Server', 'my-server', true],
    ['digits first', '42-things', 'things', true],
    ['too long', 'a'.repeat(50), 'a'.repeat(32), true],
    ['a dot (which would split a tool id)', 'github.com', 'github-com', true],
  ];
  for (const [what, raw, expected, renamed] of names) {
    it(`server name: ${what} → ${expected}`, () => {
      const named = policyServerName(raw);
      assert.deepEqual(named, { ok: true, name: expected, renamed });
      assert.match(expected, MCP_SERVER_NAME);
    });
  }

  const refused: readonly [string, string, RegExp][] = [
    ['attack: __proto__ (would set the prototype of a plain object)', '__proto__', /every JavaScript object already has/],
    ['attack: constructor', 'constructor', /every JavaScript object already has/],
    ['attack: hasOwnProperty (shadows the check itself)', 'hasOwnProperty', /every JavaScript object already has/],
    ['attack: a name that maps to constructor', 'Constructor!', /would be named "constructor"/],
    ['only symbols', '!!!', /no letters the policy can use/],
    ['only digits', '1234', /no letters the policy can use/],
  ];
  for (const [what, raw, reason] of refused) {
    it(`refused: ${what}`, () => {
      const named = policyServerName(raw);
      assert.equal(named.ok, false);
      if (!named.ok) assert.match(named.reason, reason);
    });
  }

  it('attack: a bidi override in a name is renamed to the letters alone, never kept', () => {
    assert.deepEqual(policyServerName('\u202eevil\u200b'), { ok: true, name: 'evil', renamed: true });
  });

  const moves: readonly [string, McpServerEntry, Record<string, unknown>][] = [
    ['a stdio server keeps its command and arguments, and allows no tool yet', entry('memory', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] }), { stdio: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] }, tools: { allow: [] } }],
    ['an http server keeps its URL', entry('Remote', { url: 'https://mcp.example.com/mcp' }), { http: { url: 'https://mcp.example.com/mcp' }, tools: { allow: [] } }],
    ['attack: env values never reach the policy, only the names', entry('gh', { command: 'gh-mcp', env: ['GITHUB_TOKEN', 'API_KEY'] }), { stdio: { command: 'gh-mcp', args: [], env: ['GITHUB_TOKEN', 'API_KEY'] }, tools: { allow: [] } }],
    ['attack: an env name that is not a variable name is left out', entry('gh', { command: 'gh-mcp', env: ['GOOD', 'BAD NAME=1'] }), { stdio: { command: 'gh-mcp', args: [], env: ['GOOD'] }, tools: { allow: [] } }],
  ];
  for (const [what, server, expected] of moves) {
    it(what, () => {
      const move = directServerMove(server);
      assert.ok(move.ok);
      const document = parse(move.yaml) as { mcp: { servers: Record<string, unknown> } };
      assert.deepEqual(document.mcp.servers[move.name], expected);
      assert.deepEqual(move.server, expected);
      assert.ok(policyOverlaySchema.safeParse(document).success, 'the snippet is a valid overlay');
    });
  }

  it('says what it did not copy: env values, bad env names, a renamed server', () => {
    const move = directServerMove(entry('My GH', { command: 'gh-mcp', env: ['TOKEN', '1BAD'] }));
    assert.ok(move.ok);
    assert.equal(move.notes.length, 3);
    assert.match(move.notes.join('\n'), /named "my-gh"[\s\S]*TOKEN are named, not copied[\s\S]*"1BAD"/);
  });

  const refusedMoves: readonly [string, McpServerEntry, RegExp][] = [
    ['an entry with neither command nor URL has nothing to move', entry('broken', {}), /names no command or URL/],
    ['attack: a __proto__ server is refused, not renamed', entry('__proto__', { command: 'node' }), /every JavaScript object already has/],
  ];
  for (const [what, server, reason] of refusedMoves) {
    it(`refused: ${what}`, () => {
      const move = directServerMove(server);
      assert.equal(move.ok, false);
      if (!move.ok) assert.match(move.reason, reason);
    });
  }

  it('attack: an argument with YAML syntax or a newline stays one string', () => {
    const move = directServerMove(entry('x', { command: 'node', args: ['a: b\n- c', '#not a comment'] }));
    assert.ok(move.ok);
    const document = parse(move.yaml) as { mcp: { servers: { x: { stdio: { args: string[] } } } } };
    assert.deepEqual(document.mcp.servers.x.stdio.args, ['a: b\n- c', '#not a comment']);
  });
});
