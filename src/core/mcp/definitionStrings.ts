/**
 * Every string of a tool definition that reaches the model, with where it sits: the name, title,
 * description, and in the input schema every property name and every string value at any depth
 * (descriptions, titles, defaults, enum and example values, nested schemas). Bounded, so a
 * definition built to exhaust the scanner is refused instead of scanned.
 */

export const DEFINITION_LIMITS = {
  /** Nesting depth of objects and arrays below the definition. */
  maxDepth: 32,
  /** Strings (values and keys) in one definition. */
  maxStrings: 20_000,
  /** UTF-16 code units over all strings of one definition. */
  maxChars: 512 * 1024,
} as const;

export interface DefinitionString {
  /** A dotted path: `description`, `inputSchema.properties.city.description`, `inputSchema.properties.<key>` for a property name. */
  readonly at: string;
  readonly text: string;
  /** True for a key of `properties`: the name of a parameter the model is asked to fill. */
  readonly parameterName: boolean;
  /** Set when the string belongs to one parameter's schema (its name), so rules can tell parameter text from tool text. */
  readonly parameter?: string;
}

export type DefinitionStrings = { readonly strings: readonly DefinitionString[] } | { readonly overLimit: string };

const TOP_LEVEL_KEYS = ['name', 'title', 'description', 'inputSchema', 'annotations'] as const;

/** Walks the definition iteratively (no recursion, so depth cannot overflow the stack), in a fixed order. */
export function definitionStrings(definition: Readonly<Record<string, unknown>>): DefinitionStrings {
  const strings: DefinitionString[] = [];
  let chars = 0;
  type Frame = { readonly value: unknown; readonly at: string; readonly depth: number; readonly parameter?: string };
  const stack: Frame[] = [];
  for (let i = TOP_LEVEL_KEYS.length - 1; i >= 0; i--) {
    const key = TOP_LEVEL_KEYS[i] as string;
    // Own keys only: a definition comes from a server, and must not reach Object.prototype.
    if (Object.hasOwn(definition, key) && definition[key] !== undefined) stack.push({ value: definition[key], at: key, depth: 0 });
  }
  const add = (text: string, at: string, parameterName: boolean, parameter: string | undefined): string | undefined => {
    chars += text.length;
    if (strings.length >= DEFINITION_LIMITS.maxStrings) return `more than ${DEFINITION_LIMITS.maxStrings} strings`;
    if (chars > DEFINITION_LIMITS.maxChars) return `more than ${DEFINITION_LIMITS.maxChars} characters of text`;
    strings.push(parameter === undefined ? { at, text, parameterName } : { at, text, parameterName, parameter });
    return undefined;
  };
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, at, depth, parameter } = frame;
    if (typeof value === 'string') {
      const over = add(value, at, false, parameter);
      if (over !== undefined) return { overLimit: over };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= DEFINITION_LIMITS.maxDepth) return { overLimit: `nested deeper than ${DEFINITION_LIMITS.maxDepth} levels` };
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    const isProperties = at.endsWith('.properties') && !Array.isArray(value);
    const children: Frame[] = [];
    for (const [key, child] of entries) {
      const childAt = `${at}.${key}`;
      const childParameter = isProperties ? key : parameter;
      if (!Array.isArray(value)) {
        const over = add(key, childAt, isProperties, childParameter);
        if (over !== undefined) return { overLimit: over };
      }
      children.push(childParameter === undefined ? { value: child, at: childAt, depth: depth + 1 } : { value: child, at: childAt, depth: depth + 1, parameter: childParameter });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Frame);
  }
  return { strings };
}
