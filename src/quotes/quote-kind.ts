/** Quotes as a configuration of the document kit (src/documents). */
import type { DocumentKind } from '../documents/index.js';

export const QUOTE_KIND: DocumentKind = {
  key: 'quote',
  numberPrefix: 'QU',
  tables: { documents: 'quotes', lines: 'quote_lines', lineParent: 'quote_id' },
  ledgerSide: 'sales',
  counterparty: 'contact',
  basePath: '/quotes',
  views: 'quotes',
  messages: { noun: 'quote', title: 'Quote', plural: 'Quotes', deleteHint: '' },
};
