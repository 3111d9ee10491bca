/**
 * One validation pass for a document of any kind as submitted: header fields (zod), lines against the
 * organisation's settings, then database checks (contact, currency, number). All messages are gathered
 * so the user sees every problem at once; nothing is written unless all pass.
 */
import type { z } from 'zod';
import { ValidationError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import { fieldErrorsOf, FORM_ERROR_MESSAGE, type FieldErrors, type FormValues } from '../http/form-input.js';
import type { LineDraft } from './lines.js';
import { validateLines, type PricedLines } from './line-validation.js';
import type { LineLookups } from './line-lookups.js';
import { checkContact, checkCurrency, checkNumberFree } from './document-checks.js';
import type { DocumentKind } from './document-kind.js';
import type { LineAmountTypes } from './totals.js';

export interface DocumentHeaderBase {
  number: string | null;
  contactId: string;
  currency: string;
  lineAmountTypes: LineAmountTypes;
}

export interface ValidDocument<H> {
  header: H;
  priced: PricedLines;
}

export interface DocumentValidationOptions {
  kind: DocumentKind;
  /** The document being edited (its own number and contact are allowed). */
  existing?: { id: string; contactId: string };
}

/** A capability's own database checks (e.g. the project of a sales order), adding to `errors`. */
export type ExtraCheck<H> = (header: H, errors: FieldErrors) => Promise<void>;

export async function validateDocument<H extends DocumentHeaderBase>(
  tdb: TenantDb,
  schema: z.ZodType<H>,
  values: FormValues,
  drafts: LineDraft[],
  lookups: LineLookups,
  options: DocumentValidationOptions,
  extra?: ExtraCheck<H>,
): Promise<ValidDocument<H>> {
  const errors: FieldErrors = {};
  const parsed = schema.safeParse(values);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const types: LineAmountTypes = parsed.success ? parsed.data.lineAmountTypes : 'Exclusive';
  const lines = validateLines(drafts, lookups, types);
  if (!lines.ok) Object.assign(errors, lines.fieldErrors);
  if (parsed.success) {
    checkCurrency(lookups, parsed.data.currency, errors);
    await checkContact(tdb, options.kind, parsed.data.contactId, options.existing?.contactId ?? null, errors);
    if (parsed.data.number) await checkNumberFree(tdb, options.kind, parsed.data.number, options.existing?.id, errors);
    if (extra) await extra(parsed.data, errors);
  }
  if (!parsed.success || !lines.ok || Object.keys(errors).length) throw new ValidationError(FORM_ERROR_MESSAGE, errors);
  return { header: parsed.data, priced: lines.priced };
}
