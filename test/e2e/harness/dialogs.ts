// VS Code's own UI that the guard asks through: modal dialogs (`showWarningMessage` with
// `modal: true` renders as `.monaco-dialog-box`) and quick input (quick picks and input boxes
// share `.quick-input-widget`). Every wait is bounded and reports what was on screen.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_WAIT_MS, waitForValue } from './waitFor';

export interface DialogSnapshot {
  /** The message (the dialog's title line). */
  message: string;
  /** The detail text under it. */
  detail: string;
  /** The button labels, in order. */
  buttons: string[];
}

/** The notification toasts (bottom right) that contain `text`. */
export function toastWith(page: Page, text: string): Locator {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
}

export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

export async function readDialog(page: Page): Promise<DialogSnapshot> {
  const dialog = modalDialog(page);
  return {
    message: ((await dialog.locator('.dialog-message-text').allInnerTexts()).join(' ')).trim(),
    detail: ((await dialog.locator('.dialog-message-detail').allInnerTexts()).join('\n')).trim(),
    buttons: (await dialog.locator('a.monaco-button').allInnerTexts()).map((label) => label.trim()),
  };
}

/** Waits for a modal dialog whose message matches, and returns what it shows. */
export async function waitForDialog(page: Page, message: RegExp | string, timeoutMs = DEFAULT_WAIT_MS): Promise<DialogSnapshot> {
  return waitForValue(
    `a modal dialog (.monaco-dialog-box) saying ${String(message)}`,
    async () => ((await modalDialog(page).isVisible()) ? readDialog(page) : { message: '(no dialog)', detail: '', buttons: [] }),
    (seen) => (typeof message === 'string' ? seen.message.includes(message) : message.test(seen.message)),
    timeoutMs,
  );
}

/** Clicks the dialog button labelled exactly `label` and waits for the dialog to close. */
/** The dialog's Allow button for this one request (not a session grant), which it must offer. */
export function allowLabel(dialog: DialogSnapshot): string {
  const label = dialog.buttons.find((button) => button.startsWith('Allow') && !button.includes('session'));
  assert.ok(label, `the dialog offers Allow: ${JSON.stringify(dialog.buttons)}`);
  return label;
}

export async function clickDialogButton(page: Page, label: string): Promise<void> {
  const dialog = modalDialog(page);
  await dialog.locator('a.monaco-button').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Asserts no modal dialog shows up within `ms` (for "is not asked again"). */
export async function expectNoDialogFor(page: Page, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await modalDialog(page).isVisible()) {
      const seen = await readDialog(page);
      throw new Error(`a modal dialog appeared when none was expected: ${JSON.stringify(seen)}`);
    }
    await page.waitForTimeout(100);
  }
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

export interface QuickInputSnapshot {
  title: string;
  /** The visible rows' texts (label, description and detail run together). */
  rows: string[];
}

export async function readQuickInput(page: Page): Promise<QuickInputSnapshot> {
  const widget = quickInput(page);
  return {
    title: ((await widget.locator('.quick-input-title').allInnerTexts()).join(' ')).trim(),
    rows: (await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim()),
  };
}

/** Waits for a quick pick or input box whose title matches. */
export async function waitForQuickInput(page: Page, title: RegExp, timeoutMs = DEFAULT_WAIT_MS): Promise<QuickInputSnapshot> {
  return waitForValue(
    `a quick input titled ${String(title)}`,
    async () => ((await quickInput(page).isVisible()) ? readQuickInput(page) : { title: '(no quick input)', rows: [] }),
    (seen) => title.test(seen.title),
    timeoutMs,
  );
}

/** Clicks the quick-pick row whose text contains `text`. */
export async function pickRow(page: Page, text: string | RegExp): Promise<void> {
  await quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first().click();
}

/** Types into the quick input's box and presses Enter. */
export async function submitInput(page: Page, value: string): Promise<void> {
  const input = quickInput(page).locator('input');
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Answers an approval dialog with "Deny…" and gives `reason` in the box that follows. Typed only
 * once that box is the one open ("why deny?"): a CI run filled a quick input still closing, and
 * the denial went through without its reason.
 */
export async function denyWithReason(page: Page, reason: string): Promise<void> {
  await clickDialogButton(page, 'Deny…');
  await waitForQuickInput(page, /why deny/i);
  const input = quickInput(page).locator('input');
  await input.fill(reason);
  await waitForValue('the reason in the box', () => input.inputValue(), (value) => value === reason);
  await input.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
