import assert from 'node:assert/strict';
import { describeLoosening } from '../../../../src/core/policy/policyLoosening';
import { policyPackSchema, type PolicyPack } from '../../../../src/core/policy/policySchema';
import { builtinPack, mergedPolicy, type OverlayBody } from './policyFixtures';

interface Case {
  /** What the overlay slips in. */
  readonly name: string;
  readonly pack?: PolicyPack;
  readonly overlay: OverlayBody;
  readonly loosens: readonly string[];
}

/** A pack with one server on and one off, as an organisation's own pack could have them. */
const WITH_SERVERS = policyPackSchema.parse({
  version: 1,
  name: 'default',
  mcp: {
    servers: {
      memory: { stdio: { command: 'node', args: ['memory.js'], env: ['MEMORY_FILE_PATH'] }, tools: { allow: ['read_graph'], readonly: ['read_graph'], risk: { 'delete_*': 'critical' } }, readonly: true },
      git: { enabled: false, stdio: { command: 'uvx', args: ['mcp-server-git'] }, tools: { allow: ['git_status'] } },
    },
  },
});

const cases: readonly Case[] = [
  {
    name: 'a stdio server with a secret, tools, write, egress and sampling: one sentence names all of it',
    overlay: { mcp: { servers: { search: { stdio: { command: 'npx', args: ['-y', 'brave-search-mcp'], env: ['BRAVE_API_KEY'] }, tools: { allow: ['web_search', 'local_*'], risk: { web_search: 'low' } }, write: true, egress: ['api.search.brave.com'], sampling: true, storageMb: 500 } } } },
    loosens: ['mcp: adds the server "search", which runs `npx -y brave-search-mcp` in the sandbox; gets the environment variables BRAVE_API_KEY; offers the tools web_search, local_*; asks less often for web_search (low risk); may write to the workspace; may reach api.search.brave.com through the egress proxy; may ask to use your model (sampling; each request still asks you); gets 500 MB of its own storage'],
  },
  {
    name: 'an http server that offers nothing yet is still named, with its URL',
    overlay: { mcp: { servers: { remote: { http: { url: 'https://mcp.example.com/mcp' } } } } },
    loosens: ['mcp: adds the server "remote", which is reached at https://mcp.example.com/mcp; offers no tools yet (tools.allow is empty)'],
  },
  {
    name: 'an argument with a newline and a bidi control cannot fake a line of the dialog',
    overlay: { mcp: { servers: { x: { stdio: { command: 'node', args: ['a.js\nmcp: nothing else', 'b\u202Ec'] } } } } },
    loosens: ['mcp: adds the server "x", which runs `node "a.js\\u{a}mcp: nothing else" "b\\u{202e}c"` in the sandbox; offers no tools yet (tools.allow is empty); gets 100 MB of its own storage'],
  },
  {
    name: 'a server that runs a script of the repository: the approval says the script can change after it',
    overlay: { mcp: { servers: { local: { stdio: { command: 'node', args: ['./tools/mcp.js'] } }, bin: { stdio: { command: 'scripts/server' } } } } },
    loosens: [
      'mcp: adds the server "local", which runs `node ./tools/mcp.js` in the sandbox (a file of the workspace, which can change after you approve); offers no tools yet (tools.allow is empty); gets 100 MB of its own storage',
      'mcp: adds the server "bin", which runs `scripts/server` in the sandbox (a file of the workspace, which can change after you approve); offers no tools yet (tools.allow is empty); gets 100 MB of its own storage',
    ],
  },
  {
    name: 'a server added but left off loosens nothing',
    overlay: { mcp: { servers: { search: { enabled: false, http: { url: 'https://mcp.example.com/mcp' } } } } },
    loosens: [],
  },
  {
    name: 'a pack server switched on is described whole',
    pack: WITH_SERVERS,
    overlay: { mcp: { servers: { git: { enabled: true } } } },
    loosens: ['mcp: switches on the server "git", which runs `uvx mcp-server-git` in the sandbox; offers the tools git_status; gets 100 MB of its own storage'],
  },
  {
    name: 'a server already on: each widening its own sentence',
    pack: WITH_SERVERS,
    overlay: { mcp: { servers: { memory: { stdio: { command: 'npx', args: ['-y', 'other-memory'], env: ['MEMORY_FILE_PATH', 'AWS_SECRET_ACCESS_KEY'] }, tools: { allow: ['delete_entities'], readonly: ['delete_entities'], risk: { 'delete_*': 'low' } }, write: true, sampling: true, egress: ['exfil.example.com'], storageMb: 1000, limits: { callsPerMinute: 600 } } } } },
    loosens: [
      'mcp: the server "memory" now runs `npx -y other-memory` in the sandbox (it runs `node memory.js` in the sandbox)',
      'mcp: gives the server "memory" the environment variables AWS_SECRET_ACCESS_KEY',
      'mcp: offers the tools delete_entities of the server "memory" (tools.allow)',
      'mcp: offers delete_entities of the server "memory" as read-only tools (tools.readonly)',
      'mcp: lets the server "memory" write to the workspace (write)',
      'mcp: lets the server "memory" ask to use your model (sampling; each request still asks you)',
      'mcp: lets the server "memory" reach exfil.example.com through the egress proxy (egress)',
      'mcp: raises mcp.servers.memory.storageMb from 100 to 1000',
      'mcp: raises mcp.servers.memory.limits.callsPerMinute from 30 to 600',
      'mcp: lowers the risk of mcp.memory.delete_* from critical to low',
    ],
  },
  {
    name: 'an exception for one tool under a critical glob: compared with what the glob gave it',
    pack: WITH_SERVERS,
    overlay: { mcp: { servers: { memory: { tools: { risk: { delete_entities: 'low' } } } } } },
    loosens: ['mcp: lowers the risk of mcp.memory.delete_entities from critical to low'],
  },
  {
    name: 'read-only switched off',
    pack: WITH_SERVERS,
    overlay: { mcp: { servers: { memory: { readonly: false } } } },
    loosens: ['mcp: offers every allowed tool of the server "memory", not only the read-only ones (readonly)'],
  },
  {
    name: 'only narrowing: a higher risk for every tool, lower limits and storage',
    pack: WITH_SERVERS,
    overlay: { mcp: { servers: { memory: { tools: { risk: { '*': 'critical' } }, limits: { callsPerMinute: 1 }, storageMb: 10 } } } },
    loosens: [],
  },
  {
    name: 'a server switched off: what else the overlay gives it does not run, so it loosens nothing',
    pack: WITH_SERVERS,
    overlay: { mcp: { servers: { memory: { enabled: false, write: true, egress: ['exfil.example.com'] } } } },
    loosens: [],
  },
];

describe('what an overlay\'s mcp section loosens (shown in the approval dialog)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const pack = c.pack ?? builtinPack('default');
      assert.deepEqual(describeLoosening(pack, mergedPolicy(c.overlay, undefined, pack)), c.loosens);
    });
  }
});
