/** Whether a database error is a unique-constraint violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT UNIQUE). */
export function isUniqueViolation(error: unknown, indexHint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : '';
  const detail = 'constraint' in error ? String(error.constraint) : message;
  const unique = code === '23505' || (code.startsWith('SQLITE_CONSTRAINT') && /UNIQUE/i.test(message));
  if (!unique || !indexHint) return unique;
  return detail.includes(indexHint) || message.includes(indexHint);
}
