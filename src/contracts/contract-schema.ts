/** A contract's header: the kit's shared fields (issueDate is the start date) plus the contract's own terms. */
import { z } from 'zod';
import { documentHeaderShape } from '../documents/index.js';
import { checkbox, optionalId, requiredDate, requiredText } from '../http/form-input.js';
import { endDateOf } from './contract-revenue.js';
import { BILLING_FREQUENCIES, PAYMENT_TERMS_TYPES, type ContractHeader } from './contract.js';

/** The contract's own form fields, beyond the kit's. */
export const CONTRACT_FIELDS = [
  'title',
  'salesOrderId',
  'projectId',
  'termMonths',
  'billingFrequency',
  'firstInvoiceDate',
  'paymentTermsDays',
  'paymentTermsType',
  'autoRenew',
  'noticeDays',
] as const;

/** Whole number text within [min, max]; '' is `empty`. */
const wholeNumber = (label: string, min: number, max: number, empty: 'null' | 'required') =>
  z
    .string()
    .trim()
    .refine((v) => (v === '' ? empty === 'null' : /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max), {
      message: `${label} must be a whole number from ${min} to ${max}${empty === 'null' ? ', or blank' : ''}.`,
    })
    .transform((v) => (v === '' ? null : Number(v)));

export const contractHeaderSchema: z.ZodType<ContractHeader> = z
  .object({
    ...documentHeaderShape,
    issueDate: requiredDate('Start date'),
    title: requiredText('Title', 255),
    salesOrderId: optionalId('Sales order'),
    projectId: optionalId('Project'),
    termMonths: wholeNumber('Term (months)', 1, 600, 'null'),
    billingFrequency: z.enum(BILLING_FREQUENCIES, { message: 'Choose how often the customer is invoiced.' }),
    firstInvoiceDate: requiredDate('First invoice date'),
    paymentTermsDays: wholeNumber('Payment terms (days)', 0, 365, 'required').transform((v) => v ?? 0),
    paymentTermsType: z.enum(PAYMENT_TERMS_TYPES, { message: 'Choose when invoices are due.' }),
    autoRenew: checkbox,
    noticeDays: wholeNumber('Notice period (days)', 0, 365, 'null'),
  })
  .refine((c) => c.firstInvoiceDate >= c.issueDate, { path: ['firstInvoiceDate'], message: 'First invoice date must be on or after the start date.' })
  .refine((c) => c.termMonths === null || c.firstInvoiceDate <= (endDateOf(c.issueDate, c.termMonths) ?? c.firstInvoiceDate), {
    path: ['firstInvoiceDate'],
    message: 'First invoice date must fall within the term.',
  })
  .refine(
    (c) => !(c.paymentTermsType === 'OFCURRENTMONTH' || c.paymentTermsType === 'OFFOLLOWINGMONTH') || (c.paymentTermsDays >= 1 && c.paymentTermsDays <= 31),
    {
      path: ['paymentTermsDays'],
      message: 'A day of the month must be from 1 to 31.',
    },
  );
