// Numbered screenshots for a group of UI tests that must not shift the numbering of the others:
// the harness's own counter (01, 02, …) runs through every file in mocha's order, so a group
// that takes its screenshots from its own counter, starting at a fixed number, keeps both
// numberings stable whatever files run.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS_DIR } from './e2eHarness';

export type StepShot = (page: Page, name: string) => Promise<string>;

/** Saves `test-results/e2e/NN-name.png`, NN counting up from `first`; returns the file name. */
export function stepShots(first: number): StepShot {
  let next = first;
  return async (page, name) => {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = `${String(next).padStart(2, '0')}-${slug}.png`;
    next += 1;
    await page.screenshot({ path: path.join(RESULTS_DIR, file) });
    return file;
  };
}

/** The numbering of the guard's UI tests (firewall, repository overlay): 30 onwards, clear of the chat tests' 01–18. */
export const guardShot: StepShot = stepShots(30);
