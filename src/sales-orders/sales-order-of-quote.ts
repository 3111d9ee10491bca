/** Which sales order a quote became: what quotes ask (through app.ts) to show the link and lock the quote. */
import type { SalesOrderOfQuote } from '../quotes/index.js';
import { requiredText, type DbRow } from '../db/row-values.js';

export const salesOrderOfQuote: SalesOrderOfQuote = async (tdb, quoteId) => {
  const row: DbRow | undefined = await tdb.from('sales_orders').where({ quote_id: quoteId }).first('id', 'number');
  return row ? { id: requiredText(row, 'id'), number: requiredText(row, 'number') } : null;
};
