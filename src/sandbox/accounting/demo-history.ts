/**
 * Some history for a demo organisation, so the accountant's pages and the app have something to show:
 * sales invoices in each state (draft, submitted, approved, overdue, part paid, paid, credited,
 * voided), bills, purchase orders (draft, approved, billed) and one monthly repeating invoice. Built
 * through the same service functions as the API, dated relative to the organisation's clock; no
 * webhooks are sent for it.
 */
import { allocateCreditNote, saveCreditNote } from './credit-notes-service.js';
import { today } from './documents.js';
import type { ChangeEvent } from './http.js';
import { saveInvoice } from './invoices-service.js';
import { createPayment } from './payments-service.js';
import { copyPurchaseOrderToBill } from './accountant-actions.js';
import { saveRepeatingInvoice } from './repeating-invoices-service.js';
import { PURCHASE_ORDERS, saveSimpleDocument } from './simple-documents.js';
import type { TenantStore } from './store.js';
import type { JsonObject } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedDemoHistory(store: TenantStore, opts: { nowMs: number; baseCurrency: string }): Promise<void> {
  const events: ChangeEvent[] = [];
  const ctx = { nowMs: opts.nowMs, baseCurrency: opts.baseCurrency, events };
  const day = (offset: number) => today(opts.nowMs + offset * DAY_MS);
  const invoice = async (contact: string, dateOffset: number, status: string, lines: JsonObject[], type = 'ACCREC', reference?: string) =>
    saveInvoice(
      store,
      {
        Type: type,
        Contact: { Name: contact },
        Date: day(dateOffset),
        DueDate: day(dateOffset + 30),
        Status: status,
        LineItems: lines,
        ...(reference ? { Reference: reference } : {}),
      },
      ctx,
    );
  const pay = (inv: JsonObject, amount: number, dateOffset: number) =>
    createPayment(
      store,
      {
        Invoice: { InvoiceID: String(inv['InvoiceID']) },
        Account: { Code: '090' },
        Amount: amount,
        Date: day(dateOffset),
        Reference: 'Bank transfer',
      },
      ctx,
    );
  const service = (description: string, quantity: number, unitAmount: number): JsonObject => ({
    Description: description,
    Quantity: quantity,
    UnitAmount: unitAmount,
    AccountCode: '200',
  });
  const purchase = (description: string, quantity: number, unitAmount: number): JsonObject => ({
    Description: description,
    Quantity: quantity,
    UnitAmount: unitAmount,
    AccountCode: '300',
  });

  await invoice('ABC Furniture', -2, 'DRAFT', [service('Design consultation', 3, 120)], 'ACCREC', 'Quote follow-up');
  await invoice('Bayside Club', -4, 'SUBMITTED', [service('Event staffing', 8, 45)]);
  await invoice('Boom FM', -10, 'AUTHORISED', [{ ItemCode: 'DevD', Quantity: 2 }]);
  await invoice('City Agency', -50, 'AUTHORISED', [service('Monthly retainer', 1, 1500)], 'ACCREC', 'Overdue');
  const partPaid = await invoice('Coco Cafe', -25, 'AUTHORISED', [service('Menu photography', 1, 800)]);
  await pay(partPaid, 300, -12);
  const paid = await invoice('Hamilton Smith Ltd', -40, 'AUTHORISED', [{ ItemCode: 'Train-H', Quantity: 6 }]);
  await pay(paid, Number(paid['AmountDue']), -20);
  const credited = await invoice('Marine Systems', -35, 'AUTHORISED', [service('Site survey', 2, 400)]);
  const note = await saveCreditNote(
    store,
    {
      Type: 'ACCRECCREDIT',
      Contact: { ContactID: String((credited['Contact'] as JsonObject)['ContactID']) },
      Date: day(-30),
      Status: 'AUTHORISED',
      LineItems: [service('Survey day not needed', 1, 400)],
      Reference: `Credit for ${String(credited['InvoiceNumber'])}`,
    },
    ctx,
  );
  await allocateCreditNote(
    store,
    String(note['CreditNoteID']),
    { Invoice: { InvoiceID: String(credited['InvoiceID']) }, Amount: Number(note['Total']), Date: day(-30) },
    ctx,
  );
  const voided = await invoice('Rex Media Group', -15, 'AUTHORISED', [service('Ad campaign setup', 1, 950)]);
  await saveInvoice(store, { InvoiceID: String(voided['InvoiceID']), Status: 'VOIDED' }, ctx);

  await invoice('PowerDirect', -20, 'AUTHORISED', [purchase('Electricity', 1, 310.5)], 'ACCPAY', 'Account 88-120');
  const paidBill = await invoice('Port & Philip Freight', -28, 'AUTHORISED', [purchase('Freight', 3, 85)], 'ACCPAY');
  await pay(paidBill, Number(paidBill['AmountDue']), -14);

  const po = (contact: string, dateOffset: number, status: string, lines: JsonObject[]) =>
    saveSimpleDocument(
      PURCHASE_ORDERS,
      store,
      {
        Contact: { Name: contact },
        Date: day(dateOffset),
        DeliveryDate: day(dateOffset + 14),
        Status: status,
        LineItems: lines,
      },
      { ...ctx, unitDp: 2 },
    );
  await po('Swanston Security', -1, 'DRAFT', [purchase('Door access cards', 50, 4.2)]);
  await po('Marine Systems', -6, 'AUTHORISED', [purchase('Hull inspection kit', 1, 640)]);
  const billed = await po('Port & Philip Freight', -9, 'AUTHORISED', [purchase('Pallet delivery', 4, 55)]);
  await copyPurchaseOrderToBill(store, String(billed['PurchaseOrderID']), ctx);

  const firstOfNextMonth = new Date(opts.nowMs);
  const start = new Date(Date.UTC(firstOfNextMonth.getUTCFullYear(), firstOfNextMonth.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  await saveRepeatingInvoice(
    store,
    {
      Type: 'ACCREC',
      Contact: { Name: 'Ridgeway University' },
      Status: 'AUTHORISED',
      Reference: 'Support agreement',
      Schedule: { Period: 1, Unit: 'MONTHLY', DueDate: 20, DueDateType: 'OFFOLLOWINGMONTH', StartDate: `${start}T00:00:00` },
      LineItems: [{ ItemCode: 'Support-M', Quantity: 1 }],
    },
    ctx,
  );
}
