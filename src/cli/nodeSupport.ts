import { engines } from '../../package.json';

/** Whether the Node running the CLI is one Airlock supports, read off package.json `engines.node`. */
export interface NodeSupport {
  readonly version: string;
  readonly required: string;
  readonly supported: boolean;
}

/**
 * Compares `version` ("v24.21.0") against a `>=MAJOR.MINOR.PATCH` range. Only that form is
 * understood: a richer range in package.json must come with a richer check, so anything else throws.
 */
export function checkNodeSupport(version: string, required: string = engines.node): NodeSupport {
  const minimum = parseMinimum(required);
  const actual = parseVersion(version);
  return { version, required, supported: actual !== undefined && compareVersions(actual, minimum) >= 0 };
}

type Triple = readonly [number, number, number];

function parseMinimum(range: string): Triple {
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!match) throw new Error(`engines.node "${range}" is not of the form >=MAJOR.MINOR.PATCH`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function parseVersion(version: string): Triple | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compareVersions(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
