import { z } from 'zod';

/**
 * The same schema with every object field optional and every default removed, at any depth.
 * An overlay or a managed file says only what it changes: a default filled into a section it
 * names (say `files.maxFileSizeMb: 5` when it only added a deny glob) would silently replace the
 * pack's value. Arrays stay whole (a list entry is complete or wrong); record values recurse, so
 * an overlay may disable a tool without restating its risk. Descriptions are kept for the JSON
 * Schema.
 */
export function deepOptional(schema: z.ZodType): z.ZodType {
  const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
  const description = schema.description ?? inner.description;
  const result = withoutDefaults(inner);
  return description === undefined ? result : result.describe(description);
}

function withoutDefaults(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const fields: Record<string, z.ZodType> = schema.shape;
    return z.strictObject(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, deepOptional(field).optional()])));
  }
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType as z.ZodString, deepOptional(schema.valueType as z.ZodType));
  return schema;
}
