/**
 * Every name Object.prototype answers to, and its lower-case form: the keys that a plain object
 * indexed by an outside name (a tool id, a host, a pack) would find without anyone writing them.
 */
export const PROTOTYPE_NAMES: readonly string[] = [...new Set(Object.getOwnPropertyNames(Object.prototype).flatMap((name) => [name, name.toLowerCase()]))];
