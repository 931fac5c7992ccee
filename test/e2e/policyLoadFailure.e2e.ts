// Issue 16 in a real VS Code (code-server + Chromium): the scripted model asks for a firewall rule
// for the tool `constructor`, and a hand edit makes the workspace overlay unloadable.
//  - The unknown tool is refused before any dialog (the turn could not finish while a dialog
//    waited), the model is told which tools exist, and the next message still gets the tools.
//  - The unloadable overlay is loud (panel banner, status bar error, a notification) and
//    "Airlock: Firewall: Remove Domain…" repairs it from the entries that stand in the file.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { clickDialogButton, closeQuickInput, modalDialog, pickRow, toastWith, waitForDialog, waitForQuickInput } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { guardShot } from './harness/stepShots';
import { sleep, waitForValue } from './harness/waitFor';
import { focusWorkbench, runCommand, startCommand } from './harness/workbench';
import { chatRequests, toolMessages } from './harness/modelRequests';

const TOOL_ID = 'security.egress.update';
/** Allows every host: the loader refuses it, so the whole overlay cannot load. */
const UNLOADABLE = 'version: 1\negress:\n  allow: ["*", docs.example.com]\n';
/**
 * A model endpoint that is not on this machine: refused by the loader, outside the egress section.
 * pypi.org makes the repaired file new content (without it, the repair gives back exactly the
 * file approved in the test before, which needs no second approval).
 */
const UNLOADABLE_ENDPOINT = 'version: 1\nmodel:\n  endpoints: ["evil.example.com"]\negress:\n  allow: [docs.example.com, pypi.org]\n';
const WAIT_MS = 30_000;

function overlayFile(): string {
  return path.join(e2e().workspace, '.airlock', 'policy', 'default.yaml');
}

function offeredTools(body: unknown): string[] {
  const tools = (body as { tools?: unknown } | undefined)?.tools;
  return Array.isArray(tools) ? tools.map((tool: unknown) => String((tool as { function?: { name?: unknown } }).function?.name)) : [];
}

function statusBarPolicy(page: Page): Locator {
  return page.locator('.statusbar-item[id$="airlock.policy"]');
}

function waitForStatusBar(page: Page, accept: (text: string) => boolean, description: string): Promise<string> {
  return waitForValue(`the policy status-bar item ${description}`, async () => (await statusBarPolicy(page).innerText().catch(() => '(no item)')).trim(), accept, WAIT_MS);
}

function bannerText(): Promise<string> {
  const banner = e2e().view.locator('#policy-banner');
  return banner.isHidden().then((hidden) => (hidden ? '(hidden)' : banner.innerText()));
}

describe('Airlock: a policy that cannot load, and a tool that does not exist (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
  });

  after(async function () {
    this.timeout(30_000);
    const { page } = e2e();
    rmSync(overlayFile(), { force: true });
    await closeQuickInput(page).catch(() => undefined);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Close All Editors');
  });

  it('a rule for the tool "constructor": no dialog, the model is told the tool is unknown, and the next message still gets the tools', async () => {
    const { view, fixture, page } = e2e();
    const overlayBefore = existsSync(overlayFile()) ? readFileSync(overlayFile()) : undefined;
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'security_egress_update', arguments: { action: 'add', host: 'exfil.example.com', tool: 'constructor', reason: 'a harmless helper' } }] });
    fixture.enqueue({ kind: 'text', chunks: ['Understood, there is no such tool.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Allow exfil.example.com for constructor');
    const card = assistant.locator(`.tool-card[data-tool="${TOOL_ID}"]`);
    await waitForValue('the tool card to end in an error', () => card.getAttribute('data-state'), (state) => state === 'error', WAIT_MS);
    // The call waits for its approval before the model may answer: a finished turn proves no dialog asked.
    await waitForMessageState(assistant, 'done', WAIT_MS);
    assert.equal(await modalDialog(page).isVisible(), false, 'no dialog about a tool that does not exist');
    await guardShot(page, 'unknown-tool-refused');
    const sent = chatRequests().slice(before);
    const told = toolMessages(sent[1]?.body).slice(toolMessages(sent[0]?.body).length);
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.match(told[0] ?? '', /"constructor" is not a tool Airlock knows; known tools: .*web\.fetch/);
    assert.deepEqual(existsSync(overlayFile()) ? readFileSync(overlayFile()) : undefined, overlayBefore, 'the overlay is untouched');

    fixture.enqueue({ kind: 'text', chunks: ['Still here.'] });
    const next = await sendPrompt(view, 'Are your tools still there?');
    await waitForMessageState(next.assistant, 'done', WAIT_MS);
    assert.ok(offeredTools(chatRequests().at(-1)?.body).includes('security_egress_update'), 'the second message is offered the agent\'s tools');
  });

  it('a hand edit makes the overlay unloadable: banner, status-bar error and a notification; Firewall: Remove Domain… repairs it', async () => {
    const { view, page } = e2e();
    mkdirSync(path.dirname(overlayFile()), { recursive: true });
    writeFileSync(overlayFile(), UNLOADABLE);

    const banner = await waitForValue('the policy banner in the panel', bannerText, (text) => text.includes('The policy failed to load'), WAIT_MS);
    assert.match(banner, /\.airlock\/policy\/default\.yaml:3:\d+: egress\.allow\[0\]/, 'the banner names file and field');
    assert.match(banner, /Agent tools are off until it is fixed/);
    assert.equal(await view.locator('#policy-open-file').isVisible(), true, 'the banner offers Open File');
    await waitForStatusBar(page, (text) => text.includes('policy error'), 'to show the error');
    await waitForValue('one notification naming the file', () => toastWith(page, 'the policy failed to load').count(), (count) => count === 1, WAIT_MS);
    await guardShot(page, 'policy-unloadable');

    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Firewall: Remove Domain…');
    await waitForQuickInput(page, /remove a host from the workspace overlay/i);
    await pickRow(page, /^\s*\*\s*All tools · allow/);
    // The repaired file loads, but Airlock did not write it from a loadable file: it asks first.
    await waitForDialog(page, 'Airlock: approve the workspace policy overlay?', WAIT_MS);
    await clickDialogButton(page, 'Approve Overlay');

    await waitForValue('the banner to go', bannerText, (text) => text === '(hidden)', WAIT_MS);
    await waitForStatusBar(page, (text) => !text.includes('policy error'), 'to leave the error state');
    const repaired = readFileSync(overlayFile(), 'utf8');
    assert.doesNotMatch(repaired, /"\*"/);
    assert.match(repaired, /docs\.example\.com/, 'the other entry stays');
    await guardShot(page, 'policy-repaired');
  });

  it('an overlay that cannot load because of an entry outside egress (a remote model endpoint) is repaired from the same palette command', async () => {
    const { page } = e2e();
    // Seen here: a hand edit landing within a second of the repair's own write was not reported by
    // VS Code's file watcher (the two were taken as one change). Let the repair's write settle.
    await sleep(2_000);
    writeFileSync(overlayFile(), UNLOADABLE_ENDPOINT);
    const banner = await waitForValue('the policy banner in the panel', bannerText, (text) => text.includes('The policy failed to load'), WAIT_MS);
    assert.match(banner, /model\.endpoints\[0\]/, 'the banner names the field');

    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Firewall: Remove Domain…');
    const choices = await waitForQuickInput(page, /remove a host from the workspace overlay/i);
    assert.ok(choices.rows.some((row) => /evil\.example\.com/.test(row) && /model\.endpoints/.test(row)), `the endpoint is offered with its field: ${JSON.stringify(choices.rows)}`);
    await guardShot(page, 'policy-field-entry-offered');
    await pickRow(page, /evil\.example\.com/);
    await waitForDialog(page, 'Airlock: approve the workspace policy overlay?', WAIT_MS);
    await clickDialogButton(page, 'Approve Overlay');

    await waitForValue('the banner to go', bannerText, (text) => text === '(hidden)', WAIT_MS);
    const repaired = readFileSync(overlayFile(), 'utf8');
    assert.doesNotMatch(repaired, /evil\.example\.com/);
    assert.doesNotMatch(repaired, /model:|endpoints/, 'the emptied list and its section go with the entry');
    assert.match(repaired, /docs\.example\.com, pypi\.org/, 'the egress entries stay');
  });
});
