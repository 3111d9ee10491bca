/**
 * The header fields every document kind shares, validated the same way. Each kind adds its own
 * fields to this shape.
 */
import { z } from 'zod';
import { LINE_AMOUNT_TYPES } from './totals.js';
import { optionalText, requiredDate, requiredId } from '../http/form-input.js';

/** `contactSearch` and `productSearch` are the "Find …" boxes: kept when the form comes back, never saved. */
export const DOCUMENT_FIELDS = [
  'number',
  'contactId',
  'contactSearch',
  'productSearch',
  'issueDate',
  'currency',
  'lineAmountTypes',
  'reference',
  'notes',
] as const;

export const LINE_AMOUNT_TYPE_LABELS: Record<(typeof LINE_AMOUNT_TYPES)[number], string> = {
  Exclusive: 'Tax exclusive',
  Inclusive: 'Tax inclusive',
  NoTax: 'No tax',
};

export const documentHeaderShape = {
  number: z
    .string()
    .trim()
    .max(50, 'Number must be 50 characters or fewer.')
    .refine((v) => v === '' || /^[\p{L}\p{N}][\p{L}\p{N} ._/#-]*$/u.test(v), 'Number may use letters, digits, spaces and . _ / # - only.')
    .transform((v) => (v === '' ? null : v)),
  contactId: requiredId('Contact'),
  issueDate: requiredDate('Date'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Choose a currency from the list.'),
  lineAmountTypes: z.enum(LINE_AMOUNT_TYPES, { message: 'Choose whether amounts are tax exclusive, tax inclusive or no tax.' }),
  reference: optionalText('Reference', 255),
  notes: optionalText('Notes', 4000),
};
