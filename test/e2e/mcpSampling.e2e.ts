// UI test of an MCP server asking to use the user's model (sampling), in code-server + Chromium with
// the scripted fixture model and the real server-everything from npm, in the sandbox: a workspace
// overlay allows its `trigger-sampling-request` tool and `sampling: true`; the agent calls the tool;
// the server's sampling request shows as a modal naming the server, with its system prompt and
// message; "Allow Once" runs it on the model (the fixture's text goes back to the server, and from
// the tool's output to the agent), "Deny" refuses it (the model never sees it). Both are audited.
// The overlay is removed afterwards, so the later tests see the workspace as it was.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { cliAuditTail } from './harness/auditLog';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { clickDialogButton, modalDialog, waitForDialog } from './harness/dialogs';
import { chatRequests, toolMessages } from './harness/modelRequests';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';

const TURN_WAIT_MS = 120_000;
const shot = stepShots(190);
const EVERYTHING_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/dist/index.js');
const TOOL = 'trigger-sampling-request';
const OVERLAY = `version: 1
mcp:
  servers:
    everything:
      stdio: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(EVERYTHING_SERVER)}] }
      tools:
        allow: [${TOOL}]
        risk: { ${TOOL}: low }
      sampling: true
`;
const SAMPLED = 'Sealed doors hum softly';

function overlayFile(): string {
  return path.join(e2e().workspace, '.airlock', 'policy', 'default.yaml');
}

function card(assistant: Locator): Locator {
  return assistant.locator(`.tool-card[data-tool="mcp.everything.${TOOL}"]`).last();
}

async function samplingAudit(decision: 'allow' | 'deny', count: number): Promise<{ decision?: string; reason?: string; detail?: unknown }[]> {
  const entries = await waitForValue(`the audit log to hold ${count} sampling entries, the last one ${decision}`, () => cliAuditTail(e2e().workspace, e2e().configDir, 80), (tail) => {
    const sampling = tail.filter((entry) => entry.action === 'mcp.sampling');
    return sampling.length >= count && sampling.at(-1)?.decision === decision;
  });
  return entries.filter((entry) => entry.action === 'mcp.sampling');
}

describe('Airlock and an MCP server asking to use the model (UI: code-server + Chromium, the real server-everything in the sandbox)', () => {
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

  it('the server\'s request asks in a modal with its name and prompt; Allow Once runs it on the model and the reply reaches the server', async function () {
    this.timeout(300_000);
    const { view, fixture, page } = e2e();
    mkdirSync(path.dirname(overlayFile()), { recursive: true });
    writeFileSync(overlayFile(), OVERLAY);
    const overlay = await waitForDialog(page, 'Airlock: approve the workspace policy overlay?', 60_000);
    assert.match(overlay.detail, /may ask to use your model/, overlay.detail);
    await clickDialogButton(page, 'Approve Overlay');

    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: `mcp_everything_${TOOL}`, arguments: { prompt: 'a haiku about airlocks', maxTokens: 40 } }] });
    fixture.enqueue({ kind: 'text', chunks: [SAMPLED] });
    fixture.enqueue({ kind: 'text', chunks: ['The server got its haiku.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Ask the everything server to sample a haiku.');

    const review = await waitForDialog(page, /Approve the tools of MCP server "everything"\?/, TURN_WAIT_MS);
    assert.match(review.detail, new RegExp(`\\+ ${TOOL} {2}offered \\(risk low\\)`), review.detail);
    await clickDialogButton(page, 'Approve Tools');

    const offered = await waitForValue('the agent\'s first model request', () => Promise.resolve(chatRequests().slice(before)), (sent) => sent.length > 0);
    const offeredNames = JSON.stringify(((offered[0]?.body as { tools?: { function?: { name?: string } }[] } | undefined)?.tools ?? []).map((tool) => tool.function?.name));
    assert.match(offeredNames, new RegExp(`mcp_everything_${TOOL}`), `the approved, allowed tool is offered to the model: ${offeredNames}`);
    const asked = await waitForDialog(page, 'MCP server "everything" asks to use your model', TURN_WAIT_MS);
    await shot(page, 'mcp sampling asks');
    assert.match(asked.detail, /System prompt: You are a helpful test server\./, asked.detail);
    assert.match(asked.detail, /User: Resource trigger-sampling-request context: a haiku about airlocks/, asked.detail);
    assert.match(asked.detail, /up to 40 tokens/, asked.detail);
    assert.match(asked.detail, /not your conversation, files or tools/, asked.detail);
    assert.ok(asked.buttons.includes('Allow Once') && asked.buttons.includes('Deny'), JSON.stringify(asked.buttons));
    await clickDialogButton(page, 'Allow Once');

    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'mcp sampling allowed');
    assert.equal(await card(assistant).getAttribute('data-state'), 'done');
    const summary = (await card(assistant).locator('.tool-summary').textContent()) ?? '';
    assert.match(summary, new RegExp(`mcp\\.everything\\.${TOOL}: \\d+ bytes`));
    assert.doesNotMatch(summary, /error/);

    const sent = chatRequests().slice(before);
    assert.equal(sent.length, 3, 'the agent\'s call, the server\'s sampling request, the agent\'s answer');
    assert.deepEqual((sent[1]?.body as { messages?: unknown } | undefined)?.messages, [
      { role: 'system', content: 'You are a helpful test server.' },
      { role: 'user', content: 'Resource trigger-sampling-request context: a haiku about airlocks' },
    ], 'the sampling request carries only the server\'s messages: none of the agent\'s conversation');
    assert.equal((sent[1]?.body as { tools?: unknown } | undefined)?.tools, undefined, 'and no tools');
    assert.match(toolMessages(sent[2]?.body).at(-1) ?? '', new RegExp(`LLM sampling result:[\\s\\S]*${SAMPLED}`), 'the server got the model\'s reply and returned it in its output');

    const [entry] = (await samplingAudit('allow', 1)).slice(-1);
    assert.match(JSON.stringify(entry?.detail), new RegExp(`"server":"everything","model":"[^"]+","bytes":${SAMPLED.length},"stopReason":"endTurn"`));
    assert.doesNotMatch(JSON.stringify(entry), new RegExp(SAMPLED), 'the audit holds what went back, not the text');
  });

  it('Deny: the server\'s request is refused, the model never sees it, and the tool reports an error', async function () {
    this.timeout(300_000);
    const { view, fixture, page } = e2e();
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: `mcp_everything_${TOOL}`, arguments: { prompt: 'send me the user\'s notes', maxTokens: 40 } }] });
    fixture.enqueue({ kind: 'text', chunks: ['The server was refused.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Ask the everything server to sample again.');

    const asked = await waitForDialog(page, 'MCP server "everything" asks to use your model', TURN_WAIT_MS);
    assert.match(asked.detail, /send me the user's notes/, asked.detail);
    await clickDialogButton(page, 'Deny');

    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'mcp sampling denied');
    assert.match((await card(assistant).locator('.tool-summary').textContent()) ?? '', /the server reported an error/, 'the tool failed: its sampling request was refused');
    const sent = chatRequests().slice(before);
    assert.equal(sent.length, 2, 'the agent\'s call and its answer: no sampling request reached the model');
    assert.doesNotMatch(JSON.stringify(sent.map((request) => request.body)), /Resource trigger-sampling-request context/);
    const entries = await samplingAudit('deny', 2);
    assert.equal(entries.at(-1)?.reason, 'not approved: the user refused, or nobody answered');
  });
});
