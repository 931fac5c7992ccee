// The public prompt-injection corpus (one JSONL file per upstream source), read only by benches
// and the derivation script: its text never enters the repository, and nothing in the build or
// the unit tests needs it. AIRLOCK_INJECTION_CORPUS points elsewhere; the default is the shared
// folder next to the checkout.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SourceRow {
  readonly id: string;
  readonly text: string;
  readonly label: 'injection' | 'benign';
  readonly family: string;
  readonly lang: string;
  /** The file (one upstream source) the row came from, without `.jsonl`. */
  readonly source: string;
  readonly ambiguous: boolean;
}

/** Sources whose licences allow scoring against them but not deriving anything that ships (see the corpus README). */
export const EVALUATION_ONLY_SOURCES: ReadonlySet<string> = new Set(['llm-pieval', 'promptmap-rules']);

/** Benign families that talk about prompts, rules, secrets and system messages without attacking. */
export const HARD_NEGATIVE_FAMILIES: ReadonlySet<string> = new Set(['benign-hard-negative', 'benign-system-prompt', 'benign-code-comment']);

export function injectionCorpusDir(): string {
  return process.env.AIRLOCK_INJECTION_CORPUS ?? path.resolve(__dirname, '../../../shared/corpora/injections');
}

/** Every row of every source, or why there are none (the folder is absent). */
export function loadInjectionCorpus(dir = injectionCorpusDir()): { rows: SourceRow[] } | { missing: string } {
  if (!existsSync(dir)) return { missing: `the injection corpus is not at ${dir} (set AIRLOCK_INJECTION_CORPUS); skipped` };
  const files = readdirSync(dir).filter((file) => file.endsWith('.jsonl')).sort();
  if (files.length === 0) return { missing: `no .jsonl sources in ${dir}; skipped` };
  const rows = files.flatMap((file) => {
    const source = file.slice(0, -'.jsonl'.length);
    return readFileSync(path.join(dir, file), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, index): SourceRow => {
      const row = JSON.parse(line) as { id?: unknown; text?: unknown; label?: unknown; family?: unknown; lang?: unknown; ambiguous?: unknown };
      if (typeof row.text !== 'string' || (row.label !== 'injection' && row.label !== 'benign')) throw new Error(`${file}:${index + 1}: expected {"text", "label": "injection"|"benign"}`);
      return {
        id: typeof row.id === 'string' ? row.id : `${source}-${index + 1}`,
        text: row.text,
        label: row.label,
        family: typeof row.family === 'string' ? row.family : 'unknown',
        lang: typeof row.lang === 'string' ? row.lang : 'und',
        source,
        ambiguous: row.ambiguous === true,
      };
    });
  });
  return { rows };
}
