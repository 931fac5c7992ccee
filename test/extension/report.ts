// Reads the suite's result file and prints it the way mocha's spec reporter ends, so
// scripts/test-all.sh can add up "N passing" / "N failing" across stages.
import { existsSync, readFileSync } from 'node:fs';
import type { SuiteResult } from './suite/index';

export function readSuiteResult(resultPath: string): SuiteResult | undefined {
  if (!existsSync(resultPath)) return undefined;
  const parsed = JSON.parse(readFileSync(resultPath, 'utf8')) as Partial<SuiteResult>;
  if (typeof parsed.passed !== 'number' || typeof parsed.failed !== 'number') {
    throw new Error(`malformed result file ${resultPath}`);
  }
  return { passed: parsed.passed, failed: parsed.failed, tests: parsed.tests ?? [], failures: parsed.failures ?? [] };
}

export function formatSuiteResult(result: SuiteResult, title: string): string {
  const lines = ['', `  ${title}`];
  for (const test of result.tests) {
    lines.push(`    ${test.state === 'passed' ? '✔' : '✘'} ${test.title} (${test.durationMs} ms)`);
  }
  lines.push('', `  ${result.passed} passing`);
  if (result.failed > 0) lines.push(`  ${result.failed} failing`);
  result.failures.forEach((failure, i) => {
    lines.push('', `  ${i + 1}) ${failure.title}`, indent(failure.stack ?? failure.message, '     '));
  });
  return `${lines.join('\n')}\n`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
