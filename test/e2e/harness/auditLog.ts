// The audit log as the UI tests see it: the "Airlock Audit Log" webview panel (#filter-decision,
// #filter-text, #refresh, #summary, #integrity, #rows) and the `airlock audit verify|tail` CLI run
// with the same AIRLOCK_CONFIG_DIR as the code-server under test, so both find the same log.
import type { FrameLocator, Page } from 'playwright-core';
import { runAirlockCli, type CliRun } from './airlockCli';
import { waitForValue } from './waitFor';

const PANEL_WAIT_MS = 30_000;

/** One `tr` of `#rows`, its cells in the table's order. */
export interface AuditPanelRow {
  decisionAttr: string | null;
  seq: string;
  time: string;
  actor: string;
  tool: string;
  action: string;
  target: string;
  decision: string;
  reasonRule: string;
}

export interface AuditPanelState {
  /** `#integrity`'s `data-ok` ("true" / "false"; null before the first snapshot arrived). */
  integrityOk: string | null;
  integrity: string;
  summary: string;
  rows: AuditPanelRow[];
}

/** The parts of `airlock audit verify --json` the tests read. */
export interface AuditVerifyReport {
  status: string;
  file: string;
  ok: boolean;
  files: string[];
  entries: number;
  problem?: { kind: string; seq?: number; file: string; line: number; message: string };
  warnings: { kind: string; message: string }[];
}

/** One entry of `airlock audit tail --json` (one JSON object per line, as stored). */
export interface AuditTailEntry {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target?: string;
  decision?: string;
  reason?: string;
  rule?: string;
  detail?: unknown;
  hash: string;
  prevHash: string;
}

export interface AuditVerifyRun {
  run: CliRun;
  report: AuditVerifyReport;
}

export async function cliAuditVerify(workspace: string, configDir: string): Promise<AuditVerifyRun> {
  const run = await runAirlockCli(['audit', 'verify', '--workspace', workspace, '--json'], configDir);
  let report: AuditVerifyReport;
  try {
    report = JSON.parse(run.stdout) as AuditVerifyReport;
  } catch {
    throw new Error(`airlock audit verify --json printed no JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
  return { run, report };
}

export async function cliAuditTail(workspace: string, configDir: string, lines: number): Promise<AuditTailEntry[]> {
  const run = await runAirlockCli(['audit', 'tail', '--workspace', workspace, '--json', '-n', String(lines)], configDir);
  if (run.code !== 0) throw new Error(`airlock audit tail exited ${run.code}: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditTailEntry);
}

/** Picks the audit log webview by its content (the one with `#rows`), not by position. */
export async function findAuditWebview(page: Page, timeoutMs = PANEL_WAIT_MS): Promise<FrameLocator> {
  const outerFrames = page.locator('iframe.webview.ready');
  const index = await waitForValue(
    'the Airlock Audit Log webview (an iframe.webview.ready whose #active-frame has #rows)',
    async () => {
      const count = await outerFrames.count();
      for (let i = 0; i < count; i += 1) {
        if ((await outerFrames.nth(i).contentFrame().locator('#active-frame').contentFrame().locator('#rows').count()) > 0) {
          return i;
        }
      }
      return -1;
    },
    (found) => found >= 0,
    timeoutMs,
  );
  return outerFrames.nth(index).contentFrame().locator('#active-frame').contentFrame();
}

export async function readAuditPanel(panel: FrameLocator): Promise<AuditPanelState> {
  const integrity = panel.locator('#integrity');
  const trs = panel.locator('#rows tr');
  const rows: AuditPanelRow[] = [];
  for (let i = 0, count = await trs.count(); i < count; i += 1) {
    const tr = trs.nth(i);
    const cells = (await tr.locator('td').allTextContents()).map((text) => text.trim());
    rows.push({
      decisionAttr: await tr.getAttribute('data-decision'),
      seq: cells[0] ?? '',
      time: cells[1] ?? '',
      actor: cells[2] ?? '',
      tool: cells[3] ?? '',
      action: cells[4] ?? '',
      target: cells[5] ?? '',
      decision: cells[6] ?? '',
      reasonRule: cells[7] ?? '',
    });
  }
  return {
    integrityOk: await integrity.getAttribute('data-ok'),
    integrity: ((await integrity.textContent()) ?? '').trim(),
    summary: ((await panel.locator('#summary').textContent()) ?? '').trim(),
    rows,
  };
}

/** Reads the panel until `accept` holds (the page fills in when the extension's snapshot arrives). */
export function waitForAuditPanel(panel: FrameLocator, description: string, accept: (state: AuditPanelState) => boolean, timeoutMs = PANEL_WAIT_MS): Promise<AuditPanelState> {
  return waitForValue(`the audit log panel ${description}`, () => readAuditPanel(panel), accept, timeoutMs);
}
