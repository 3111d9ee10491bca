/** Lines of every document kind: as typed in the form (drafts) and as stored (document lines). */
import type { LineAmountTypes } from './totals.js';

/** One line as the user typed it: every field is text, so a re-render shows exactly what they typed. */
export interface LineDraft {
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  accountCode: string;
  taxType: string;
  tracking1: string;
  tracking2: string;
}

export const LINE_FIELDS = ['productId', 'description', 'quantity', 'unitPrice', 'discount', 'accountCode', 'taxType', 'tracking1', 'tracking2'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export const MAX_LINES = 100;
export const MAX_DESCRIPTION = 4000;

/** A validated line, priced: quantity and unit price × 10,000, rates percent × 10,000, amounts in cents. */
export interface DocumentLine {
  productId: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  discountRate: number;
  accountCode: string | null;
  taxType: string | null;
  taxRate: number;
  trackingOption1Id: string | null;
  trackingOption2Id: string | null;
  lineAmount: number;
  taxAmount: number;
}

export interface DocumentAmounts {
  lineAmountTypes: LineAmountTypes;
  subTotal: number;
  totalTax: number;
  total: number;
}

export const emptyLineDraft = (): LineDraft => ({
  productId: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  discount: '',
  accountCode: '',
  taxType: '',
  tracking1: '',
  tracking2: '',
});

/** The name of a line's input in the form, e.g. lines[2][quantity]; also the key of its error. */
export const lineFieldName = (index: number, field: LineField): string => `lines[${index}][${field}]`;
