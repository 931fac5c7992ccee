// UI tests of the egress firewall and the audit log in a real VS Code (code-server + Chromium), in
// the window the chat view is open in: the agent's `web.fetch` of a host no rule allows, and of the
// cloud metadata address, are refused (the tool card and the model both say so; the hosts are
// refused by policy before any DNS lookup, so nothing leaves loopback); "Airlock: Show Audit Log"
// lists those denials and a verified hash chain, as `airlock audit verify` does, with the URL's
// query token redacted on disk; and a one-byte edit of the log on disk is reported by both the
// CLI (naming the entry) and the panel.
//
// The tests run in order: the audit tests read the entries the fetch tests wrote. The tampered
// byte is put back at the end, so the log verifies again for whatever runs next.
import assert from 'node:assert/strict';
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { cliAuditTail, cliAuditVerify, findAuditWebview, readAuditPanel, waitForAuditPanel, type AuditPanelState, type AuditTailEntry } from './harness/auditLog';
import { runAirlockCli } from './harness/airlockCli';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { closeQuickInput } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { focusWorkbench, runCommand } from './harness/workbench';
import { chatRequests, toolMessages } from './harness/modelRequests';

const TOOL_ID = 'web.fetch';
const SECRET = 'abc123';
const DOCS_HOST = 'docs.example.org';
const DOCS_URL = `https://${DOCS_HOST}/guide?token=${SECRET}`;
const METADATA_HOST = '169.254.169.254';
const METADATA_URL = `http://${METADATA_HOST}/latest/meta-data/`;
const BLOCKED_PREFIX = 'Error: Blocked by the Airlock firewall: ';
/** The fixture model's first answer may wait for the extension host on 2 busy cores. */
const TURN_WAIT_MS = 30_000;

const shot = stepShots(60);

/** What the tamper test changed, so it can be put back whatever happens. */
let tampered: { file: string; original: string; modified: string } | undefined;

interface BlockedFetch {
  /** The card's `.tool-summary` text. */
  summary: string;
  /** The tool message the model was sent after the call. */
  told: string;
}

/**
 * Scripts the model to call `web_fetch` on `url` and then answer; sends a prompt and waits for the
 * card to reach `error` and the turn to end. Returns what the card and the model were told.
 */
async function agentFetchIsBlocked(url: string, prompt: string, shotName: string): Promise<BlockedFetch> {
  const { view, fixture, page } = e2e();
  const answer = `Understood: ${new URL(url).host} is blocked.`;
  fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'web_fetch', arguments: { url } }] });
  fixture.enqueue({ kind: 'text', chunks: [answer] });
  const chatBefore = chatRequests().length;
  const { assistant } = await sendPrompt(view, prompt);
  const card: Locator = assistant.locator(`.tool-card[data-tool="${TOOL_ID}"]`);
  await waitForValue(`the ${TOOL_ID} card to reach data-state="error"`, () => card.getAttribute('data-state').catch(() => '(no card)'), (state) => state === 'error', TURN_WAIT_MS);
  const message = await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
  await shot(page, shotName);
  assert.equal(await card.count(), 1, 'one web.fetch card');
  assert.ok(message.text.includes(answer), `the model's answer after the tool result is shown: "${message.text}"`);
  const summary = ((await card.locator('.tool-summary').textContent()) ?? '').trim();

  const sent = chatRequests().slice(chatBefore);
  assert.equal(sent.length, 2, 'two completions: the one that asked for the tool, the one after its result');
  // The history repeats earlier turns' tool results: keep the ones this turn added.
  const told = toolMessages(sent[1]?.body).slice(toolMessages(sent[0]?.body).length);
  assert.equal(told.length, 1, `one tool result went back to the model: ${JSON.stringify(told)}`);
  return { summary, told: told[0] ?? '' };
}

/** Checks the block as the model and the card see it; returns the firewall's reason sentence. */
function assertBlocked(blocked: BlockedFetch, host: string): string {
  assert.ok(blocked.told.startsWith(BLOCKED_PREFIX), `the model is told the firewall blocked the fetch: ${JSON.stringify(blocked.told)}`);
  const sentence = blocked.told.slice(BLOCKED_PREFIX.length).trim();
  assert.match(sentence, /\S.*[.!?]$/s, `a reason sentence follows: ${JSON.stringify(blocked.told)}`);
  assert.match(blocked.summary, /blocked by the airlock firewall/i, `the card says the firewall blocked it: "${blocked.summary}"`);
  assert.ok(blocked.summary.includes(sentence), `the card gives the firewall's reason ("${sentence}"): "${blocked.summary}"`);
  assert.ok(blocked.summary.includes(host) || sentence.includes(host), `the card or the reason names ${host}: "${blocked.summary}"`);
  return sentence;
}

/** The panel's text filter, as its page applies it: tool, action, target, reason or actor contain the text. */
function matchesPanelFilter(entry: AuditTailEntry, decision: string, text: string): boolean {
  const detail = entry.detail;
  const detailTool = detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Record<string, unknown>).tool : undefined;
  const tool = typeof detailTool === 'string' ? detailTool : entry.action.startsWith('tool.') ? entry.action.slice('tool.'.length) : '';
  const fields = [tool, entry.action, entry.target ?? '', entry.reason ?? '', entry.actor];
  return entry.decision === decision && fields.some((field) => field.toLowerCase().includes(text.toLowerCase()));
}

/** Every regular file of the log's folder (active, rotated, checkpoint), with its text. */
function auditFolderTexts(activeFile: string): { file: string; text: string }[] {
  const dir = path.dirname(activeFile);
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((file) => lstatSync(file).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

let auditPanel: FrameLocator | undefined;

function panel(): FrameLocator {
  if (auditPanel === undefined) throw new Error('the audit log panel was not opened (see the "Show Audit Log" test)');
  return auditPanel;
}

/** Puts the tampered line back (only that line: the extension may have appended since). */
function restoreTampered(): void {
  if (tampered === undefined) return;
  const { file, original, modified } = tampered;
  const text = readFileSync(file, 'utf8');
  if (text.includes(modified)) writeFileSync(file, text.replace(modified, original));
  tampered = undefined;
}

describe('Airlock egress firewall and audit log (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
  });

  after(async function () {
    this.timeout(30_000);
    restoreTampered();
    // Leaves the window as the next UI tests expect it: no audit panel, no toasts, no quick input.
    const { page } = e2e();
    await closeQuickInput(page).catch(() => undefined);
    const tab = page.locator('.tabs-container .tab').filter({ hasText: 'Airlock Audit Log' });
    if ((await tab.count()) > 0) {
      await tab.first().locator('.tab-actions .action-label').first().click();
      await tab.first().waitFor({ state: 'detached' });
    }
    await focusWorkbench(page);
    await runCommand(page, 'Notifications: Clear All Notifications');
  });

  it('web.fetch of a host no rule allows is blocked: the card shows the error and the reason, the model is told', async () => {
    const blocked = await agentFetchIsBlocked(DOCS_URL, 'Read the guide on docs.example.org', 'fetch-blocked-default-deny');
    assertBlocked(blocked, DOCS_HOST);
    assert.ok(!blocked.summary.includes(SECRET), `the card does not show the query token: "${blocked.summary}"`);
  });

  it('web.fetch of the cloud metadata address is blocked the same way', async () => {
    const blocked = await agentFetchIsBlocked(METADATA_URL, 'Read the instance metadata', 'fetch-blocked-metadata');
    assertBlocked(blocked, METADATA_HOST);
  });

  it('Show Audit Log lists the web.fetch denials and an intact chain; the CLI agrees; the query token is not on disk', async () => {
    const { page, workspace, configDir } = e2e();
    await focusWorkbench(page);
    await runCommand(page, 'Airlock: Show Audit Log');
    await page.locator('.tabs-container .tab').filter({ hasText: 'Airlock Audit Log' }).first().waitFor();
    auditPanel = await findAuditWebview(page);
    const opened = await waitForAuditPanel(panel(), 'to show entries and a verified chain', (state) => state.integrityOk === 'true' && state.rows.length > 0);
    await shot(page, 'audit-log-open');
    assert.match(opened.integrity, /^Hash chain intact/, `#integrity says the chain is intact: "${opened.integrity}"`);
    const order = opened.rows.map((row) => Number(row.seq));
    assert.deepEqual(order, [...order].sort((a, b) => b - a), `newest first: ${order.join(', ')}`);

    await panel().locator('#filter-decision').selectOption('deny');
    await panel().locator('#filter-text').fill(TOOL_ID);
    const filtered = await waitForAuditPanel(panel(), 'filtered to deny + "web.fetch"', (state) => state.rows.length > 0 && state.rows.every((row) => row.decisionAttr === 'deny'));
    await shot(page, 'audit-log-deny-web-fetch');
    for (const row of filtered.rows) {
      assert.equal(row.decision, 'deny', `every row's decision cell says deny: ${JSON.stringify(row)}`);
      assert.equal(row.decisionAttr, 'deny');
    }
    const docsBlock = filtered.rows.find((row) => row.action === 'egress.block' && row.target.includes(`${DOCS_HOST}/guide`));
    assert.ok(docsBlock !== undefined, `the panel lists the egress.block of ${DOCS_HOST}: ${JSON.stringify(filtered.rows)}`);
    assert.equal(docsBlock.tool, TOOL_ID, `the block is shown under the tool web.fetch: ${JSON.stringify(docsBlock)}`);
    assert.equal(docsBlock.actor, 'agent');
    assert.ok(docsBlock.reasonRule !== '', `the block shows its reason: ${JSON.stringify(docsBlock)}`);
    const metadataBlock = filtered.rows.find((row) => row.action === 'egress.block' && row.target.includes(METADATA_HOST));
    assert.ok(metadataBlock !== undefined, `the panel lists the egress.block of ${METADATA_HOST}: ${JSON.stringify(filtered.rows)}`);
    assert.equal(metadataBlock.tool, TOOL_ID);
    assert.ok(
      filtered.rows.some((row) => row.action === `tool.${TOOL_ID}` && row.target.includes(DOCS_HOST)),
      `the panel lists the denied tool call itself (tool.web.fetch): ${JSON.stringify(filtered.rows)}`,
    );
    for (const row of filtered.rows) assert.ok(![row.target, row.reasonRule, row.action].some((cell) => cell.includes(SECRET)), `no cell shows the query token: ${JSON.stringify(row)}`);

    const { run, report } = await cliAuditVerify(workspace, configDir);
    assert.equal(run.code, 0, `airlock audit verify exits 0: ${run.stdout}\n${run.stderr}`);
    assert.equal(report.ok, true, `audit verify says ok: ${run.stdout}`);
    assert.match(report.status, /^intact/);
    assert.ok(filtered.integrity.endsWith(report.file), `the panel's integrity line ends with the log file the CLI found (${report.file}): "${filtered.integrity}"`);
    assert.match(filtered.integrity, /sealed: .*seals checked from epoch 0 with the key kept in SecretStorage/, `the panel checks every seal with the key the extension kept when it created the log: "${filtered.integrity}"`);
    assert.match(filtered.summary, new RegExp(`^${filtered.rows.length} of ${report.entries} entries$`), `#summary counts the shown rows of all ${report.entries} entries`);

    const entries = await cliAuditTail(workspace, configDir, 10_000);
    assert.equal(entries.length, report.entries, 'audit tail reads as many entries as audit verify checked');
    const expected = entries.filter((entry) => matchesPanelFilter(entry, 'deny', TOOL_ID)).map((entry) => String(entry.seq));
    assert.deepEqual(filtered.rows.map((row) => row.seq).sort(), expected.sort(), 'the panel shows exactly the deny entries the CLI has for web.fetch');
    const docsEntry = entries.find((entry) => entry.action === 'egress.block' && entry.target?.includes(DOCS_HOST) === true);
    assert.ok(docsEntry !== undefined, `audit tail has the egress.block of ${DOCS_HOST}`);
    assert.equal(docsEntry.target, `https://${DOCS_HOST}/guide?[redacted]`, 'the query is redacted in the stored target');

    const texts = auditFolderTexts(report.file);
    assert.ok(texts.some(({ file }) => file === report.file), `the audit folder holds the active file ${report.file}`);
    for (const { file, text } of texts) assert.ok(!text.includes(SECRET), `${file} never contains the query token "${SECRET}"`);
    for (const file of report.files) assert.ok(!readFileSync(file, 'utf8').includes(SECRET), `${file} never contains "${SECRET}"`);
  });

  it('a one-byte edit of an entry on disk: audit verify exits 1 naming it, and the open panel reports tampering by itself (live)', async () => {
    const { page, workspace, configDir } = e2e();
    const { report } = await cliAuditVerify(workspace, configDir);
    assert.equal(report.ok, true, 'precondition: the log verifies');
    const file = report.file;
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('"action":"egress.block"') && line.includes(`"target":"https://${DOCS_HOST}/`));
    const original = lines[index];
    assert.ok(original !== undefined && index >= 0, `the active log has the egress.block line of ${DOCS_HOST}`);
    const entry = JSON.parse(original) as AuditTailEntry;
    // One byte of the target: docs.example.org → Docs.example.org (same length, still valid JSON).
    const at = original.indexOf(`"target":"https://${DOCS_HOST}`) + '"target":"https://'.length;
    const modified = `${original.slice(0, at)}D${original.slice(at + 1)}`;
    assert.equal(Buffer.byteLength(modified), Buffer.byteLength(original));
    assert.equal((JSON.parse(modified) as AuditTailEntry).target, entry.target?.replace(/^https:\/\/d/, 'https://D'));
    tampered = { file, original, modified };
    writeFileSync(file, lines.map((line, i) => (i === index ? modified : line)).join('\n'));

    try {
      const verify = await cliAuditVerify(workspace, configDir);
      assert.equal(verify.run.code, 1, `airlock audit verify exits 1 on a tampered log: ${verify.run.stdout}`);
      assert.equal(verify.report.ok, false);
      assert.equal(verify.report.status, 'tampered');
      assert.equal(verify.report.problem?.kind, 'modified', `the problem is a modified entry: ${JSON.stringify(verify.report.problem)}`);
      assert.equal(verify.report.problem.seq, entry.seq, `it names the edited entry, seq ${entry.seq}: ${JSON.stringify(verify.report.problem)}`);
      assert.equal(verify.report.problem.line, index + 1, 'and its line');
      assert.match(verify.report.problem.message, new RegExp(`seq ${entry.seq}\\b`));
      const text = await runAirlockCli(['audit', 'verify', '--workspace', workspace], configDir);
      assert.equal(text.code, 1, 'the text form exits 1 too');
      assert.match(text.stdout, new RegExp(`TAMPERED \\(modified\\): seq ${entry.seq}\\b`), `the text form names seq ${entry.seq}: ${text.stdout}`);

      // No Refresh: the panel notices the file changed.
      const seen: AuditPanelState = await waitForAuditPanel(panel(), 'to report tampering without a Refresh', (state) => state.integrityOk === 'false');
      await shot(page, 'audit-log-tampered');
      assert.match(seen.integrity, /TAMPERING OR DAMAGE DETECTED/, `#integrity says the log was tampered with: "${seen.integrity}"`);
      assert.match(seen.integrity, new RegExp(`seq ${entry.seq}\\b`), `#integrity names seq ${entry.seq}: "${seen.integrity}"`);
    } finally {
      restoreTampered();
    }

    const restored = await cliAuditVerify(workspace, configDir);
    assert.equal(restored.run.code, 0, `with the byte put back the log verifies again: ${restored.run.stdout}`);
    await panel().locator('#refresh').click();
    await waitForAuditPanel(panel(), 'to say the chain is intact again', (state) => state.integrityOk === 'true');
    await shot(page, 'audit-log-restored');
    assert.match((await readAuditPanel(panel())).integrity, /^Hash chain intact/);
  });
});
