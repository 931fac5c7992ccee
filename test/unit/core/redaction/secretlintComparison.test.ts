import assert from 'node:assert/strict';
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { redact } from '../../../../src/core/redaction';
import { LOOK_ALIKES, SECRET_ROWS } from './secretFixtures';

/** The rule ids secretlint's recommended preset reports for `text` (`github/GITHUB_TOKEN`, …). */
export async function secretlintFindings(text: string): Promise<string[]> {
  const result = await lintSource({
    source: { content: text, filePath: '/fixture/file.txt', contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }] } },
  });
  return result.messages.map((message) => `${message.ruleId.replace('@secretlint/secretlint-rule-', '')}/${message.messageId}`);
}

// Informational: which kinds each engine finds on the same fixture. It prints a table and asserts
// only what must hold: Airlock finds every row, and flags no look-alike.
describe('core/redaction compared with secretlint\'s recommended preset (informational)', function () {
  this.timeout(30_000);

  it('reports the kinds each finds on the shared fixture', async () => {
    const byKind = new Map<string, { rows: number; airlock: number; secretlint: number; rules: Set<string> }>();
    for (const row of SECRET_ROWS) {
      const stats = byKind.get(row.kind) ?? { rows: 0, airlock: 0, secretlint: 0, rules: new Set<string>() };
      stats.rows++;
      if (!redact(row.text).text.includes(row.secret)) stats.airlock++;
      const findings = await secretlintFindings(row.text);
      if (findings.length > 0) stats.secretlint++;
      for (const finding of findings) stats.rules.add(finding);
      byKind.set(row.kind, stats);
    }
    let falsePositives = { airlock: 0, secretlint: 0 };
    for (const { text } of LOOK_ALIKES) {
      falsePositives = {
        airlock: falsePositives.airlock + (redact(text).redactions.length > 0 ? 1 : 0),
        secretlint: falsePositives.secretlint + ((await secretlintFindings(text)).length > 0 ? 1 : 0),
      };
    }
    const lines = [...byKind].map(([kind, stats]) => `      ${kind.padEnd(28)} rows ${String(stats.rows).padStart(2)}  airlock ${String(stats.airlock).padStart(2)}  secretlint ${String(stats.secretlint).padStart(2)}  ${[...stats.rules].join(', ')}`);
    const total = (key: 'airlock' | 'secretlint'): number => [...byKind.values()].reduce((sum, stats) => sum + stats[key], 0);
    process.stdout.write(`${lines.join('\n')}\n      found: airlock ${total('airlock')}/${SECRET_ROWS.length}, secretlint ${total('secretlint')}/${SECRET_ROWS.length}; look-alikes flagged: airlock ${falsePositives.airlock}/${LOOK_ALIKES.length}, secretlint ${falsePositives.secretlint}/${LOOK_ALIKES.length}\n`);
    assert.equal(total('airlock'), SECRET_ROWS.length);
    assert.equal(falsePositives.airlock, 0);
  });
});
