/** What a quote form may submit: header fields, every line as typed, and the button pressed. */
import { z } from 'zod';
import { DOCUMENT_FIELDS, documentHeaderShape } from '../sales/document-schema.js';
import { formValues, optionalDate, type FormValues } from '../http/form-input.js';
import { parseFormAction, readLineDrafts, type FormAction } from '../sales/line-form.js';
import type { LineDraft } from '../sales/lines.js';
import { QUOTE_STATUSES } from './quote.js';

export const QUOTE_FIELDS = [...DOCUMENT_FIELDS, 'expiryDate'] as const;

export const quoteHeaderSchema = z.object({ ...documentHeaderShape, expiryDate: optionalDate('Expiry date') })
  .refine((q) => q.expiryDate === null || q.expiryDate >= q.issueDate, { path: ['expiryDate'], message: 'Expiry date must be on or after the quote date.' });

export interface QuoteForm {
  values: FormValues;
  drafts: LineDraft[];
  action: FormAction;
}

export function readQuoteForm(body: unknown): QuoteForm {
  return { values: formValues(body, QUOTE_FIELDS), drafts: readLineDrafts(body), action: parseFormAction(body) };
}

export const quoteStatusSchema = z.object({ status: z.enum(QUOTE_STATUSES, { message: 'Choose a valid status.' }) });
