import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { CONTRIBUTED_COMMANDS, airlockExtension, airlockManifest, waitFor } from './airlockExtension';
import { EXTENSIONS_DIR_ENV } from './suiteEnv';

suite('activation', () => {
  test('Airlock is installed from the VSIX and not active at startup', () => {
    const extension = airlockExtension();
    // The runner names the extensions dir it installed into: the packaged VSIX is under test,
    // not a development copy of the repo.
    const extensionsDir = process.env[EXTENSIONS_DIR_ENV];
    assert.ok(extensionsDir, `${EXTENSIONS_DIR_ENV} is not set: run the suite through test/extension/runIn*.ts`);
    assert.equal(path.dirname(extension.extensionUri.fsPath), path.resolve(extensionsDir));
    assert.equal(extension.isActive, false, 'Airlock must activate only on its view or a command');
  });

  test('the manifest has no startup activation event', () => {
    const startup = (airlockManifest().activationEvents ?? []).filter((event) => event === '*' || event === 'onStartupFinished');
    assert.deepEqual(startup, []);
  });

  test('focusing the chat view activates Airlock', async () => {
    const extension = airlockExtension();
    await vscode.commands.executeCommand('airlock.chat.focus');
    await waitFor(() => extension.isActive, 'Airlock to activate');
  });

  test('every contributed command is registered', async () => {
    const contributed = (airlockManifest().contributes?.commands ?? []).map((c) => c.command).sort();
    assert.deepEqual(contributed, [...CONTRIBUTED_COMMANDS].sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = CONTRIBUTED_COMMANDS.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });
});
