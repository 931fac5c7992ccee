/**
 * The little of the DOM the reader uses, typed structurally. The project compiles without the
 * DOM lib (the core runs on Node), so linkedom's own declarations, which name `Document` and
 * `HTMLElement`, resolve to nothing here; these interfaces are what linkedom actually provides.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  readonly parentElement: DomElement | null;
  readonly firstElementChild: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  closest(selectors: string): DomElement | null;
  matches(selectors: string): boolean;
  replaceWith(...nodes: DomNode[]): void;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

export interface DomDocument extends DomNode {
  readonly title: string;
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}
