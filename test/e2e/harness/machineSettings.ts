// code-server's remote settings (`<user-data>/Machine/settings.json`), where a machine-scoped
// setting such as `airlock.policy.managedPath` is read in its window: user settings do not carry
// it there. The harness keeps the user data next to the workspace.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { waitForValue } from './waitFor';
import { activeEditorText, focusWorkbench, openPalette, runCommand, saveSettingsEditor, waitForActiveTab } from './workbench';

export function machineSettingsFile(workspace: string): string {
  return path.join(path.dirname(workspace), 'user-data', 'Machine', 'settings.json');
}

/** Writes the remote settings and has VS Code apply them (revert and save in the editor, as for user settings). */
export async function applyMachineSettings(page: Page, workspace: string, settings: Record<string, unknown>): Promise<void> {
  const file = machineSettingsFile(workspace);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2));
  await focusWorkbench(page);
  // Its title ends with the remote's name, which the test does not know: pick the row by its start.
  await (await openPalette(page)).fill('>Preferences: Open Remote Settings (JSON)');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Open Remote Settings (JSON)' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await waitForActiveTab(page, 'settings.json');
  await runCommand(page, 'File: Revert File');
  const expected = Object.keys(settings);
  await waitForValue('the remote settings editor to show the new file', () => activeEditorText(page), (text) => expected.every((key) => text.includes(key)) && (expected.length > 0 || !text.includes('airlock.')));
  await saveSettingsEditor(page);
}
