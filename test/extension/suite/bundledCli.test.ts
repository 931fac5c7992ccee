import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { airlockExtension, airlockManifest } from './airlockExtension';

// A user who installed only the VSIX runs the CLI shipped inside it (README: "After installing
// the VSIX"). Run it the way the README says, with a Node ≥ 22.19: here the extension host's own.
suite('the airlock CLI shipped in the VSIX', () => {
  let workspace: string;
  let configDir: string;

  suiteSetup(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'airlock-bundled-cli-ws-'));
    configDir = mkdtempSync(path.join(tmpdir(), 'airlock-bundled-cli-config-'));
  });
  suiteTeardown(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  });

  function runInstalledCli(args: readonly string[]) {
    const cli = path.join(airlockExtension().extensionPath, 'dist', 'cli.js');
    return spawnSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AIRLOCK_CONFIG_DIR: configDir },
    });
  }

  test('--version prints the version of the installed extension', () => {
    const run = runInstalledCli(['--version']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), (airlockManifest() as { version?: string }).version);
  });

  test('policy show reads the built-in pack shipped beside it in the extension folder', () => {
    const run = runInstalledCli(['policy', 'show', '--json', '--workspace', workspace]);
    assert.equal(run.status, 0, run.stderr);
    const shown = JSON.parse(run.stdout) as { packName: string; sources: { kind: string; file: string }[] };
    assert.equal(shown.packName, 'default');
    const builtin = shown.sources.find((source) => source.kind === 'builtin');
    assert.equal(builtin?.file, path.join(airlockExtension().extensionPath, 'policy', 'default.yaml'));
  });
});
