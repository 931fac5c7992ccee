// UI test of a policy overlay that came with the repository: Airlock must not honour it until the
// user approves it in a modal dialog that shows what it loosens, must remember "Keep Ignoring",
// apply it once approved from "Review Workspace Policy Overlay…", and ask again when the file
// changes. The overlay has to exist before Airlock first runs in the window, so this opens a
// second workbench window of the same code-server on its own workspace folder (its own extension
// host); the file sorts after the chat tests, so that window never runs beside them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { cliFirewallList, cliPolicyShow, type PolicyShow } from './harness/airlockCli';
import { clickDialogButton, expectNoDialogFor, waitForDialog } from './harness/dialogs';
import { SAMPLE_WORKSPACE } from './harness/e2eHarness';
import { e2e } from './harness/rootHooks';
import { guardShot } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, moveCursorToStart, runCommand, startCommand } from './harness/workbench';

const APPROVAL_TITLE = 'Airlock: approve the workspace policy overlay?';
const CDN = '*.cdn.example.net';
const IMG = '*.img.example.net';
const SHIPPED_OVERLAY = [
  '# Shipped with the repository: lets the agent fetch from our CDN.',
  'version: 1',
  'egress:',
  '  tools:',
  '    web.fetch:',
  '      allow:',
  `        - "${CDN}"`,
  '',
].join('\n');
const CHANGED_OVERLAY = SHIPPED_OVERLAY.replace(`        - "${CDN}"\n`, `        - "${CDN}"\n        - "${IMG}"\n`);
/** A second extension host starting on 2 busy cores. */
const ACTIVATION_WAIT_MS = 60_000;
const WATCH_WAIT_MS = 30_000;

let workspace = '';
let page: Page | undefined;

function overlayFile(): string {
  return path.join(workspace, '.airlock', 'policy', 'default.yaml');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function window2(): Page {
  if (page === undefined) throw new Error('the overlay window did not open (see the "before all" hook)');
  return page;
}

function policyShow(): Promise<PolicyShow> {
  return cliPolicyShow(workspace, e2e().configDir);
}

function webFetchAllow(show: PolicyShow): string[] {
  return show.policy.egress.tools['web.fetch']?.allow ?? [];
}

function overlayApplied(show: PolicyShow): boolean {
  return show.sources.some((source) => source.kind === 'overlay');
}

async function statusBarText(target: Page): Promise<string> {
  return (await target.locator('.statusbar-item[id$="airlock.policy"]').innerText().catch(() => '(no item)')).trim();
}

/** Opens "Airlock: Show Effective Policy" and waits until its header satisfies `accept`. */
async function showEffectivePolicy(target: Page, accept: (text: string) => boolean, description: string): Promise<string> {
  await focusWorkbench(target);
  await runCommand(target, 'Airlock: Show Effective Policy');
  // The editor keeps its scroll position (an earlier find may have moved it): the header is at the top.
  await moveCursorToStart(target);
  return waitForValue(`the effective policy document ${description}`, () => activeEditorText(target), accept);
}

/**
 * How many times `text` is in the focused editor, as VS Code's find widget counts it ("No results",
 * "1 of 1"; "? of 1" while the cursor is not on a match, which a loaded CI run read). Read once the
 * count has settled: the search reruns as the text goes in, and the empty box says "No results".
 */
async function countInEditor(target: Page, text: string): Promise<number> {
  await target.keyboard.press('Control+f');
  const widget = target.locator('.find-widget.visible');
  await widget.waitFor();
  await target.keyboard.press('Control+a');
  await target.keyboard.insertText(text);
  // Settled: the same for half a second, longer than the find model's rerun delay after input.
  let previous = { seen: '', since: Date.now() };
  const settled = async (): Promise<string> => {
    const seen = (await widget.locator('.matchesCount').innerText()).trim();
    if (seen !== previous.seen) previous = { seen, since: Date.now() };
    return Date.now() - previous.since >= 500 ? seen : '';
  };
  const count = await waitForValue(`the find widget to count "${text}"`, settled, (seen) => seen === 'No results' || /^(?:\d+|\?) of \d+$/.test(seen));
  await target.keyboard.press('Escape');
  return count === 'No results' ? 0 : Number(count.split(' of ')[1]);
}

describe('Airlock repository policy overlay (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(ACTIVATION_WAIT_MS + 30_000);
    workspace = path.join(mkdtempSync(path.join(tmpdir(), 'airlock-e2e-overlay-')), 'workspace');
    cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
    mkdirSync(path.dirname(overlayFile()), { recursive: true });
    // The repository's overlay is there before Airlock ever runs in this folder.
    writeFileSync(overlayFile(), SHIPPED_OVERLAY);
    page = await e2e().openWindow(workspace);
    await guardShot(page, 'overlay-window-opened');
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (page !== undefined && test?.state === 'failed') {
      const file = await guardShot(page, `failed ${test.title}`).catch(() => '(no screenshot)');
      process.stderr.write(`  screenshot of the overlay window: test-results/e2e/${file}\n`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await page?.context().close().catch(() => undefined);
    page = undefined;
    if (workspace !== '') rmSync(path.dirname(workspace), { recursive: true, force: true });
  });

  it('asks before honouring it, and "Keep Ignoring" leaves it out without asking again', async function () {
    this.timeout(ACTIVATION_WAIT_MS + 60_000);
    const target = window2();
    await target.locator('.activitybar [aria-label^="Airlock"]').first().click({ timeout: ACTIVATION_WAIT_MS });
    await target.mouse.move(700, 400);
    const dialog = await waitForDialog(target, APPROVAL_TITLE, ACTIVATION_WAIT_MS);
    await guardShot(target, 'overlay-approval-asked');
    assert.ok(dialog.buttons.includes('Approve Overlay') && dialog.buttons.includes('Keep Ignoring'), `the dialog offers Approve Overlay and Keep Ignoring: ${JSON.stringify(dialog.buttons)}`);
    assert.ok(dialog.detail.includes(CDN) && dialog.detail.includes('web.fetch'), `the detail lists the loosening (${CDN} for web.fetch): "${dialog.detail}"`);
    const asking = await policyShow();
    assert.equal(overlayApplied(asking), false, 'while the dialog is open the overlay does not apply');
    assert.equal(asking.pendingOverlay?.sha256, sha256(SHIPPED_OVERLAY));

    await clickDialogButton(target, 'Keep Ignoring');
    const ignored = await waitForValue('airlock policy show to report the overlay as rejected', policyShow, (show) => show.pendingOverlay?.rejected === true);
    assert.equal(overlayApplied(ignored), false, 'the rejected overlay is not a source of the effective policy');
    assert.ok(!webFetchAllow(ignored).includes(CDN), `the effective policy does not allow ${CDN}: ${JSON.stringify(webFetchAllow(ignored))}`);
    assert.equal(ignored.defaultDeny, true);
    const rows = await cliFirewallList(workspace, e2e().configDir);
    assert.ok(!rows.some((row) => row.pattern === CDN), `airlock firewall list does not list ${CDN}: ${JSON.stringify(rows)}`);

    const doc = await showEffectivePolicy(target, (text) => text.includes('NOT APPLIED'), 'to say the overlay is NOT APPLIED');
    assert.ok(!doc.includes('overlay: .airlock/policy/default.yaml'), `the overlay is not listed among the sources:\n${doc}`);
    assert.equal(await countInEditor(target, 'cdn.example.net'), 0, `the effective policy does not mention ${CDN}`);
    await guardShot(target, 'overlay-ignored-effective-policy');
    // Show Effective Policy reloaded the policy: the refused content must not be asked about again.
    await expectNoDialogFor(target, 2_000);
    assert.match(await statusBarText(target), /default deny/);
  });

  it('"Review Workspace Policy Overlay…" asks again, and "Approve Overlay" applies it', async function () {
    this.timeout(90_000);
    const target = window2();
    await focusWorkbench(target);
    await startCommand(target, 'Airlock: Review Workspace Policy Overlay…');
    const dialog = await waitForDialog(target, APPROVAL_TITLE);
    await guardShot(target, 'overlay-review-asked');
    assert.ok(dialog.detail.includes(CDN), `the detail lists ${CDN}: "${dialog.detail}"`);

    await clickDialogButton(target, 'Approve Overlay');
    const approved = await waitForValue('airlock policy show to apply the overlay', policyShow, (show) => overlayApplied(show));
    assert.equal(approved.pendingOverlay, null, 'nothing is waiting for approval');
    assert.ok(webFetchAllow(approved).includes(CDN), `the effective policy allows ${CDN} for web.fetch: ${JSON.stringify(webFetchAllow(approved))}`);
    const rows = await cliFirewallList(workspace, e2e().configDir);
    assert.ok(rows.some((row) => row.tool === 'web.fetch' && row.pattern === CDN && row.source === 'overlay'), `airlock firewall list lists ${CDN}: ${JSON.stringify(rows)}`);
    const trustStore = JSON.parse(readFileSync(path.join(e2e().configDir, 'trusted-overlays.json'), 'utf8')) as { overlays: Record<string, { trusted: { sha256: string; origin: string }[] }> };
    const trusted = Object.values(trustStore.overlays).flatMap((entry) => entry.trusted);
    assert.ok(trusted.some((entry) => entry.sha256 === sha256(SHIPPED_OVERLAY) && entry.origin === 'approved'), `the trust store pins the approved content's SHA-256: ${JSON.stringify(trusted)}`);

    const doc = await showEffectivePolicy(target, (text) => text.includes('overlay: .airlock/policy/default.yaml') && !text.includes('NOT APPLIED'), 'to list the overlay as a source');
    assert.ok(doc.includes('overlay'), doc);
    assert.equal(await countInEditor(target, 'cdn.example.net'), 1, `the effective policy now holds ${CDN}`);
    await waitForValue('the status bar to stop saying default deny', () => statusBarText(target), (text) => text !== '(no item)' && !/default deny/.test(text));
    await guardShot(target, 'overlay-approved-effective-policy');
  });

  it('asks again when the file changes, and does not apply the new content meanwhile', async function () {
    this.timeout(WATCH_WAIT_MS + 60_000);
    const target = window2();
    writeFileSync(overlayFile(), CHANGED_OVERLAY);
    const dialog = await waitForDialog(target, APPROVAL_TITLE, WATCH_WAIT_MS);
    await guardShot(target, 'overlay-changed-asked-again');
    assert.ok(dialog.detail.includes(IMG), `the detail lists the new loosening ${IMG}: "${dialog.detail}"`);
    const asking = await policyShow();
    assert.equal(overlayApplied(asking), false, 'the changed, unapproved content does not apply');
    assert.equal(asking.pendingOverlay?.sha256, sha256(CHANGED_OVERLAY));

    await clickDialogButton(target, 'Keep Ignoring');
    const ignored = await waitForValue('airlock policy show to report the changed overlay as rejected', policyShow, (show) => show.pendingOverlay?.rejected === true);
    assert.equal(ignored.pendingOverlay?.sha256, sha256(CHANGED_OVERLAY));
    assert.ok(!webFetchAllow(ignored).includes(IMG), `${IMG} is not allowed: ${JSON.stringify(webFetchAllow(ignored))}`);
    await showEffectivePolicy(target, (text) => text.includes('NOT APPLIED'), 'to say the changed overlay is NOT APPLIED');
    await guardShot(target, 'overlay-changed-ignored');
  });
});
