import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { CONTRIBUTED_COMMANDS, airlockExtension, airlockManifest, waitFor } from './airlockExtension';
import { EXTENSIONS_DIR_ENV } from './suiteEnv';

suite('activation', () => {
  test('Airlock is installed from the VSIX', () => {
    const extension = airlockExtension();
    // The runner names the extensions dir it installed into: the packaged VSIX is under test,
    // not a development copy of the repo.
    const extensionsDir = process.env[EXTENSIONS_DIR_ENV];
    assert.ok(extensionsDir, `${EXTENSIONS_DIR_ENV} is not set: run the suite through test/extension/runIn*.ts`);
    assert.equal(path.dirname(extension.extensionUri.fsPath), path.resolve(extensionsDir));
  });

  test('the manifest activates after startup, never during it ("*")', () => {
    const events = airlockManifest().activationEvents ?? [];
    assert.equal(events.includes('*'), false, 'activating during startup would delay the window');
    assert.ok(events.includes('onStartupFinished'), 'the guard\'s status bar item must show without the chat view being opened');
  });

  test('Airlock activates on its own once startup has finished: no view opened, no command run', async () => {
    const extension = airlockExtension();
    await waitFor(() => extension.isActive, 'Airlock to activate after startup');
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
