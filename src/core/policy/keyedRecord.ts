/**
 * Records keyed by names that come from outside: tool ids, hosts, pack and server names, model
 * URLs, chosen by a file, the model, the user or a server. A plain object indexed by such a name
 * finds `constructor`, `toString` or `__proto__` on Object.prototype; these helpers are the only
 * way the policy code reads and builds such records (a lint rule bans `record[key]` there).
 */

/** An empty record with no prototype: every key, `constructor` included, is just a key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The record's own value for `key`, never one inherited from a prototype. */
export function ownValue<T>(record: Readonly<Partial<Record<string, T>>> | undefined, key: string): T | undefined {
  // eslint-disable-next-line no-restricted-syntax -- the one guarded read: Object.hasOwn is checked first.
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `key` as an own property, even `__proto__` (which an assignment would treat as the prototype). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A prototype-free record from entries; a later entry replaces an earlier one with the same key. */
export function recordFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = emptyRecord<T>();
  for (const [key, value] of entries) setOwn(record, key, value);
  return record;
}

/** The record's own entries whose value is present (an overlay's record may hold undefined). */
export function ownEntries<T>(record: Readonly<Partial<Record<string, T>>> | undefined): [string, T][] {
  if (record === undefined) return [];
  return Object.keys(record).flatMap((key) => {
    const value = ownValue(record, key);
    return value === undefined ? [] : [[key, value] as [string, T]];
  });
}
