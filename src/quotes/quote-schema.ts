/** A quote's header: the kit's shared fields plus its expiry date. */
import { z } from 'zod';
import { documentHeaderShape } from '../documents/index.js';
import { optionalDate, optionalId } from '../http/form-input.js';

/** The quote's own form fields, beyond the kit's. */
export const QUOTE_FIELDS = ['expiryDate', 'projectId'] as const;

export const quoteHeaderSchema = z
  .object({
    ...documentHeaderShape,
    expiryDate: optionalDate('Expiry date'), // Absent (a caller older than projects on quotes) reads as none.
    projectId: optionalId('Project')
      .optional()
      .transform((v) => v ?? null),
  })
  .refine((q) => q.expiryDate === null || q.expiryDate >= q.issueDate, { path: ['expiryDate'], message: 'Expiry date must be on or after the quote date.' });
