/**
 * Case-insensitive "contains" for list searches, as cheap as each dialect allows.
 *
 * SQLite's LIKE already ignores ASCII case, and its lower() folds ASCII only, so `lower(x) like ?` costs
 * a string copy per row for nothing: SQLite gets a plain `x like ?` (same matches, about a third less
 * work per row scanned; bench/README.md). PostgreSQL's LIKE is case-sensitive, so it gets ILIKE.
 * The search text is lower-cased in JS and its wildcards escaped, so "50%" means the text "50%".
 */
import type { Knex } from 'knex';

/** Escapes LIKE wildcards and wraps the text in `%…%`. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function operator(builder: Knex.QueryBuilder): string {
  return (builder.client as { dialect?: string }).dialect === 'postgresql' ? 'ilike' : 'like';
}

/** Adds `(col1 contains text OR col2 contains text …)` to `builder`. */
export function whereContains(builder: Knex.QueryBuilder, columns: readonly string[], text: string): void {
  const pattern = likePattern(text.toLowerCase());
  const op = operator(builder);
  builder.where((q) => {
    for (const column of columns) q.orWhereRaw(`?? ${op} ? escape '\\'`, [column, pattern]);
  });
}
