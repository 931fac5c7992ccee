// Driving the VS Code workbench itself (not the Airlock webview): the command palette, and
// changing user settings in a way code-server actually applies.
import type { Locator, Page } from 'playwright-core';
import { writeUserSettings } from '../../../scripts/lib/codeServer';
import { waitForValue } from './waitFor';

const PALETTE_TIMEOUT_MS = 10_000;

/** Puts keyboard focus in the workbench (the editor area): F1 would go to the chat webview while it has focus. */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('[id="workbench.parts.editor"]').click();
}

/**
 * Opens the command palette and answers its input once visible. F1 can be lost (focus in a
 * webview, or the last quick input still closing; seen once in a cold CI run): then focus the
 * editor area and press it again, a bounded number of times.
 */
export async function openPalette(page: Page): Promise<Locator> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('F1');
    if (await input.waitFor({ state: 'visible', timeout: PALETTE_TIMEOUT_MS / 2 }).then(() => true, () => false)) return input;
    await focusWorkbench(page);
  }
  throw new Error('the command palette did not open after three presses of F1');
}

/** Runs a command by its palette title (F1, type, pick the row whose label is exactly that title). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await startCommand(page, title);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: PALETTE_TIMEOUT_MS });
}

/**
 * Picks a command in the palette and returns at once: for a command that opens its own quick
 * pick, input box or dialog, where waiting for the palette to close would race with that.
 */
export async function startCommand(page: Page, title: string): Promise<void> {
  const input = await openPalette(page);
  await input.fill(`>${title}`);
  // Fuzzy matching may rank "File: Save All" next to "File: Save": pick the exact label. With the
  // keyboard, not a click: a hover card left by the mouse can cover the row and swallow a click.
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name').getByText(title, { exact: true }) });
  await row.first().waitFor({ timeout: PALETTE_TIMEOUT_MS });
  const target = Number(await row.first().getAttribute('data-index'));
  const focused = page.locator('.quick-input-list .monaco-list-row.focused');
  for (let step = 0; step < 50; step++) {
    const current = Number(await focused.first().getAttribute('data-index', { timeout: PALETTE_TIMEOUT_MS }));
    if (current === target) break;
    await page.keyboard.press(current < target ? 'ArrowDown' : 'ArrowUp');
  }
  await page.keyboard.press('Enter');
}

/**
 * Rewrites `<userDataDir>/User/settings.json` and makes VS Code apply it.
 *
 * Writing the file alone is not enough under code-server 4.139 (VS Code server + web
 * workbench): its trace log shows the server's watcher reporting `[CHANGED] …/User/settings.json`,
 * yet the workbench never re-reads the file, so the change never reaches the extension (see
 * gitpod-io/openvscode-server#294 for the same behaviour). A write made through VS Code does
 * apply — so the file is opened, reverted to what is on disk, and saved from the editor.
 */
export async function applyUserSettings(page: Page, userDataDir: string, settings: Record<string, unknown>): Promise<void> {
  writeUserSettings(userDataDir, settings);
  await focusWorkbench(page);
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await waitForActiveTab(page, 'settings.json');
  // An editor model kept from an earlier opening may be stale: reload it from disk.
  await runCommand(page, 'File: Revert File');
  const expectedLines = JSON.stringify(settings, null, 2).split('\n').map((line) => line.trim());
  await waitForValue(
    'the settings editor to show the new settings.json',
    () => activeEditorText(page),
    (text) => expectedLines.every((line) => text.includes(line)),
  );
  await saveSettingsEditor(page);
}

/**
 * Saves the focused settings editor, which shows what is on disk, and closes it. A character is
 * typed and taken back first: the editor is then dirty, so the save is a real write through VS
 * Code (what makes the workbench apply the file), never a save of an unchanged file that may be
 * skipped. A cold CI run once saw a user setting written this way not applied within 30 s.
 */
export async function saveSettingsEditor(page: Page): Promise<void> {
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ');
  await page.keyboard.press('Backspace');
  await runCommand(page, 'File: Save');
  // The save is asynchronous: closing a tab still dirty asks "Do you want to save…" (seen once in
  // a cold CI run, where the dialog then met the next test). Close only once the tab is clean.
  const dirty = page.locator('.editor-group-container.active .tab.active.dirty');
  await waitForValue('the settings editor to be saved', () => dirty.count(), (count) => count === 0, PALETTE_TIMEOUT_MS);
  await runCommand(page, 'View: Close Editor');
}

/**
 * Waits until the active editor tab is the file named: a command that opens an editor returns
 * before the editor is there, and "File: Revert File" is offered only once it is.
 */
export async function waitForActiveTab(page: Page, name: string): Promise<void> {
  const activeTab = page.locator('.editor-group-container.active .tab.active').first();
  await waitForValue(`${name} to be the active editor tab`, () => activeTab.getAttribute('data-resource-name').catch(() => ''), (text) => text === name, PALETTE_TIMEOUT_MS);
}

/** The visible lines of the focused editor, spaces normalised. */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = await page.locator('.monaco-editor.focused .view-lines .view-line').allInnerTexts();
  // Monaco renders spaces as non-breaking spaces.
  return lines.map((line) => line.replace(/\u00a0/g, ' ').trim()).join('\n');
}

/**
 * Opens a workspace file through Quick Open once its row leads the list: before the search
 * answers, the first row is a recently opened file (the settings editor, say), and Enter would
 * open that instead.
 */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(relativePath);
  const name = relativePath.split('/').pop() ?? relativePath;
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await waitForValue(`Quick Open to list ${relativePath} first`, () => first.innerText().catch(() => ''), (text) => text.includes(name), PALETTE_TIMEOUT_MS);
  await page.keyboard.press('Enter');
  await waitForActiveTab(page, name);
  // A file opened before comes back scrolled where it was left; the tests read its first lines.
  await moveCursorToStart(page);
}

/**
 * Puts the cursor of the active editor at line 1, column 1, and waits until the status bar says
 * so. One key press is not enough: under load the keyboard focus can stay with the view that had
 * it (the chat webview), and an editor opened again restores its old cursor after the press (a
 * CI run saw code inserted mid-line, where money.ts had last been left).
 */
export async function moveCursorToStart(page: Page): Promise<void> {
  const position = page.locator('[id="status.editor.selection"]');
  await waitForValue(
    'the cursor at Ln 1, Col 1',
    async () => {
      // Give the editor the focus the way a user would, with a click.
      if ((await page.locator('.monaco-editor.focused').count()) === 0) {
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
      }
      await page.keyboard.press('Control+Home');
      return (await position.innerText().catch(() => '')).trim();
    },
    (text) => /^Ln 1, Col 1\b/.test(text),
    PALETTE_TIMEOUT_MS,
  );
}
