// UI tests of the monthly cost cap and the anomaly pause in a real VS Code (code-server + Chromium).
//
// Cost: a managed policy names a remote model API with prices and a $0 cap, and the user settings
// point the model at it. The panel shows the month's spending under the endpoint, and a message is
// refused before anything is sent (0 of 0 is 100 %), with the reason in the turn and the audit log.
// The API's address is a documentation address (192.0.2.1, TEST-NET-1): the firewall refuses to
// connect to it, so nothing leaves loopback.
//
// Counting real replies: a model.remote entry cannot be on loopback, and the product refuses one at
// a private address, so the test makes a network namespace with a public test address of its own
// (harness/modelNamespace.ts) and runs the fixture model there behind TLS, signed by the CA that
// code-server trusts for this run. One reply reports `usage` and is counted from it; one does not
// and is counted as an estimate, which the panel says.
//
// Anomalies: the fixture model asks to read `.env` (denied by the default pack) 16 times in one
// turn; at the 10th refusal the turn pauses in a modal that says what tripped, and Stop ends it.
//
// Each test puts back what it changed (user and machine settings), so the files run in any order.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatUsd } from '../../src/core/cost/replyCost';
import { cliAuditTail, type AuditTailEntry } from './harness/auditLog';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { clickDialogButton, waitForDialog } from './harness/dialogs';
import { applyMachineSettings, machineSettingsFile } from './harness/machineSettings';
import { chatRequests } from './harness/modelRequests';
import { startNamespacedModel, type NamespacedModel } from './harness/modelNamespace';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';

const shot = stepShots(130);
const REMOTE_URL = 'https://192.0.2.1/v1';
const TURN_WAIT_MS = 30_000;

const MANAGED_POLICY = [
  'version: 1',
  'model:',
  '  remote:',
  '    - provider: Example AI',
  `      url: ${REMOTE_URL}`,
  '      purpose: e2e cost cap',
  '      maxMonthlyCostUsd: 0',
  '      priceUsdPerMillionTokens: { input: 3, output: 15 }',
  '',
].join('\n');

let managedDir = '';

async function costText(): Promise<string> {
  const cost = e2e().view.locator('#cost');
  return (await cost.isVisible()) ? ((await cost.textContent()) ?? '').trim() : '(hidden)';
}

describe('Cost cap and anomaly alerts (UI: code-server + Chromium)', () => {
  before(() => {
    managedDir = mkdtempSync(path.join(tmpdir(), 'airlock-e2e-cost-'));
  });

  after(() => {
    if (managedDir !== '') rmSync(managedDir, { recursive: true, force: true });
  });

  describe('a remote model API at its monthly cap', () => {
    before(async function () {
      this.timeout(90_000);
      const managed = path.join(managedDir, 'managed.yaml');
      writeFileSync(managed, MANAGED_POLICY);
      await applyMachineSettings(e2e().page, e2e().workspace, { 'airlock.policy.managedPath': managed });
      await e2e().applySettings({ 'airlock.model.baseUrl': REMOTE_URL });
    });

    after(async function () {
      this.timeout(90_000);
      await e2e().applySettings();
      if (existsSync(machineSettingsFile(e2e().workspace))) await applyMachineSettings(e2e().page, e2e().workspace, {});
      await waitForStatus(e2e().view, 'ready', 30_000);
      assert.equal(await costText(), '(hidden)', 'the local model shows no cost line');
    });

    it('shows the month\'s spending near the model, and refuses to send at 100 % with the reason, audited', async function () {
      this.timeout(90_000);
      const { view, page, workspace, configDir } = e2e();
      const line = await waitForValue('the panel to show the cost line', costText, (text) => text.startsWith('Example AI:'), 30_000);
      assert.equal(line, 'Example AI: $0.00 of $0.00 this month');
      await shot(page, 'cost-line-in-panel');
      const before = chatRequests().length;
      const { assistant } = await sendPrompt(view, 'Summarise README.md');
      const message = await waitForMessageState(assistant, 'error', TURN_WAIT_MS);
      await shot(page, 'cost-cap-refusal');
      assert.match(message.error, /Not sent: Example AI has cost \$0\.00 of \$0\.00 this month, its limit \(model\.remote maxMonthlyCostUsd\)/);
      assert.equal(chatRequests().length, before, 'nothing reached a model server');
      const entries = await cliAuditTail(workspace, configDir, 50);
      const refusal = entries.findLast((entry) => entry.action === 'model.cost.refuse');
      assert.equal(refusal?.decision, 'deny');
      assert.equal(refusal?.target, REMOTE_URL);
    });
  });

  describe('a remote model API in a network namespace made by the test', () => {
    // $0.10 per input token, $0.05 per output token: the fixture's small token counts give cents.
    const PRICE = { input: 100_000, output: 50_000 };
    let model: NamespacedModel | undefined;

    before(async function () {
      this.timeout(120_000);
      model = await startNamespacedModel(e2e().testCa);
      const managed = path.join(managedDir, 'namespace.yaml');
      writeFileSync(managed, [
        'version: 1',
        'model:',
        '  remote:',
        '    - provider: Namespace AI',
        `      url: ${model.baseUrl}`,
        '      purpose: e2e cost counting',
        '      maxMonthlyCostUsd: 100',
        `      priceUsdPerMillionTokens: { input: ${PRICE.input}, output: ${PRICE.output} }`,
        '',
      ].join('\n'));
      await applyMachineSettings(e2e().page, e2e().workspace, { 'airlock.policy.managedPath': managed });
      await e2e().applySettings({ 'airlock.model.baseUrl': model.baseUrl });
    });

    after(async function () {
      this.timeout(120_000);
      // The namespace goes first and whatever happens below: it is the machine's, not the window's.
      await model?.close();
      model = undefined;
      await e2e().applySettings();
      if (existsSync(machineSettingsFile(e2e().workspace))) await applyMachineSettings(e2e().page, e2e().workspace, {});
      await waitForStatus(e2e().view, 'ready', 30_000);
    });

    async function lastCost(): Promise<AuditTailEntry & { detail: { inputTokens: number; outputTokens: number; estimated: boolean; costUsd: number } }> {
      const entries = await cliAuditTail(e2e().workspace, e2e().configDir, 50);
      const entry = entries.findLast((candidate) => candidate.action === 'model.cost');
      assert.ok(entry !== undefined, 'a model.cost entry in the audit log');
      return entry as AuditTailEntry & { detail: { inputTokens: number; outputTokens: number; estimated: boolean; costUsd: number } };
    }

    it('counts a real reply from its usage, then one without usage as an estimate, and the panel says so', async function () {
      this.timeout(120_000);
      const { view, page } = e2e();
      const remote = model ?? assert.fail('the namespaced model did not start');
      const line = await waitForValue('the panel to show the cost line', costText, (text) => text.startsWith('Namespace AI:'), 30_000);
      assert.equal(line, 'Namespace AI: $0.00 of $100.00 this month');

      const chunks = ['The README ', 'describes ', 'a sample ', 'project.'];
      await remote.enqueue({ kind: 'text', chunks });
      const first = await sendPrompt(view, 'Summarise README.md');
      const reply = await waitForMessageState(first.assistant, 'done', TURN_WAIT_MS);
      assert.equal(reply.text.trim(), chunks.join(''));
      // The fixture reports the messages it was sent as prompt tokens and its chunks as completion tokens.
      const sent = (await remote.requests()).filter((request) => request.path === '/v1/chat/completions');
      assert.equal(sent.length, 1, 'one chat request reached the namespace');
      const body = sent[0]?.body as { messages: unknown[]; stream_options?: { include_usage?: boolean } };
      assert.equal(body.stream_options?.include_usage, true, 'the client asks a remote API for usage');
      const expectedUsd = (body.messages.length * PRICE.input + chunks.length * PRICE.output) / 1_000_000;
      const counted = await waitForValue('the panel to count the reply', costText, (text) => text !== line, 30_000);
      await shot(page, 'cost-counted-from-usage');
      assert.equal(counted, `Namespace AI: ${formatUsd(expectedUsd)} of $100.00 this month`);
      const reported = await lastCost();
      assert.deepEqual([reported.detail.inputTokens, reported.detail.outputTokens, reported.detail.estimated], [body.messages.length, chunks.length, false]);
      assert.equal(reported.target, remote.baseUrl);

      const unreported = ['No usage ', 'in this reply.'];
      await remote.enqueue({ kind: 'text', chunks: unreported, withoutUsage: true });
      const second = await sendPrompt(view, 'And the licence?');
      await waitForMessageState(second.assistant, 'done', TURN_WAIT_MS);
      const estimatedLine = await waitForValue('the panel to count the second reply', costText, (text) => text !== counted, 30_000);
      await shot(page, 'cost-estimated-without-usage');
      const estimate = await lastCost();
      assert.equal(estimate.detail.estimated, true);
      assert.equal(estimate.reason, 'reply counted (estimated: the server reported no usage)');
      // About four characters a token, rounded up.
      assert.equal(estimate.detail.outputTokens, Math.ceil(unreported.join('').length / 4));
      assert.ok(estimate.detail.inputTokens > 0, 'the sent conversation is estimated too');
      assert.equal(estimatedLine, `Namespace AI: ${formatUsd(expectedUsd + estimate.detail.costUsd)} of $100.00 this month (estimated)`);
    });
  });

  describe('a turn that keeps reading denied files', () => {
    it('pauses at the 10th refused read with a dialog that says so; Stop ends the turn', async function () {
      this.timeout(90_000);
      const { view, page, fixture, workspace, configDir } = e2e();
      const reads = { kind: 'tool-calls' as const, calls: Array.from({ length: 8 }, () => ({ name: 'fs_read', arguments: { path: '.env' } })) };
      fixture.enqueue(reads);
      fixture.enqueue(reads);
      const { assistant } = await sendPrompt(view, 'Find the API keys');
      const dialog = await waitForDialog(page, 'Airlock paused this turn', TURN_WAIT_MS);
      await shot(page, 'anomaly-pause-dialog');
      assert.match(dialog.message, /many file reads were refused/);
      assert.match(dialog.detail, /10 file reads were refused in this turn\. The policy pauses a turn at 10 \(anomalies\.deniedFileReadsPerTurn\)\./);
      // The order of a modal's buttons depends on the platform.
      assert.deepEqual(dialog.buttons.filter((label) => label !== 'Cancel').sort(), ['Continue', 'Stop']);
      await clickDialogButton(page, 'Stop');
      const stopped = await waitForMessageState(assistant, 'stopped', TURN_WAIT_MS);
      assert.match(stopped.text, /Stopped at Airlock's pause: 10 file reads were refused in this turn\./);
      await shot(page, 'anomaly-stopped-turn');
      assert.equal(await assistant.locator('.tool-card[data-tool="fs.read"]').count(), 10, 'the turn ran no tool call after the pause');
      const entries = await cliAuditTail(workspace, configDir, 50);
      const pause = entries.findLast((entry) => entry.action === 'anomaly.pause');
      const answer = entries.findLast((entry) => entry.action === 'anomaly.answer');
      assert.equal(pause?.target, 'anomalies.deniedFileReadsPerTurn');
      assert.equal(answer?.decision, 'deny');
      assert.equal(answer?.reason, 'stopped the turn');
    });
  });
});
