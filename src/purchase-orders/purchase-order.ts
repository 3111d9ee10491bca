/** Purchase orders: what the organisation buys from a supplier, often for a sales order and its project, later sent to Xero. */
import type { DocumentLine, LineAmountTypes } from '../documents/index.js';

export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'received', 'billed', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const PURCHASE_ORDER_STATUS_LABELS: Record<PurchaseOrderStatus, string> = {
  draft: 'Draft',
  ordered: 'Ordered',
  received: 'Received',
  billed: 'Billed',
  cancelled: 'Cancelled',
};

export interface PurchaseOrderHeader {
  number: string | null;
  contactId: string;
  projectId: string | null;
  issueDate: string;
  deliveryDate: string | null;
  currency: string;
  lineAmountTypes: LineAmountTypes;
  reference: string | null;
  notes: string | null;
  deliveryAddress: string | null;
  attentionTo: string | null;
  telephone: string | null;
  deliveryInstructions: string | null;
}

/** The Xero purchase order this one became, as last seen (filled by sending and polling). */
export interface XeroPurchaseOrderState {
  purchaseOrderId: string;
  number: string | null;
  /** Xero's status: DRAFT, SUBMITTED, AUTHORISED, BILLED, DELETED. */
  status: string | null;
  sentAt: string | null;
  checkedAt: string | null;
  fingerprint: string | null;
}

export interface PurchaseOrder extends Omit<PurchaseOrderHeader, 'number'> {
  id: string;
  number: string;
  contactName: string;
  projectName: string | null;
  salesOrder: { id: string; number: string } | null;
  status: PurchaseOrderStatus;
  subTotal: number;
  totalTax: number;
  total: number;
  lines: DocumentLine[];
  xero: XeroPurchaseOrderState | null;
  updatedAt: string;
}

export interface PurchaseOrderSummary {
  id: string;
  number: string;
  contactId: string;
  contactName: string;
  projectId: string | null;
  salesOrderId: string | null;
  issueDate: string;
  deliveryDate: string | null;
  reference: string | null;
  currency: string;
  status: PurchaseOrderStatus;
  subTotal: number;
  total: number;
  xeroNumber: string | null;
  xeroStatus: string | null;
  sentToXero: boolean;
}
