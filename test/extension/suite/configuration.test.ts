import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { airlockManifest } from './airlockExtension';

suite('configuration and manifest', () => {
  test('model settings default to a local Ollama', () => {
    const config = vscode.workspace.getConfiguration('airlock');
    assert.equal(config.inspect<string>('model.baseUrl')?.defaultValue, 'http://127.0.0.1:11434/v1');
    assert.equal(config.inspect<string>('model.name')?.defaultValue, 'qwen2.5-coder');
  });

  test('untrusted workspaces get limited support', () => {
    assert.equal(airlockManifest().capabilities?.untrustedWorkspaces?.supported, 'limited');
  });
});
