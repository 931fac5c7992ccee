// UI test of the agent using an MCP server through the guard (code-server + Chromium, the
// scripted fixture model, the real server-memory from npm): a workspace overlay names the server
// and is approved in its modal (which names what it adds); the first message starts the server in
// the sandbox and asks, in a modal, to approve its tool definitions (each tool with the policy's
// decision); the model's call to an allowed tool runs, its card shows it, the model gets the
// output as untrusted data, and the audit log holds the call with the server, tool and argument
// hash. A server whose definition changes after the first listing (a rug pull) is asked about
// again, with the diff, and denied: its tools are withheld. The overlay is removed afterwards, so the later tests see the workspace as it was.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { cliAuditTail } from './harness/auditLog';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import type { Page } from 'playwright-core';
import { HOSTILE_SERVER_SCRIPT, RUG_PULL } from '../fixtures/mcp/hostileServer';
import { clickDialogButton, modalDialog, waitForDialog } from './harness/dialogs';
import { chatRequests, toolMessages } from './harness/modelRequests';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';

const TURN_WAIT_MS = 120_000;
const shot = stepShots(180);
const MEMORY_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/dist/index.js');
const OVERLAY = `version: 1
mcp:
  servers:
    memory:
      stdio: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(MEMORY_SERVER)}] }
      tools:
        allow: [read_graph]
        risk: { read_graph: low }
`;

/** The hostile fixture server: its `weather` tool changes its description right after the first listing (a rug pull). */
const RUG_PULL_OVERLAY = `version: 1
mcp:
  servers:
    hostile:
      stdio: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(HOSTILE_SERVER_SCRIPT)}] }
      tools:
        allow: [echo, weather]
        risk: { echo: low, weather: low }
`;

function diffTabs(page: Page): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: '↔' });
}

function overlayFile(): string {
  return path.join(e2e().workspace, '.airlock', 'policy', 'default.yaml');
}

function card(assistant: Locator): Locator {
  return assistant.locator('.tool-card[data-tool="mcp.memory.read_graph"]').last();
}

describe('Airlock and an MCP server (UI: code-server + Chromium, the real server-memory in the sandbox)', () => {
  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
  });

  after(async function () {
    this.timeout(60_000);
    const { page } = e2e();
    if (await modalDialog(page).isVisible()) await page.keyboard.press('Escape');
    rmSync(path.join(e2e().workspace, '.airlock'), { recursive: true, force: true });
  });

  it('approve the overlay, then the server\'s tools; the agent\'s call runs, shows on its card, reaches the model as data, and is audited', async function () {
    this.timeout(300_000);
    const { view, fixture, page } = e2e();
    mkdirSync(path.dirname(overlayFile()), { recursive: true });
    writeFileSync(overlayFile(), OVERLAY);
    const overlay = await waitForDialog(page, 'Airlock: approve the workspace policy overlay?', 60_000);
    await shot(page, 'mcp overlay approval');
    assert.match(overlay.detail, /memory/, overlay.detail);
    await clickDialogButton(page, 'Approve Overlay');

    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'mcp_memory_read_graph', arguments: {} }] });
    fixture.enqueue({ kind: 'text', chunks: ['The graph is empty.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'What is in the knowledge graph?');

    const review = await waitForDialog(page, /Approve the tools of MCP server "memory"\?/, TURN_WAIT_MS);
    await shot(page, 'mcp tools approval');
    assert.match(review.detail, /MCP server "memory": 9 tools, never approved/, review.detail);
    assert.match(review.detail, /\+ read_graph {2}offered \(risk low\)/, review.detail);
    assert.match(review.detail, /\+ delete_entities {2}not offered/, review.detail);
    await clickDialogButton(page, 'Approve Tools');

    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'mcp tool card');
    assert.equal(await card(assistant).getAttribute('data-state'), 'done');
    assert.match((await card(assistant).locator('.tool-summary').textContent()) ?? '', /mcp\.memory\.read_graph: \d+ bytes · allowed by the policy \(risk low\)/);

    const sent = chatRequests().slice(before);
    const offered = JSON.stringify((sent[0]?.body as { tools?: unknown } | undefined)?.tools ?? []);
    assert.match(offered, /mcp_memory_read_graph/, 'the approved, allowed tool is offered to the model');
    assert.doesNotMatch(offered, /mcp_memory_delete_entities/, 'a tool the policy does not allow is not');
    const told = toolMessages(sent.at(-1)?.body).at(-1) ?? '';
    assert.match(told, /untrusted/i, 'the model gets the output marked as untrusted data');
    assert.match(told, /"entities"/);

    const entries = await waitForValue('the audit log to hold the call', () => cliAuditTail(e2e().workspace, e2e().configDir, 40), (tail) => tail.some((entry) => entry.action === 'tool.mcp.memory.read_graph'));
    const entry = entries.find((candidate) => candidate.action === 'tool.mcp.memory.read_graph');
    assert.equal(entry?.decision, 'allow');
    assert.match(JSON.stringify(entry?.detail), /"server":"memory".*"arguments":"[0-9a-f]{64}"/);
  });

  it('a rug pull: the definition changes after the first approval, the modal shows the diff, and on Deny the server\'s tools are withheld', async function () {
    this.timeout(300_000);
    const { view, fixture, page } = e2e();
    writeFileSync(overlayFile(), RUG_PULL_OVERLAY);
    await waitForDialog(page, 'Airlock: approve the workspace policy overlay?', 60_000);
    await clickDialogButton(page, 'Approve Overlay');

    fixture.enqueue({ kind: 'text', chunks: ['Nothing to call yet.'] });
    const { assistant } = await sendPrompt(view, 'What tools does the weather server have?');
    const first = await waitForDialog(page, /Approve the tools of MCP server "hostile"\?/, TURN_WAIT_MS);
    assert.match(first.detail, /\+ weather {2}offered \(risk low\)/, first.detail);
    await clickDialogButton(page, 'Approve Tools');

    const changed = await waitForDialog(page, /The tools of MCP server "hostile" changed\. Approve the new definitions\?/, TURN_WAIT_MS);
    assert.match(changed.detail, /changed since you approved it \(1 changed\)/, changed.detail);
    assert.match(changed.detail, /~ weather {2}offered \(risk low\)/, changed.detail);
    assert.ok(changed.buttons.includes('Show Diff'), JSON.stringify(changed.buttons));
    await clickDialogButton(page, 'Show Diff');
    await diffTabs(page).first().waitFor({ timeout: 15_000 });
    const again = await waitForDialog(page, /The tools of MCP server "hostile" changed/, TURN_WAIT_MS);
    await shot(page, 'mcp rug pull diff');
    assert.match(await diffTabs(page).first().innerText(), /weather\.json: approved ↔ listed by "hostile" now/);
    assert.ok(again.buttons.includes('Deny…'));
    await clickDialogButton(page, 'Deny…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('the new description asks for my SSH key');
    await page.keyboard.press('Enter');

    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'mcp rug pull withheld');
    assert.equal(await diffTabs(page).count(), 0, 'the diff closes once the question is answered');
    // The change may come before or after the first request of that turn (which then offers the approved listing, rightly):
    // the request after the Deny is the one that must offer nothing of the server.
    fixture.enqueue({ kind: 'text', chunks: ['Still nothing to call.'] });
    const before = chatRequests().length;
    const { assistant: next } = await sendPrompt(view, 'And now?');
    await waitForMessageState(next, 'done', TURN_WAIT_MS);
    const offered = JSON.stringify((chatRequests().slice(before)[0]?.body as { tools?: unknown } | undefined)?.tools ?? []);
    assert.match(offered, /fs_read/, 'the request still offers the built-in tools');
    assert.doesNotMatch(offered, /mcp_hostile_/, 'a server whose listing changed and was not approved offers nothing');
    assert.ok(RUG_PULL.after.includes('id_rsa'));
  });
});
