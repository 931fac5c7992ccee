/**
 * The Node versions the CLI runs on: undici 8 and openai 7, which it bundles, need 22.19. Kept
 * here rather than in package.json `engines`: the package is never installed from a registry,
 * and `engines.node` there only made npm on an older machine Node warn on every `npx airlock`
 * call about a Node that does not run the CLI (npx runs it on the toolchain's Node 24).
 */
export const SUPPORTED_NODE = '>=22.19.0';

/** Whether the Node running the CLI is one Airlock supports. */
export interface NodeSupport {
  readonly version: string;
  readonly required: string;
  readonly supported: boolean;
}

/**
 * Compares `version` ("v24.21.0") against a `>=MAJOR.MINOR.PATCH` range. Only that form is
 * understood: a richer range must come with a richer check, so anything else throws.
 */
export function checkNodeSupport(version: string, required: string = SUPPORTED_NODE): NodeSupport {
  const minimum = parseMinimum(required);
  const actual = parseVersion(version);
  return { version, required, supported: actual !== undefined && compareVersions(actual, minimum) >= 0 };
}

type Triple = readonly [number, number, number];

function parseMinimum(range: string): Triple {
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!match) throw new Error(`the supported Node range "${range}" is not of the form >=MAJOR.MINOR.PATCH`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function parseVersion(version: string): Triple | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compareVersions(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
