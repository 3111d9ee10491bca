/**
 * Pure: a Ledgerside purchase order → a Xero purchase order. The contact goes by ContactID only (Xero's
 * purchase-order endpoint does not create contacts: the supplier is ensured first). Reference is the
 * PO number and the sales order's number; delivery details and DeliveryDate go as typed. Status only on
 * a create (the organisation's default: DRAFT or AUTHORISED); an update leaves Xero's status alone, so a
 * purchase order approved or billed in Xero stays so. PurchaseOrderNumber is never sent: Xero numbers
 * its own and Ledgerside shows it. No CurrencyRate (Xero takes its own rate for the day).
 */
import { createHash } from 'node:crypto';
import { ObjectSerializer, type PurchaseOrder } from 'xero-node';
import { lineItemFingerprint, mapLineItems, type DocumentLineForXero, type LineMappingContext, type XeroLineAmountTypes } from './line-items.js';

export interface PurchaseOrderForXero {
  number: string;
  /** The sales order it was made for, if any. */
  salesOrderNumber: string | null;
  issueDate: string;
  deliveryDate: string | null;
  currency: string;
  lineAmountTypes: XeroLineAmountTypes;
  deliveryAddress: string | null;
  attentionTo: string | null;
  telephone: string | null;
  deliveryInstructions: string | null;
  lines: DocumentLineForXero[];
}

export interface PurchaseOrderDefaultsForXero {
  status: 'DRAFT' | 'AUTHORISED';
  /** Everything the lines need but the ledger side and amount types. */
  lines: Omit<LineMappingContext, 'side' | 'lineAmountTypes'>;
}

/** Xero's Reference: "PO-0001 / SO-0001" (the PO number alone when it belongs to no sales order). */
export const purchaseOrderReference = (number: string, salesOrderNumber: string | null): string =>
  salesOrderNumber ? `${number} / ${salesOrderNumber}` : number;

export interface PurchaseOrderPayload {
  purchaseOrder: PurchaseOrder;
  /** Fingerprint of what Xero keeps (lines without ids, header without status): equal → nothing to send. */
  fingerprint: string;
}

export function purchaseOrderPayload(
  po: PurchaseOrderForXero,
  contactId: string,
  defaults: PurchaseOrderDefaultsForXero,
  update?: { purchaseOrderId: string; lineItemIds: ReadonlyArray<string | null> },
): PurchaseOrderPayload {
  const ctx: LineMappingContext = { ...defaults.lines, side: 'purchases', lineAmountTypes: po.lineAmountTypes };
  const lineItems = mapLineItems(po.lines, ctx, update?.lineItemIds ?? []);
  const header = {
    contact: { contactID: contactId },
    date: po.issueDate,
    ...(po.deliveryDate ? { deliveryDate: po.deliveryDate } : {}),
    lineAmountTypes: po.lineAmountTypes,
    reference: purchaseOrderReference(po.number, po.salesOrderNumber),
    currencyCode: po.currency,
    // On an update an emptied field is sent empty, so Xero's copy loses it too.
    ...(po.deliveryAddress || update ? { deliveryAddress: po.deliveryAddress ?? '' } : {}),
    ...(po.attentionTo || update ? { attentionTo: po.attentionTo ?? '' } : {}),
    ...(po.telephone || update ? { telephone: po.telephone ?? '' } : {}),
    ...(po.deliveryInstructions || update ? { deliveryInstructions: po.deliveryInstructions ?? '' } : {}),
  };
  // xero-node's enums are string-valued at run time; the serializer writes them as Xero's text.
  const purchaseOrder = {
    ...(update ? { purchaseOrderID: update.purchaseOrderId } : {}),
    ...header,
    lineItems,
    ...(update ? {} : { status: defaults.status }),
  } as unknown as PurchaseOrder;
  const headerOnly = { ...header, deliveryAddress: po.deliveryAddress ?? '', attentionTo: po.attentionTo ?? '', telephone: po.telephone ?? '' };
  const canonical = JSON.stringify([
    purchaseOrderToWire({ ...headerOnly, deliveryInstructions: po.deliveryInstructions ?? '' } as unknown as PurchaseOrder),
    lineItems.map(lineItemFingerprint),
  ]);
  return { purchaseOrder, fingerprint: `xp1:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}` };
}

/** The JSON xero-node puts on the wire for a purchase order (PascalCase), for tests and logs. */
export function purchaseOrderToWire(purchaseOrder: PurchaseOrder): Record<string, unknown> {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(purchaseOrder, 'PurchaseOrder'))) as Record<string, unknown>;
}

/** What Xero's purchase-order status means for Ledgerside's status; null: no change. DELETED is shown, not mapped. */
export function statusFromXero(xeroStatus: string | null | undefined, current: string): 'ordered' | 'billed' | null {
  if (xeroStatus === 'BILLED' && current !== 'billed') return 'billed';
  if ((xeroStatus === 'AUTHORISED' || xeroStatus === 'SUBMITTED') && current === 'draft') return 'ordered';
  return null;
}
