/** Contracts as a configuration of the document kit (src/documents): their services are the kit's lines. */
import type { DocumentKind } from '../documents/index.js';

export const CONTRACT_KIND: DocumentKind = {
  key: 'contract',
  numberPrefix: 'CT',
  tables: { documents: 'contracts', lines: 'contract_lines', lineParent: 'contract_id' },
  ledgerSide: 'sales',
  counterparty: 'contact',
  basePath: '/contracts',
  views: 'contracts',
  messages: { noun: 'contract', title: 'Contract', plural: 'Contracts', deleteHint: 'To keep a record, cancel it instead.' },
};
