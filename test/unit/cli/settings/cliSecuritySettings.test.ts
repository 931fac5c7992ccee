import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceSettingStore } from '../../../../src/core/settings/workspaceSettingStore';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { PolicyWorkspace } from '../policyCliFixtures';

// `airlock doctor` and `airlock policy show` say what the extension would use in a folder and
// where it comes from: the options stand for the user's settings, and the repository's
// .vscode/settings.json counts only when stricter or approved in Airlock's own store.

interface Servers {
  readonly user: FixtureModelServer;
  readonly repo: FixtureModelServer;
}

interface Row {
  readonly attack: string;
  /** The workspace's .vscode/settings.json, as text (comments allowed, as in VS Code). */
  readonly settings: (servers: Servers) => string;
  /** Values the user approved for this workspace in the store, by setting. */
  readonly approved?: (servers: Servers) => readonly [string, string][];
  readonly argv: (servers: Servers) => string[];
  readonly code: number;
  readonly stdout: (servers: Servers) => readonly (RegExp | string)[];
  /** Requests the repository's server must have seen. */
  readonly repoRequests?: number;
}

const ROWS: readonly Row[] = [
  {
    attack: 'doctor: the repository names its own server; the user\'s is probed, the repository\'s never',
    settings: ({ repo }) => JSON.stringify({ 'airlock.model.baseUrl': repo.baseUrl }),
    argv: ({ user }) => ['doctor', '--base-url', user.baseUrl, '--model', 'fixture-model'],
    code: 0,
    stdout: ({ user, repo }) => [`${user.baseUrl} (from --base-url)`, `airlock.model.baseUrl = "${repo.baseUrl}": ignored until you approve it`, 'Review Workspace Settings'],
    repoRequests: 0,
  },
  {
    attack: 'doctor: the repository\'s server once the user approved that exact value',
    settings: ({ repo }) => JSON.stringify({ 'airlock.model.baseUrl': repo.baseUrl }),
    approved: ({ repo }) => [['airlock.model.baseUrl', repo.baseUrl]],
    argv: ({ user }) => ['doctor', '--base-url', user.baseUrl, '--model', 'fixture-model'],
    code: 0,
    stdout: ({ repo }) => [`${repo.baseUrl} (from approved for this workspace)`, 'applied: you approved it'],
    repoRequests: 1,
  },
  {
    attack: 'doctor: a value changed after the approval is ignored again',
    settings: ({ repo }) => JSON.stringify({ 'airlock.model.baseUrl': `http://localhost:${repo.port}/v1` }),
    approved: ({ repo }) => [['airlock.model.baseUrl', repo.baseUrl]],
    argv: ({ user }) => ['doctor', '--base-url', user.baseUrl, '--model', 'fixture-model'],
    code: 0,
    stdout: ({ user, repo }) => [`${user.baseUrl} (from --base-url)`, `"http://localhost:${repo.port}/v1": ignored until you approve it`],
    repoRequests: 0,
  },
  {
    attack: 'doctor: a settings file with comments and trailing commas is read as VS Code reads it',
    settings: () => '// the repository\'s model\n{ "airlock.model.name": "evil-finetune", }\n',
    argv: ({ user }) => ['doctor', '--base-url', user.baseUrl, '--model', 'fixture-model'],
    code: 0,
    stdout: () => ['fixture-model (from --model)', 'airlock.model.name = "evil-finetune": ignored until you approve it'],
  },
  {
    attack: 'policy show: the repository loosens --pack strict to default; strict stays',
    settings: () => JSON.stringify({ 'airlock.policy.pack': 'default' }),
    argv: () => ['policy', 'show', '--pack', 'strict'],
    code: 0,
    stdout: () => ['Pack source: --pack', 'airlock.policy.pack = "default": ignored until you approve it', /^Pack: strict/m],
  },
  {
    attack: 'policy show: a stricter pack from the workspace applies without approval',
    settings: () => JSON.stringify({ 'airlock.policy.pack': 'strict' }),
    argv: () => ['policy', 'show'],
    code: 0,
    stdout: () => ['Pack source: workspace, stricter', /^Pack: strict/m],
  },
  {
    attack: 'policy show: the repository points the managed policy at its own file',
    settings: () => JSON.stringify({ 'airlock.policy.managedPath': '.airlock/managed.yaml', 'airlock.audit.path': '/dev/null' }),
    argv: () => ['policy', 'show'],
    code: 0,
    stdout: () => ['airlock.policy.managedPath = ".airlock/managed.yaml": ignored: read from user settings only', 'airlock.audit.path = "/dev/null": ignored: read from user settings only', /^Pack: default/m],
  },
  {
    attack: 'policy show: a "__proto__" key in the settings file sets nothing',
    settings: () => '{ "__proto__": { "airlock.policy.pack": "strict" }, "constructor": "x" }',
    argv: () => ['policy', 'show', '--pack', 'default'],
    code: 0,
    // No "Workspace asks" line between the source and the policy: nothing was read from those keys.
    stdout: () => [/^Pack: default.*\nPack source: --pack\nSources/],
  },
];

describe('airlock doctor and policy show: settings a workspace asks for', () => {
  let servers: Servers;

  before(async () => {
    servers = { user: await startFixtureModelServer(), repo: await startFixtureModelServer() };
  });
  after(async () => {
    await servers.user.close();
    await servers.repo.close();
  });

  for (const row of ROWS) {
    it(row.attack, async () => {
      const workspace = new PolicyWorkspace();
      servers.repo.requests.length = 0;
      try {
        mkdirSync(join(workspace.folder, '.vscode'));
        writeFileSync(join(workspace.folder, '.vscode', 'settings.json'), row.settings(servers));
        const store = new WorkspaceSettingStore(workspace.configDir);
        for (const [setting, value] of row.approved?.(servers) ?? []) await store.approve(workspace.folder, setting, value);
        const run = await workspace.run(row.argv(servers));
        assert.equal(run.code, row.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
        for (const expected of row.stdout(servers)) {
          if (typeof expected === 'string') assert.ok(run.stdout.includes(expected), `stdout has "${expected}":\n${run.stdout}`);
          else assert.match(run.stdout, expected);
        }
        if (row.repoRequests !== undefined) assert.equal(servers.repo.requests.length, row.repoRequests, 'requests the repository\'s server saw');
      } finally {
        workspace.remove();
      }
    });
  }
});
