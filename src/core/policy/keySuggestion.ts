import { z } from 'zod';
import type { FieldPath } from './yamlLocation';
import { ownValue } from './keyedRecord';

/**
 * "did you mean requireApproval?" for a misspelt key. A typo in a security policy is worse than
 * in most files: `requireAproval` would silently drop a rule if objects were not strict, and a
 * bare "unrecognized key" leaves the user guessing which spelling is right.
 */
export function suggestKey(schema: z.ZodType, objectPath: FieldPath, key: string): string | undefined {
  const candidates = knownKeysAt(schema, objectPath);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(key.length / 3)) ? best.key : undefined;
}

/** The keys the object at `path` accepts; none when the path leads elsewhere. */
function knownKeysAt(schema: z.ZodType, path: FieldPath): string[] {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (node instanceof z.ZodObject) node = unwrap(ownValue(node.shape as Record<string, z.ZodType>, String(segment)));
    else if (node instanceof z.ZodRecord) node = unwrap(node.valueType as z.ZodType);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  while (node instanceof z.ZodDefault || node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
  return node;
}

/** Levenshtein distance; keys are short, so the quadratic table is fine. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous.at(j - 1) ?? 0) + (a.at(i - 1) === b.at(j - 1) ? 0 : 1);
      current.push(Math.min((previous.at(j) ?? 0) + 1, (current.at(j - 1) ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous.at(b.length) ?? 0;
}
