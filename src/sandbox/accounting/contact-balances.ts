/**
 * A contact's `Balances` as Xero reports them on GET /Contacts/{id}: what its approved sales invoices
 * (AccountsReceivable) and bills (AccountsPayable) still have due, and the part of that past its due
 * date. Raw amounts, added up in whatever currency each document is in (Xero's spec: "not converted to
 * base currency"). Drafts and invoices awaiting approval owe nothing yet; paid, voided and deleted ones
 * have nothing due.
 */
import type { TenantStore } from './store.js';
import { roundTo } from './totals.js';
import { isJsonObject, type JsonObject } from './types.js';

interface Owed {
  Outstanding: number;
  Overdue: number;
}

/** `today`: the organisation's date, `YYYY-MM-DD`; a document due today is not overdue yet. */
export async function contactBalances(store: TenantStore, contactId: string, today: string): Promise<JsonObject> {
  const receivable: Owed = { Outstanding: 0, Overdue: 0 };
  const payable: Owed = { Outstanding: 0, Overdue: 0 };
  const id = contactId.toLowerCase();
  for (const { data } of await store.list('Invoices')) {
    const contact = data['Contact'];
    if (!isJsonObject(contact) || String(contact['ContactID'] ?? '').toLowerCase() !== id) continue;
    if (data['Status'] !== 'AUTHORISED') continue;
    const due = Number(data['AmountDue'] ?? 0);
    if (!Number.isFinite(due) || due === 0) continue;
    const owed = data['Type'] === 'ACCPAY' ? payable : receivable;
    owed.Outstanding += due;
    if (String(data['DueDate'] ?? '').slice(0, 10) < today) owed.Overdue += due;
  }
  const rounded = (o: Owed): JsonObject => ({ Outstanding: roundTo(o.Outstanding, 2), Overdue: roundTo(o.Overdue, 2) });
  return { AccountsReceivable: rounded(receivable), AccountsPayable: rounded(payable) };
}
