/**
 * What Xero's users do with an approved purchase order: copy it to a bill (a draft ACCPAY invoice
 * with the PO's contact, lines and currency, referencing the PO's number) and mark it BILLED.
 */
import { reject } from './batch.js';
import type { ChangeEvent } from './http.js';
import { saveInvoice } from './invoices-service.js';
import { PURCHASE_ORDERS, saveSimpleDocument } from './simple-documents.js';
import type { TenantStore } from './store.js';
import { roundTo } from './totals.js';
import { isJsonObject, type JsonObject } from './types.js';

export const COPY_NEEDS_APPROVAL = 'Only approved purchase orders can be copied to a bill.';

export interface PurchaseOrderContext {
  nowMs: number;
  baseCurrency: string;
  events: ChangeEvent[];
}

/** A PO line as a bill line: bills take no discounts, so a discounted unit price is folded in. */
function billLine(line: JsonObject): JsonObject {
  const { LineItemID: _id, LineAmount: _amount, TaxAmount: _tax, DiscountAmount: _discountAmount, DiscountRate: rate, Item: _item, AccountID: _account, ...rest } = line;
  if (typeof rate !== 'number' || rate === 0) return rest;
  return { ...rest, UnitAmount: roundTo(Number(rest['UnitAmount'] ?? 0) * (1 - rate / 100), 4) };
}

export async function copyPurchaseOrderToBill(store: TenantStore, purchaseOrderId: string, ctx: PurchaseOrderContext & { dueDate?: string }): Promise<{ bill: JsonObject; purchaseOrder: JsonObject }> {
  const found = /^[0-9a-f-]{36}$/i.test(purchaseOrderId) ? await store.get('PurchaseOrders', purchaseOrderId) : undefined;
  if (!found) reject(`Purchase Order ${purchaseOrderId} could not be found.`);
  const po = found.data;
  if (po['Status'] !== 'AUTHORISED') reject(COPY_NEEDS_APPROVAL);
  const lines = Array.isArray(po['LineItems']) ? po['LineItems'].filter(isJsonObject).map(billLine) : [];
  const bill = await saveInvoice(store, {
    Type: 'ACCPAY', Status: 'DRAFT', Contact: { ContactID: isJsonObject(po['Contact']) ? String(po['Contact']['ContactID']) : '' },
    LineItems: lines, LineAmountTypes: String(po['LineAmountTypes'] ?? 'Exclusive'), CurrencyCode: String(po['CurrencyCode'] ?? ctx.baseCurrency),
    ...(typeof po['PurchaseOrderNumber'] === 'string' ? { Reference: po['PurchaseOrderNumber'] } : {}),
    ...(ctx.dueDate ? { DueDate: ctx.dueDate } : {}),
  }, { nowMs: ctx.nowMs, baseCurrency: ctx.baseCurrency, events: ctx.events, unitDp: 4 });
  const purchaseOrder = await saveSimpleDocument(PURCHASE_ORDERS, store, { PurchaseOrderID: String(po['PurchaseOrderID']), Status: 'BILLED' }, {
    nowMs: ctx.nowMs, baseCurrency: ctx.baseCurrency, events: ctx.events, unitDp: 4,
  });
  return { bill, purchaseOrder };
}
