// Mocha root hooks (loaded through `require` in test/e2e/.mocharc.json): the harness starts once
// before every UI test file and stops after them all. If it cannot start, the root `before all`
// hook fails and mocha runs none of the tests — a setup failure ends the run at once instead of
// timing out test after test.
import type { Context } from 'mocha';
import { modalDialog } from './dialogs';
import { createCleanupStack, startE2eHarness, type E2eHarness } from './e2eHarness';

const SETUP_TIMEOUT_MS = 300_000;
const TEARDOWN_TIMEOUT_MS = 60_000;

const cleanup = createCleanupStack();
let harness: E2eHarness | undefined;

/** The running harness, for the tests. */
export function e2e(): E2eHarness {
  if (harness === undefined) {
    throw new Error('the e2e harness is not running (its setup failed: see the "before all" hook error)');
  }
  return harness;
}

/**
 * A failed test may leave a modal dialog or a quick input open, and every later test would then
 * fail behind it: answer them as a user would (Escape; a dialog's Escape is a denial), so one
 * failure is reported once.
 */
async function dismissLeftovers(running: E2eHarness): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = (await modalDialog(running.page).isVisible().catch(() => false)) || (await running.page.locator('.quick-input-widget').isVisible().catch(() => false));
    if (!open) return;
    await running.page.keyboard.press('Escape').catch(() => undefined);
    await running.page.waitForTimeout(500);
  }
}

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(SETUP_TIMEOUT_MS);
    harness = await startE2eHarness(cleanup);
  },
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (harness !== undefined && test?.state === 'failed') {
      const file = await harness.screenshot(`failed ${test.title}`);
      process.stderr.write(`  screenshot of the failure: test-results/e2e/${file}\n`);
      await dismissLeftovers(harness);
    }
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(TEARDOWN_TIMEOUT_MS);
    harness = undefined;
    await cleanup.run();
  },
};
