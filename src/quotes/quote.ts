/** Quotes: priced offers to a contact, numbered per organisation, that can become sales orders. */
import type { TenantDb } from '../db/tenant-db.js';
import type { DocumentLine, LineAmountTypes } from '../documents/index.js';

/**
 * The sales order made from a quote, if any: asked of the sales orders capability (injected by the
 * composition root, since sales orders import quotes). A converted quote is locked.
 */
export type SalesOrderOfQuote = (tdb: TenantDb, quoteId: string) => Promise<{ id: string; number: string } | null>;

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined' };

export interface QuoteHeader {
  number: string | null;
  contactId: string;
  issueDate: string;
  expiryDate: string | null;
  /** The project the quote belongs to, if any. */
  projectId: string | null;
  currency: string;
  lineAmountTypes: LineAmountTypes;
  reference: string | null;
  notes: string | null;
}

export interface Quote extends Omit<QuoteHeader, 'number'> {
  id: string;
  number: string;
  contactName: string;
  status: QuoteStatus;
  projectName: string | null;
  subTotal: number;
  totalTax: number;
  total: number;
  lines: DocumentLine[];
  /** The sales order made from this quote, if any. */
  salesOrder: { id: string; number: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuoteSummary {
  id: string;
  number: string;
  contactId: string;
  contactName: string;
  issueDate: string;
  expiryDate: string | null;
  reference: string | null;
  currency: string;
  status: QuoteStatus;
  subTotal: number;
  total: number;
}
