/**
 * What a database client keeps per raw connection, by key, least recently used first: the prepared
 * statements of the SQLite client (`sqlite-client.ts`, by SQL text) and the statement names of the
 * PostgreSQL client (`pg-client.ts`). The caller releases what `add` evicts (finalize, deallocate).
 */
export class KeptPerConnection<V> {
  private readonly byConnection = new WeakMap<object, Map<string, V>>();

  private entriesOf(connection: object): Map<string, V> {
    let entries = this.byConnection.get(connection);
    if (!entries) this.byConnection.set(connection, (entries = new Map()));
    return entries;
  }

  /** The entry for `key`, now the most recently used; undefined when the connection keeps none. */
  use(connection: object, key: string): V | undefined {
    const entries = this.entriesOf(connection);
    const value = entries.get(key);
    if (value === undefined) return undefined;
    entries.delete(key);
    entries.set(key, value);
    return value;
  }

  /** Keeps `value` for `key` as the most recently used; removes and returns the oldest entries past `limit`. */
  add(connection: object, key: string, value: V, limit: number): V[] {
    const entries = this.entriesOf(connection);
    entries.delete(key);
    entries.set(key, value);
    const evicted: V[] = [];
    for (const [oldestKey, oldest] of entries) {
      if (entries.size <= limit) break;
      entries.delete(oldestKey);
      evicted.push(oldest);
    }
    return evicted;
  }

  /** Removes the entry for `key` and returns it. */
  delete(connection: object, key: string): V | undefined {
    const entries = this.byConnection.get(connection);
    const value = entries?.get(key);
    entries?.delete(key);
    return value;
  }

  /** Removes and returns everything the connection keeps (it is closing). */
  takeAll(connection: object): V[] {
    const entries = this.byConnection.get(connection);
    this.byConnection.delete(connection);
    return [...(entries?.values() ?? [])];
  }

  /** What the connection keeps, oldest first (a copy, for tests). */
  snapshot(connection: object): ReadonlyMap<string, V> {
    return new Map(this.byConnection.get(connection) ?? []);
  }
}
