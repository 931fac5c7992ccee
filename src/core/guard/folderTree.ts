import { compileGlobBucket, type GlobBucket, type GlobEntry } from './globBucket';

/**
 * Globs filed under their literal leading folders, one node per folder segment: a path walks down
 * its own folders and meets only the globs that could match it, without building prefix strings.
 * The root holds the globs with no literal folder, which every path meets.
 */
export interface FolderNode {
  readonly bucket: GlobBucket | undefined;
  readonly children: ReadonlyMap<string, FolderNode>;
}

interface GrowingNode {
  readonly entries: GlobEntry[];
  readonly children: Map<string, GrowingNode>;
}

/** `byFolder` keys are "/"-separated folders ('' for none), already case-folded when nocase. */
export function compileFolderTree(byFolder: ReadonlyMap<string, readonly GlobEntry[]>, nocase: boolean): FolderNode {
  const root: GrowingNode = { entries: [], children: new Map() };
  for (const [folder, entries] of byFolder) {
    let node = root;
    for (const segment of folder === '' ? [] : folder.split('/')) {
      const child = node.children.get(segment) ?? { entries: [], children: new Map() };
      node.children.set(segment, child);
      node = child;
    }
    node.entries.push(...entries);
  }
  return freeze(root, nocase);
}

function freeze(node: GrowingNode, nocase: boolean): FolderNode {
  return {
    bucket: node.entries.length === 0 ? undefined : compileGlobBucket(node.entries, nocase),
    children: new Map([...node.children].map(([segment, child]) => [segment, freeze(child, nocase)])),
  };
}
