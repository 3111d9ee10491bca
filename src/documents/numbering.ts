/**
 * Per-organisation document numbers (QU-0001, SO-0001), one sequence per document kind (its `key` and
 * `numberPrefix`). The counter lives in document_sequences;
 * numbers a user typed are skipped over, so the next suggestion is always free. Runs inside the
 * caller's transaction; the unique index on (organisation_id, number) is the final guard.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { DocumentKind } from './document-kind.js';

/** What numbering needs of a kind. */
export type NumberSequence = Pick<DocumentKind, 'key' | 'numberPrefix' | 'tables'>;

export const formatNumber = (sequence: NumberSequence, n: number): string => `${sequence.numberPrefix}-${String(n).padStart(4, '0')}`;

async function currentCounter(tdb: TenantDb, sequence: NumberSequence): Promise<number> {
  const row: unknown = await tdb.from('document_sequences').where({ kind: sequence.key }).first('next_number');
  const value = typeof row === 'object' && row !== null ? Number((row as { next_number: unknown }).next_number) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 1;
}

export async function numberExists(tdb: TenantDb, sequence: NumberSequence, number: string, exceptId?: string): Promise<boolean> {
  const query = tdb.from(sequence.tables.documents).where({ number });
  if (exceptId) query.whereNot({ id: exceptId });
  return (await query.first('id')) !== undefined;
}

/** The number the next document would get, without taking it (for the new-document form). */
export async function peekNextNumber(tdb: TenantDb, sequence: NumberSequence): Promise<string> {
  let n = await currentCounter(tdb, sequence);
  while (await numberExists(tdb, sequence, formatNumber(sequence, n))) n += 1;
  return formatNumber(sequence, n);
}

/** Takes the next free number and advances the counter past it. Call inside a transaction. */
export async function takeNextNumber(tdb: TenantDb, sequence: NumberSequence): Promise<string> {
  // Write before reading: the row lock (PostgreSQL) or write lock (SQLite) is taken first, so
  // concurrent saves queue behind each other instead of reading the same counter or failing to upgrade
  // a read lock (SQLITE_BUSY).
  const touched = await tdb.update('document_sequences', { kind: sequence.key }, { kind: sequence.key });
  if (touched === 0) await tdb.insert('document_sequences', { kind: sequence.key, next_number: 1 });
  let n = await currentCounter(tdb, sequence);
  while (await numberExists(tdb, sequence, formatNumber(sequence, n))) n += 1;
  await tdb.update('document_sequences', { kind: sequence.key }, { next_number: n + 1 });
  return formatNumber(sequence, n);
}
