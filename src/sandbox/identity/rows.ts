/** DB rows arrive untyped: these read one field each and fail loudly on a shape the schema forbids. */
export type Row = Record<string, unknown>;

export function asRow(value: unknown): Row | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw new Error('expected a database row');
  return value as Row;
}

export function asRows(value: unknown): Row[] {
  if (!Array.isArray(value)) throw new Error('expected database rows');
  return value.map((v) => asRow(v) ?? {});
}

export function str(row: Row, key: string): string {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`column ${key} is not text`);
  return v;
}

export function optStr(row: Row, key: string): string | undefined {
  const v = row[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') throw new Error(`column ${key} is not text`);
  return v;
}

export function num(row: Row, key: string): number {
  const v = row[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v); // pg returns bigint as text
  throw new Error(`column ${key} is not a number`);
}

export function optNum(row: Row, key: string): number | undefined {
  const v = row[key];
  return v === null || v === undefined ? undefined : num(row, key);
}
