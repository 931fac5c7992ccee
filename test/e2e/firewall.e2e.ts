// UI tests of the firewall in a real VS Code (code-server + Chromium), in the window the chat view
// is open in: the agent's `security.egress.update` tool denied and allowed through the approval
// dialog (the overlay's bytes are compared on a denial), and the palette commands that allow,
// list and remove a domain, checked against the overlay file and the `airlock` CLI.
//
// The tests run in order and share the workspace's overlay: the first denial runs while no
// overlay exists (it must not create one), the palette then creates it, and the last two tool
// calls run against that existing file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { readMessage, sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { cliFirewallList, type FirewallRow } from './harness/airlockCli';
import { clickDialogButton, closeQuickInput, denyWithReason, modalDialog, pickRow, quickInput, submitInput, toastWith, waitForDialog, waitForQuickInput } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { guardShot } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { focusWorkbench, runCommand, startCommand } from './harness/workbench';
import { chatRequests, toolMessages } from './harness/modelRequests';

const TOOL_ID = 'security.egress.update';
const EGRESS_HOST = 'api.example.org';
const PALETTE_HOST = 'docs.example.com';
const EGRESS_TITLE = `Airlock: Firewall: allow ${EGRESS_HOST} for web.fetch`;
const EGRESS_REASON = 'The build downloads its JSON schema from api.example.org.';
const DENY_REASON = 'use the staging host instead';
/** The fixture model's first answer may wait for the extension host on 2 busy cores. */
const DIALOG_WAIT_MS = 30_000;
const FILE_WAIT_MS = 15_000;

/** What a test needs to know about the overlay: its raw bytes, and its lists once parsed. */
interface OverlayState {
  bytes: Buffer | undefined;
  allow: string[];
  webFetchAllow: string[];
}

function overlayFile(): string {
  return path.join(e2e().workspace, '.airlock', 'policy', 'default.yaml');
}

function readOverlay(): OverlayState {
  const file = overlayFile();
  if (!existsSync(file)) return { bytes: undefined, allow: [], webFetchAllow: [] };
  const bytes = readFileSync(file);
  const doc = (parse(bytes.toString('utf8')) ?? {}) as { egress?: { allow?: unknown; tools?: Record<string, { allow?: unknown } | null> } };
  return { bytes, allow: strings(doc.egress?.allow), webFetchAllow: strings(doc.egress?.tools?.['web.fetch']?.allow) };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function waitForOverlay(description: string, accept: (state: OverlayState) => boolean): Promise<OverlayState> {
  // Buffers do not print well in a timeout message: report the text.
  return waitForValue(description, () => Promise.resolve(readOverlay()), accept, FILE_WAIT_MS).catch((error: unknown) => {
    const text = readOverlay().bytes?.toString('utf8') ?? '(no file)';
    throw new Error(`${error instanceof Error ? error.message.split('; last seen')[0] : String(error)}; the overlay is now:\n${text}`);
  });
}

function cliRows(): Promise<FirewallRow[]> {
  return cliFirewallList(e2e().workspace, e2e().configDir);
}

function hasRow(rows: FirewallRow[], tool: string, pattern: string): boolean {
  return rows.some((row) => row.tool === tool && row.list === 'allow' && row.pattern === pattern && row.source === 'overlay');
}

function statusBarPolicy(page: Page): Locator {
  return page.locator('.statusbar-item[id$="airlock.policy"]');
}

async function waitForStatusBar(page: Page, accept: (text: string) => boolean, description: string): Promise<string> {
  return waitForValue(`the policy status-bar item ${description}`, async () => ((await statusBarPolicy(page).innerText().catch(() => '(no item)')).trim()), accept);
}

interface EgressRequest {
  assistant: Locator;
  card: Locator;
  chatBefore: number;
}

/**
 * Scripts the model to call `security.egress.update` (add api.example.org for web.fetch) and then
 * answer `answer`; sends a prompt and waits for the approval dialog.
 */
async function agentAsksForEgress(prompt: string, answer: string, shotName: string): Promise<EgressRequest> {
  const { view, fixture, page } = e2e();
  fixture.enqueue({
    kind: 'tool-calls',
    calls: [{ name: 'security_egress_update', arguments: { action: 'add', host: EGRESS_HOST, tool: 'web.fetch', reason: EGRESS_REASON } }],
  });
  fixture.enqueue({ kind: 'text', chunks: [answer] });
  const chatBefore = chatRequests().length;
  const { assistant } = await sendPrompt(view, prompt);
  const dialog = await waitForDialog(page, EGRESS_TITLE, DIALOG_WAIT_MS);
  await guardShot(page, shotName);
  assert.equal(dialog.message, EGRESS_TITLE);
  assert.ok(dialog.buttons.includes('Add Rule') && dialog.buttons.includes('Deny…'), `the dialog offers Add Rule (it stays in the overlay) and Deny…: ${JSON.stringify(dialog.buttons)}`);
  assert.ok(!dialog.buttons.includes('Allow once'), 'a permanent rule is not offered as "Allow once"');
  assert.ok(!dialog.buttons.some((label) => /session/i.test(label)), `changing the firewall is never allowed for a whole session: ${JSON.stringify(dialog.buttons)}`);
  assert.ok(dialog.detail.includes(EGRESS_REASON), `the dialog shows the agent's reason: "${dialog.detail}"`);
  assert.ok(dialog.detail.includes('.airlock/policy/default.yaml'), `the dialog names the file: "${dialog.detail}"`);
  const card = assistant.locator(`.tool-card[data-tool="${TOOL_ID}"]`);
  return { assistant, card, chatBefore };
}

/** Waits for the turn to end and returns the tool messages the model was sent after the call. */
async function finishTurn(request: EgressRequest, cardState: 'done' | 'denied', answer: string): Promise<string[]> {
  await waitForValue(`the ${TOOL_ID} card to reach data-state="${cardState}"`, () => request.card.getAttribute('data-state'), (state) => state === cardState);
  const message = await waitForMessageState(request.assistant, 'done', 20_000);
  assert.ok(message.text.includes(answer), `the model's answer after the tool result is shown: "${message.text}"`);
  const sent = chatRequests().slice(request.chatBefore);
  assert.equal(sent.length, 2, 'two completions: the one that asked for the tool, the one after its result');
  // The history repeats earlier turns' tool results: keep the ones this turn added.
  return toolMessages(sent[1]?.body).slice(toolMessages(sent[0]?.body).length);
}

describe('Airlock firewall (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
  });

  after(async function () {
    this.timeout(30_000);
    // Leaves the window as the next UI tests expect it: no toasts over the view, no quick input.
    const { page } = e2e();
    await closeQuickInput(page).catch(() => undefined);
    await focusWorkbench(page);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Close All Editors');
  });

  it('security.egress.update denied while there is no overlay: no file appears, the card and the model say denied', async () => {
    const { page } = e2e();
    assert.equal(existsSync(overlayFile()), false, 'precondition: the workspace has no overlay yet');
    const answer = 'Understood, I will not fetch from api.example.org.';
    const request = await agentAsksForEgress('Fetch the schema from api.example.org', answer, 'egress-dialog-no-overlay');
    assert.equal(await request.card.getAttribute('data-state'), 'running', 'the card waits for the decision');

    await denyWithReason(page, DENY_REASON);
    const told = await finishTurn(request, 'denied', answer);
    await guardShot(page, 'egress-denied-no-overlay');
    assert.equal(existsSync(overlayFile()), false, 'a denial creates no overlay');
    assert.equal(existsSync(path.join(e2e().workspace, '.airlock')), false, 'nor its folder');
    assert.equal(told.length, 1, `one tool result went back to the model: ${JSON.stringify(told)}`);
    assert.match(told[0] ?? '', /denied/i);
    assert.ok(told[0]?.includes(DENY_REASON), `the model is told the user's reason: ${JSON.stringify(told)}`);
    assert.equal(hasRow(await cliRows(), 'web.fetch', EGRESS_HOST), false, 'the CLI lists no such rule');
  });

  it('Allow Domain…: an invalid pattern is refused in the box, and cancelling the confirmation writes nothing', async () => {
    const { page } = e2e();
    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Firewall: Allow Domain…');
    await waitForQuickInput(page, /allow a host for which tool/i);
    await pickRow(page, 'All tools');
    await waitForQuickInput(page, /allow a host for all tools/i);
    const input = quickInput(page).locator('input');
    await input.fill('*.com');
    // The box's prompt sits in the same place until the (debounced) validation replaces it.
    await waitForValue(
      'the input box to say the pattern is too broad',
      async () => ((await quickInput(page).locator('.quick-input-message').allInnerTexts()).join(' ')).trim(),
      (text) => /too broad/i.test(text),
    );
    await guardShot(page, 'allow-domain-invalid-pattern');
    await input.press('Enter');
    await page.waitForTimeout(500);
    assert.equal(await input.isVisible(), true, 'Enter does not accept an invalid pattern');
    assert.equal(await modalDialog(page).isVisible(), false, 'no confirmation is asked for an invalid pattern');

    await submitInput(page, PALETTE_HOST);
    const confirm = await waitForDialog(page, `allow ${PALETTE_HOST}`);
    await guardShot(page, 'allow-domain-confirm-then-cancel');
    assert.ok(confirm.buttons.includes('Allow'), `the confirmation has an Allow button: ${JSON.stringify(confirm.buttons)}`);
    await clickDialogButton(page, 'Cancel');
    await page.waitForTimeout(1_000);
    assert.equal(existsSync(overlayFile()), false, 'cancelling writes no overlay');
    assert.equal(existsSync(path.dirname(overlayFile())), false, 'nor creates its folder');
    assert.equal(hasRow(await cliRows(), '*', PALETTE_HOST), false, 'the CLI lists no such rule');
  });

  it('Allow Domain… (All tools, docs.example.com) writes the overlay; the CLI and List Rules show it', async () => {
    const { page, workspace } = e2e();
    await waitForStatusBar(page, (text) => /default deny/.test(text), 'to say default deny');
    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Firewall: Allow Domain…');
    const tools = await waitForQuickInput(page, /allow a host for which tool/i);
    await guardShot(page, 'allow-domain-pick-tool');
    assert.ok(tools.rows.some((row) => row.includes('All tools')), `"All tools" is offered: ${JSON.stringify(tools.rows)}`);
    assert.ok(tools.rows.some((row) => row.includes('web.fetch')), `web.fetch is offered: ${JSON.stringify(tools.rows)}`);
    await pickRow(page, 'All tools');
    await waitForQuickInput(page, /allow a host for all tools/i);
    // Pasted from the address bar: the box says which host it takes, and the rule names only that.
    const input = quickInput(page).locator('input');
    await input.fill(`https://${PALETTE_HOST}/guide/install?lang=en`);
    await waitForValue(
      'the input box to name the host it takes from the pasted URL',
      async () => ((await quickInput(page).locator('.quick-input-message').allInnerTexts()).join(' ')).trim(),
      (text) => text.includes(`Allows the URL's host: ${PALETTE_HOST}`),
    );
    await guardShot(page, 'allow-domain-pasted-url');
    await input.press('Enter');
    const confirm = await waitForDialog(page, `allow ${PALETTE_HOST}`);
    await guardShot(page, 'allow-domain-confirm');
    assert.match(confirm.message, /every tool/);
    await clickDialogButton(page, 'Allow');

    const written = await waitForOverlay(`${PALETTE_HOST} under egress.allow in the overlay`, (state) => state.allow.includes(PALETTE_HOST));
    assert.deepEqual(written.webFetchAllow, [], 'nothing is added for web.fetch alone');
    await toastWith(page, `allowed ${PALETTE_HOST}`).first().waitFor();
    const statusBar = await waitForStatusBar(page, (text) => text !== '' && !/default deny/.test(text), 'to stop saying default deny');
    await guardShot(page, 'allow-domain-written');
    assert.match(statusBar, /default/, `the status bar still names the pack: "${statusBar}"`);
    assert.ok(hasRow(await cliRows(), '*', PALETTE_HOST), `airlock firewall list --workspace ${workspace} --json lists ${PALETTE_HOST} for every tool`);

    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Firewall: List Rules');
    const list = await waitForQuickInput(page, /Airlock Firewall/);
    await guardShot(page, 'list-rules');
    const row = list.rows.find((text) => text.includes(PALETTE_HOST));
    assert.ok(row !== undefined, `List Rules shows ${PALETTE_HOST}: ${JSON.stringify(list.rows)}`);
    assert.match(row, /All tools/);
    assert.match(row, /allow/);
    assert.ok(list.rows.some((text) => text.includes('169.254.169.254')), `the pack's block rules are listed too: ${JSON.stringify(list.rows)}`);
    const removable = quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: PALETTE_HOST }).locator('.codicon-trash');
    assert.ok((await removable.count()) > 0, 'the overlay rule has a remove (trash) button');
    assert.ok(list.rows.some((text) => text.includes('built-in pack "default"')), `the pack's rules name the pack, not its install path: ${JSON.stringify(list.rows)}`);
    // Choosing the row offers to remove it; cancelled here, the next test removes it another way.
    await pickRow(page, PALETTE_HOST);
    const offer = await waitForDialog(page, `remove ${PALETTE_HOST} for all tools`);
    assert.ok(offer.buttons.includes('Remove Rule'), `choosing the row offers Remove Rule: ${JSON.stringify(offer.buttons)}`);
    await clickDialogButton(page, 'Cancel');
    await closeQuickInput(page);
  });

  it('Remove Domain… takes docs.example.com away: the file and the CLI agree', async () => {
    const { page } = e2e();
    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Firewall: Remove Domain…');
    const choices = await waitForQuickInput(page, /remove a host from the workspace overlay/i);
    await guardShot(page, 'remove-domain-pick');
    assert.ok(choices.rows.some((row) => row.includes(PALETTE_HOST)), `${PALETTE_HOST} is offered for removal: ${JSON.stringify(choices.rows)}`);
    await pickRow(page, PALETTE_HOST);

    const after = await waitForOverlay(`${PALETTE_HOST} to leave the overlay`, (state) => state.bytes !== undefined && !state.allow.includes(PALETTE_HOST));
    assert.ok(!after.bytes?.toString('utf8').includes(PALETTE_HOST), 'the file no longer mentions it');
    await toastWith(page, `removed ${PALETTE_HOST}`).first().waitFor();
    await waitForStatusBar(page, (text) => /default deny/.test(text), 'to say default deny again');
    await guardShot(page, 'remove-domain-done');
    assert.equal(hasRow(await cliRows(), '*', PALETTE_HOST), false, 'the CLI no longer lists it');
  });

  it('security.egress.update denied with an overlay in place leaves its bytes unchanged', async () => {
    const { page } = e2e();
    const before = readOverlay().bytes;
    assert.ok(before !== undefined, 'precondition: the palette tests left an overlay');
    const answer = 'Fine, no network access then.';
    const request = await agentAsksForEgress('Please fetch api.example.org again', answer, 'egress-dialog-existing-overlay');

    await denyWithReason(page, DENY_REASON);
    const told = await finishTurn(request, 'denied', answer);
    await guardShot(page, 'egress-denied-existing-overlay');
    const after = readOverlay().bytes;
    assert.ok(after !== undefined && Buffer.compare(before, after) === 0, `the overlay is byte-for-byte unchanged; now:\n${after?.toString('utf8') ?? '(no file)'}`);
    assert.equal(told.length, 1, `one tool result went back to the model: ${JSON.stringify(told)}`);
    assert.match(told[0] ?? '', /denied/i, `the model is told it was denied: ${JSON.stringify(told)}`);
  });

  it('security.egress.update allowed once: the rule lands under egress.tools.web.fetch.allow and the card says done', async () => {
    const { page } = e2e();
    const answer = 'Thanks, api.example.org is allowed for web.fetch now.';
    const request = await agentAsksForEgress('Allow api.example.org for web.fetch, please', answer, 'egress-dialog-to-allow');
    const before = readOverlay().bytes;

    // "Show Diff" opens the proposed overlay beside the current one, writes nothing, and asks again.
    await modalDialog(page).locator('a.monaco-button').filter({ hasText: /^\s*Show Diff\s*$/ }).click();
    const diff = page.locator('.monaco-diff-editor');
    await waitForValue('the diff editor to show the proposed rule', async () => (await diff.count()) > 0 && ((await diff.first().innerText()).includes(EGRESS_HOST)), Boolean);
    await waitForDialog(page, EGRESS_TITLE);
    await guardShot(page, 'egress-show-diff');
    const during = readOverlay().bytes;
    assert.ok(before !== undefined && during !== undefined && Buffer.compare(before, during) === 0, 'showing the diff writes nothing');

    await clickDialogButton(page, 'Add Rule');
    const told = await finishTurn(request, 'done', answer);
    await guardShot(page, 'egress-allowed');
    const overlay = readOverlay();
    assert.deepEqual(overlay.webFetchAllow, [EGRESS_HOST], `egress.tools.web.fetch.allow holds the host; the file:\n${overlay.bytes?.toString('utf8') ?? '(no file)'}`);
    assert.ok(!overlay.allow.includes(EGRESS_HOST), 'not for every tool');
    assert.equal(told.length, 1, `one tool result went back to the model: ${JSON.stringify(told)}`);
    assert.match(told[0] ?? '', new RegExp(`Done: allowed ${EGRESS_HOST.replaceAll('.', '\\.')}`), `the model is told it is done: ${JSON.stringify(told)}`);
    assert.ok(hasRow(await cliRows(), 'web.fetch', EGRESS_HOST), 'the CLI lists it for web.fetch');
    assert.equal((await readMessage(request.assistant)).state, 'done');
  });
});
