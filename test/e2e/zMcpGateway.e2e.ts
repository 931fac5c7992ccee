// UI test of Airlock's MCP gateway in VS Code's own MCP list (code-server + Chromium): the
// extension's server definition provider offers one server, "Airlock", in a trusted workspace,
// and VS Code's "MCP: List Servers" shows it. Starting it while the policy names no MCP server is
// refused with the reason (resolveMcpServerDefinition), so VS Code's chat never gets a gateway
// the policy does not back.
// VS Code's MCP commands exist only with its AI features on, and turning them on enables its
// bundled chat extension until the window reloads, which the side-door tests count as a door:
// this file's name makes it run after every other file.
import assert from 'node:assert/strict';
import { closeQuickInput, submitInput, waitForQuickInput } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { focusWorkbench, startCommand } from './harness/workbench';

const shot = stepShots(170);

describe('MCP gateway: Airlock in VS Code\'s own MCP server list (UI: code-server + Chromium)', () => {
  // The suite turns VS Code's own AI features off (a quiet workbench); its MCP commands come with them.
  before(async function () {
    this.timeout(60_000);
    await e2e().applySettings({ 'chat.disableAIFeatures': false });
  });

  after(async function () {
    this.timeout(60_000);
    await closeQuickInput(e2e().page);
    await e2e().applySettings();
  });

  it('"MCP: List Servers" lists Airlock; a start without an MCP server in the policy is refused with the reason', async function () {
    this.timeout(90_000);
    const { page } = e2e();
    await focusWorkbench(page);
    await startCommand(page, 'MCP: List Servers');
    const list = await waitForValue('VS Code\'s MCP list to show Airlock', () => waitForQuickInput(page, /.*/), (pick) => pick.rows.some((row) => /Airlock/.test(row)));
    await shot(page, 'mcp list shows airlock');
    assert.ok(list.rows.some((row) => /Airlock/.test(row)), list.rows.join('\n'));
    await submitInput(page, 'Airlock');
    // By filter and Enter, not a click: the list re-renders as servers report in, and a click once landed on "Add Server".
    const actions = await waitForValue('the actions for Airlock', () => waitForQuickInput(page, /.*/), (pick) => pick.rows.some((row) => /Start Server/i.test(row)));
    await submitInput(page, 'Start Server');
    // Refused in resolveMcpServerDefinition: the server never runs (VS Code shows it stopped or in error).
    const airlockRow = async (): Promise<string> => {
      await focusWorkbench(page);
      await startCommand(page, 'MCP: List Servers');
      const pick = await waitForValue('VS Code\'s MCP list', () => waitForQuickInput(page, /.*/), (list) => list.rows.some((row) => /Airlock/.test(row)));
      await closeQuickInput(page);
      return pick.rows.find((row) => /Airlock/.test(row)) ?? '';
    };
    const row = await waitForValue('the start to end', airlockRow, (text) => !/Starting/i.test(text), 45_000);
    await shot(page, 'mcp gateway start refused');
    assert.doesNotMatch(row, /Running/i);
    assert.match(row, /Stopped|Error/i);
    assert.ok(actions.rows.some((line) => /Start Server/i.test(line)), actions.rows.join('\n'));
  });
});
