// Entry point the extension host calls (extensionTestsPath): runs the mocha suite in-process and
// writes a result file, so a runner never has to parse the extension host's log to learn the outcome.
import Mocha from 'mocha';
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULT_ENV } from './suiteEnv';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
}

export interface TestFailure {
  title: string;
  message: string;
  stack: string | undefined;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  tests: TestOutcome[];
  failures: TestFailure[];
}

const FIRST_FILE = 'activation.test.js';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of suiteFiles(__dirname)) mocha.addFile(file);
  const result = await runMocha(mocha);
  const resultPath = process.env[RESULT_ENV];
  if (resultPath) writeResult(resultPath, result);
  if (result.failed > 0) throw new Error(`${result.failed} extension-host test(s) failed`);
}

/** Written then renamed, so a runner polling for the file never reads half of it. */
function writeResult(resultPath: string, result: SuiteResult): void {
  writeFileSync(`${resultPath}.partial`, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(`${resultPath}.partial`, resultPath);
}

/** The compiled test files next to this bundle; the activation tests first, as they observe a fresh host. */
export function suiteFiles(dir: string): string[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.test.js')).sort();
  return [...files.filter((name) => name === FIRST_FILE), ...files.filter((name) => name !== FIRST_FILE)].map((name) => path.join(dir, name));
}

function runMocha(mocha: Mocha): Promise<SuiteResult> {
  const result: SuiteResult = { passed: 0, failed: 0, tests: [], failures: [] };
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(result));
    runner.on('pass', (test) => {
      result.passed++;
      result.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
    });
    runner.on('fail', (test, error: Error) => {
      result.failed++;
      result.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0 });
      result.failures.push({ title: test.fullTitle(), message: error.message, stack: error.stack });
    });
  });
}
