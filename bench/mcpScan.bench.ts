// Calibration of the MCP tool-definition scan (issue 14) on real definitions from 72 npm servers
// and the public poisoning examples (bench/lib/mcpToolCorpus.ts), against the content guard
// alone fed every string of the same definitions (what `airlock scan` gives today). Targets:
// at least 90 % of poisoned definitions flagged, at most 2 % of real ones. The rules have no
// parameters fitted to the corpus, so leave-one-server-out figures equal the whole-corpus ones;
// the notes say which rule edits were made after reading the corpus. Also timed: scanning and
// pinning 1,000 real definitions.
import { performance } from 'node:perf_hooks';
import { scanContent } from '../src/core/content';
import { definitionStrings } from '../src/core/mcp/definitionStrings';
import type { ToolDefinition } from '../src/core/mcp/toolDefinition';
import type { scanToolDefinition as ScanToolDefinition } from '../src/core/mcp/toolDefinitionScan';
import type { toolPin as ToolPin } from '../src/core/mcp/toolPin';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { loadMcpToolCorpus, type ToolRow } from './lib/mcpToolCorpus';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';

const TARGET_POISONED = 0.9;
const TARGET_REAL = 0.02;
const TIMED_DEFINITIONS = 1000;
const ROUNDS = 5;

type Engine = (tool: ToolDefinition) => boolean;

// Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
const { scanToolDefinition, toolPin } = shippedModule<{ scanToolDefinition: typeof ScanToolDefinition; toolPin: typeof ToolPin }>('src/core/mcp/toolDefinitionScan.ts', 'src/core/mcp/toolPin.ts');

const COLUMNS = [
  { key: 'poisonedFlagged', label: 'poisoned flagged', decimals: 0 },
  { key: 'poisoned', label: 'poisoned', decimals: 0 },
  { key: 'poisonedPct', label: 'poisoned flagged %', decimals: 1 },
  { key: 'realFlagged', label: 'real flagged', decimals: 0 },
  { key: 'real', label: 'real', decimals: 0 },
  { key: 'realPct', label: 'real flagged %', decimals: 2 },
  { key: 'serverMeanPct', label: 'real flagged % (mean per server)', decimals: 2 },
  { key: 'msPer1000', label: 'ms per 1000 (scan + pin)', decimals: 1 },
] as const;

export function run(): Promise<BenchReport> {
  const title = 'MCP tool-definition scan: poisoned flagged, real definitions flagged';
  const corpus = loadMcpToolCorpus();
  if ('missing' in corpus) return Promise.resolve({ title, columns: COLUMNS, rows: [], notes: [corpus.missing] });
  const rows = corpus.rows;
  const airlock: Engine = (tool) => scanToolDefinition(tool).verdict !== 'allow';
  const guardAlone: Engine = (tool) => {
    const walked = definitionStrings(tool as unknown as Readonly<Record<string, unknown>>);
    return 'overLimit' in walked || walked.strings.some(({ text }) => scanContent(text).verdict !== 'allow');
  };
  const mine = measure(rows, airlock);
  const guard = measure(rows, guardAlone);
  const timed = rows.filter((row) => row.label === 'benign').slice(0, TIMED_DEFINITIONS).map((row) => row.tool);
  const reportRows: BenchRow[] = [
    { subject: 'airlock mcp scan', airlock: true, values: { ...mine.values, msPer1000: timeScanAndPin(timed) }, detail: mine.detail },
    { subject: 'content guard alone (airlock scan on every string)', airlock: false, values: guard.values, detail: guard.detail },
    ...perServer(rows, airlock),
  ];
  const poisonedRate = mine.poisonedRate;
  const realRate = mine.realRate;
  const clear = rows.filter((row) => row.label === 'poisoned' && !row.ambiguous);
  const clearFlagged = clear.filter((row) => airlock(row.tool)).length;
  return Promise.resolve({
    title,
    columns: COLUMNS,
    rows: reportRows,
    notes: [
      `target ≥ ${TARGET_POISONED * 100} % poisoned flagged: ${poisonedRate >= TARGET_POISONED ? 'met' : 'NOT met'} (${(poisonedRate * 100).toFixed(1)} %; ${clearFlagged}/${clear.length} without the rows the corpus marks ambiguous)`,
      `target ≤ ${TARGET_REAL * 100} % real flagged: ${realRate <= TARGET_REAL ? 'met' : 'NOT met'} (${(realRate * 100).toFixed(2)} %)`,
      'the rules are fixed patterns with no parameter fitted to the corpus, so leave-one-server-out figures are these figures',
      'honesty: the rules were written from the attack families in issue 14 after reading the 13 poisoned rows; two edits followed the first run on the real rows (not asking the user is not concealment; "hidden instructions" as a noun is not a directive)',
      'the poisoned side is 13 rows from 3 sources, all explicit; it says little about invisible-Unicode, enum or default payloads (see the unit tests for those)',
      `per-server rows list only servers with a flagged definition; the other ${serversWithout(rows, airlock)} real servers have none`,
      'the time is the definition scan and pin as they ship: src/core/mcp bundled by esbuild as npm run build bundles it (the tsx loader the benches run under slows cross-module calls in hot loops)',
    ],
  });
}

interface Measured {
  readonly values: Record<string, number>;
  readonly poisonedRate: number;
  readonly realRate: number;
  readonly detail: string;
}

function measure(rows: readonly ToolRow[], engine: Engine): Measured {
  const poisoned = rows.filter((row) => row.label === 'poisoned');
  const real = rows.filter((row) => row.label === 'benign');
  const poisonedFlagged = poisoned.filter((row) => engine(row.tool));
  const realFlagged = real.filter((row) => engine(row.tool)).length;
  const servers = groupByFile(real);
  const serverRates = [...servers.values()].map((tools) => tools.filter((row) => engine(row.tool)).length / tools.length);
  const missed = poisoned.filter((row) => !poisonedFlagged.includes(row)).map((row) => row.id);
  const poisonedRate = poisonedFlagged.length / Math.max(1, poisoned.length);
  const realRate = realFlagged / Math.max(1, real.length);
  return {
    poisonedRate,
    realRate,
    values: {
      poisonedFlagged: poisonedFlagged.length,
      poisoned: poisoned.length,
      poisonedPct: 100 * poisonedRate,
      realFlagged,
      real: real.length,
      realPct: 100 * realRate,
      serverMeanPct: (100 * serverRates.reduce((sum, rate) => sum + rate, 0)) / Math.max(1, serverRates.length),
    },
    detail: `${servers.size} real servers; poisoned missed: ${missed.length === 0 ? 'none' : missed.join(', ')}`,
  };
}

function perServer(rows: readonly ToolRow[], engine: Engine): BenchRow[] {
  return [...groupByFile(rows.filter((row) => row.label === 'benign')).entries()].flatMap(([file, tools]) => {
    const flagged = tools.filter((row) => engine(row.tool)).length;
    if (flagged === 0) return [];
    return [{ subject: `  ${file}`, airlock: false, values: { realFlagged: flagged, real: tools.length, realPct: (100 * flagged) / tools.length } }];
  });
}

function serversWithout(rows: readonly ToolRow[], engine: Engine): number {
  return [...groupByFile(rows.filter((row) => row.label === 'benign')).values()].filter((tools) => tools.every((row) => !engine(row.tool))).length;
}

function groupByFile(rows: readonly ToolRow[]): Map<string, ToolRow[]> {
  const groups = new Map<string, ToolRow[]>();
  for (const row of rows) groups.set(row.file, [...(groups.get(row.file) ?? []), row]);
  return groups;
}

/** Median over rounds of the time to scan and pin the definitions, per 1,000. */
function timeScanAndPin(tools: readonly ToolDefinition[]): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const tool of tools) {
      scanToolDefinition(tool);
      toolPin(tool);
    }
    samples.push(((performance.now() - start) * 1000) / Math.max(1, tools.length));
  }
  return median(samples);
}
