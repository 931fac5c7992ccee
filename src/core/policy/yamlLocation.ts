import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type ParsedNode } from 'yaml';

/** A field path as zod reports it: object keys and array indexes. */
export type FieldPath = readonly PropertyKey[];

/** 1-based line and column. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * `egress.allow[0]`, `tools["fs.write"].risk`: tool ids contain dots, so keys that are not plain
 * identifiers are quoted, and a reader can paste the path back into a query.
 */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/**
 * Where a field is written. `atKey` points at the key rather than its value (an unknown or
 * misspelt key). A field that is missing from the file is reported at the deepest part of its
 * path that exists, so "risk is required" lands on the tool that lacks it.
 */
export function locateField(document: Document.Parsed, lines: LineCounter, path: FieldPath, atKey = false): LineColumn {
  const offset = fieldOffset(document, path, atKey);
  const position = lines.linePos(offset);
  return { line: position.line, column: position.col };
}

function fieldOffset(document: Document.Parsed, path: FieldPath, atKey: boolean): number {
  let node: Node | null = document.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    const step = childOf(document, node, segment);
    if (step === undefined) return startOf(keyNode ?? node) ?? 0;
    ({ node, keyNode } = step);
  }
  if (atKey && keyNode !== undefined) return startOf(keyNode) ?? 0;
  return startOf(node) ?? startOf(keyNode) ?? 0;
}

function childOf(document: Document.Parsed, parent: Node | null, segment: PropertyKey): { node: Node | null; keyNode: Node | undefined } | undefined {
  const container = isAlias(parent) ? parent.resolve(document) : parent;
  if (isMap(container)) {
    const pair = container.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (pair === undefined) return undefined;
    return { node: asNode(pair.value), keyNode: asNode(pair.key) ?? undefined };
  }
  if (isSeq(container) && typeof segment === 'number') {
    const item = container.items.at(segment);
    return item === undefined ? undefined : { node: asNode(item), keyNode: undefined };
  }
  return undefined;
}

function asNode(value: unknown): Node | null {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value) ? value : null;
}

function startOf(node: Node | null | undefined): number | undefined {
  return (node as ParsedNode | null | undefined)?.range[0];
}

/**
 * The field path of what is written at `offset`, as deep as the document's structure goes: a
 * duplicate key or a bad scalar is then named like a schema error (`egress.allow`).
 */
export function fieldAtOffset(document: Document.Parsed, offset: number): FieldPath {
  const path: PropertyKey[] = [];
  let node: Node | null = document.contents;
  for (;;) {
    const step = stepTowards(node, offset);
    if (step === undefined) return path;
    path.push(step.segment);
    if (step.node === null) return path;
    node = step.node;
  }
}

function stepTowards(node: Node | null, offset: number): { segment: PropertyKey; node: Node | null } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = asNode(pair.key);
      const value = asNode(pair.value);
      if (!isScalar(key)) continue;
      if (contains(value, offset)) return { segment: String(key.value), node: value };
      // The key itself, or what lies between it and its value (a tag, an anchor).
      const end = (value as ParsedNode | null)?.range[2] ?? key.range?.[2] ?? 0;
      if (key.range && offset >= key.range[0] && offset < end) return { segment: String(key.value), node: null };
    }
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => contains(asNode(item), offset));
    if (index >= 0) return { segment: index, node: asNode(node.items.at(index)) };
  }
  return undefined;
}

function contains(node: Node | null, offset: number): boolean {
  const range = (node as ParsedNode | null)?.range;
  return range !== undefined && offset >= range[0] && offset < range[2];
}
