/** Input of the import routes: which kind to import, which run to resume. Anything else is not found. */
import { z } from 'zod';
import { NotFoundError } from '../common/errors.js';
import { IMPORT_KINDS, type ImportKind } from './xero-import.js';

const kindSchema = z.enum(IMPORT_KINDS);
const runIdSchema = z.uuid();

export function parseKind(raw: unknown): ImportKind {
  const parsed = kindSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

export function parseRunId(raw: unknown): string {
  const parsed = runIdSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('import');
  return parsed.data;
}
