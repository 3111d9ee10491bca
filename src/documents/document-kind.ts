/**
 * What makes one kind of line-item document different from another. Quotes and sales orders are
 * configurations of the kit (src/quotes/quote-kind.ts, src/sales-orders/sales-order-kind.ts); purchase
 * orders (purchases side, a supplier, PO-0001) and contract services plug in the same way. Everything
 * the kit does for a kind (numbering, lines, lookups, list, checks, messages, pages) reads it from here.
 */

/** Which side of the ledger a document's accounts, tax rates and product prices come from. */
export type LedgerSide = 'sales' | 'purchases';

export interface DocumentKind {
  /** Its numbering sequence in `document_sequences.kind`: 'quote', 'sales_order'. Never change it once used. */
  key: string;
  /** QU → QU-0001. */
  numberPrefix: string;
  tables: {
    /** The documents' table: one row per document (number, contact_id, issue_date, currency, totals, status, search_key). */
    documents: string;
    /** Its lines' table (the columns of `line-repository.ts`). */
    lines: string;
    /** The lines' column naming their document: 'quote_id'. */
    lineParent: string;
  };
  /** Sales documents offer revenue accounts, sales tax rates and sale prices; purchases ones the other side. */
  ledgerSide: LedgerSide;
  /** Who the document is with: every active contact, or only a supplier (purchase orders). */
  counterparty: 'contact' | 'supplier';
  /** Where its pages live ('/quotes') and its templates (`views/<views>/list|form|show.ejs`). */
  basePath: string;
  views: string;
  messages: {
    /** 'quote', 'sales order': in sentences ("Edit quote QU-0001", "already used by another quote"). */
    noun: string;
    /** 'Quote', 'Sales order': at the start of a sentence or a title. */
    title: string;
    /** 'Quotes', 'Sales orders': the list page. */
    plural: string;
    /** Said on the delete confirmation after "… will be deleted. This can't be undone." ('' for nothing). */
    deleteHint: string;
  };
}
