/**
 * The Xero invoice of each sales order (columns on sales_orders) and its lines as last sent
 * (xero_sent_lines, kind 'sales_order'): read, record a send, apply what Xero says, unlink.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { dbTime, int, requiredText, text, type DbRow } from '../db/row-values.js';
import type { SentLineItem } from '../xero/index.js';
import { sentLines } from '../xero-sync/index.js';
import { rowOfLoadedOrder } from '../sales-orders/index.js';
import type { InvoicePayment, XeroInvoiceSnapshot } from './invoice-state.js';

export const SALES_ORDER_KIND = 'sales_order';

export interface OrderInvoiceLink {
  orderId: string;
  orderNumber: string;
  orderCurrency: string;
  orderUpdatedAt: string | null;
  snapshot: XeroInvoiceSnapshot | null;
  sentAt: string | null;
  sentFingerprint: string | null;
  readAt: string | null;
}

function paymentsOf(raw: unknown): InvoicePayment[] {
  if (typeof raw !== 'string' || raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((p: unknown) =>
      typeof p === 'object' && p !== null
        ? [
            {
              date: String((p as Record<string, unknown>).date ?? ''),
              amount: Number((p as Record<string, unknown>).amount ?? 0),
              reference: String((p as Record<string, unknown>).reference ?? ''),
            },
          ]
        : [],
    );
  } catch {
    return [];
  }
}

const timeText = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : typeof value === 'string' && value ? value : null);

export function snapshotFromRow(row: DbRow): XeroInvoiceSnapshot | null {
  const invoiceId = text(row, 'xero_invoice_id');
  if (!invoiceId) return null;
  return {
    invoiceId,
    number: text(row, 'xero_invoice_number'),
    status: text(row, 'xero_invoice_status'),
    currency: text(row, 'xero_currency'),
    total: int(row, 'xero_total'),
    amountPaid: int(row, 'xero_amount_paid'),
    amountCredited: int(row, 'xero_amount_credited'),
    amountDue: int(row, 'xero_amount_due'),
    dueDate: text(row, 'xero_due_date'),
    fullyPaidOn: text(row, 'xero_paid_date'),
    payments: paymentsOf(row.xero_payments),
    updatedAt: text(row, 'xero_updated_at'),
  };
}

const snapshotColumns = (s: XeroInvoiceSnapshot) => ({
  xero_invoice_id: s.invoiceId,
  xero_invoice_number: s.number,
  xero_invoice_status: s.status,
  xero_currency: s.currency,
  xero_total: s.total,
  xero_amount_paid: s.amountPaid,
  xero_amount_credited: s.amountCredited,
  xero_amount_due: s.amountDue,
  xero_due_date: s.dueDate,
  xero_paid_date: s.fullyPaidOn,
  xero_payments: JSON.stringify(s.payments),
  xero_updated_at: s.updatedAt,
});

function linkFromRow(row: DbRow): OrderInvoiceLink {
  return {
    orderId: requiredText(row, 'id'),
    orderNumber: requiredText(row, 'number'),
    orderCurrency: requiredText(row, 'currency'),
    orderUpdatedAt: timeText(row.updated_at),
    snapshot: snapshotFromRow(row),
    sentAt: text(row, 'xero_sent_at'),
    sentFingerprint: text(row, 'xero_sent_fingerprint'),
    readAt: text(row, 'xero_read_at'),
  };
}

export function invoiceLinks(tdb: TenantDb) {
  return {
    async get(orderId: string): Promise<OrderInvoiceLink | null> {
      const row: DbRow | undefined = await tdb.from('sales_orders').where('id', orderId).first();
      return row ? linkFromRow(row) : null;
    },

    /** The link of an order its record page has loaded, from the row it was read from (read again only if it has none). */
    async ofLoaded(order: { id: string }): Promise<OrderInvoiceLink | null> {
      const loaded = rowOfLoadedOrder(order);
      const row: DbRow | undefined = loaded && text(loaded, 'id') === order.id ? loaded : await tdb.from('sales_orders').where('id', order.id).first();
      return row ? linkFromRow(row) : null;
    },

    /** The links of many orders (a bulk batch's), one statement per 500; missing orders absent. */
    async getMany(orderIds: readonly string[]): Promise<Map<string, OrderInvoiceLink>> {
      const out = new Map<string, OrderInvoiceLink>();
      const unique = [...new Set(orderIds)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows: DbRow[] = await tdb.from('sales_orders').whereIn('id', unique.slice(i, i + 500));
        for (const row of rows) out.set(requiredText(row, 'id'), linkFromRow(row));
      }
      return out;
    },

    sentLines: (orderId: string): Promise<SentLineItem[]> => sentLines(tdb, SALES_ORDER_KIND).read(orderId),

    /** A send succeeded: the invoice as Xero answered, the fingerprint and lines of what was sent. */
    async recordSent(orderId: string, snapshot: XeroInvoiceSnapshot, fingerprint: string, lines: SentLineItem[], now: Date): Promise<void> {
      await tdb.transaction(async (trx) => {
        // updated_at is left alone: it says when the order itself last changed ("changed since").
        await trx.update(
          'sales_orders',
          { id: orderId },
          { ...snapshotColumns(snapshot), xero_sent_at: dbTime(now), xero_sent_fingerprint: fingerprint, xero_read_at: dbTime(now) },
        );
        await sentLines(trx, SALES_ORDER_KIND).replace(orderId, lines);
      });
    },

    /** What Xero says now (webhook, poll, Refresh from Xero, a read before an update). Stale answers (older UpdatedDateUTC) are ignored. */
    async applySnapshot(orderId: string, snapshot: XeroInvoiceSnapshot, now: Date): Promise<boolean> {
      const current = await this.get(orderId);
      if (current?.snapshot?.invoiceId && current.snapshot.invoiceId !== snapshot.invoiceId) return false;
      if (current?.snapshot?.updatedAt && snapshot.updatedAt && snapshot.updatedAt < current.snapshot.updatedAt) {
        await tdb.update('sales_orders', { id: orderId }, { xero_read_at: dbTime(now) });
        return false;
      }
      await tdb.update('sales_orders', { id: orderId }, { ...snapshotColumns(snapshot), xero_read_at: dbTime(now) });
      return true;
    },

    /** Create a new invoice: forget the voided or deleted one (it stays in Xero), so the next send creates another. */
    async unlink(orderId: string): Promise<void> {
      await tdb.transaction(async (trx) => {
        await trx.update(
          'sales_orders',
          { id: orderId },
          {
            xero_invoice_id: null,
            xero_invoice_number: null,
            xero_invoice_status: null,
            xero_currency: null,
            xero_total: null,
            xero_amount_paid: null,
            xero_amount_credited: null,
            xero_amount_due: null,
            xero_due_date: null,
            xero_paid_date: null,
            xero_payments: null,
            xero_updated_at: null,
            xero_sent_at: null,
            xero_sent_fingerprint: null,
            xero_read_at: null,
          },
        );
        await sentLines(trx, SALES_ORDER_KIND).remove(orderId);
      });
    },

    /** The order holding this InvoiceID, if any. */
    async orderOfInvoice(invoiceId: string): Promise<string | null> {
      const row: DbRow | undefined = await tdb.from('sales_orders').whereRaw('lower(xero_invoice_id) = ?', [invoiceId.toLowerCase()]).first('id');
      return row ? requiredText(row, 'id') : null;
    },

    /** The order of this number that has no invoice linked (a send whose answer was lost). */
    async unlinkedOrderNumbered(number: string): Promise<string | null> {
      const row: DbRow | undefined = await tdb.from('sales_orders').where('number', number).whereNull('xero_invoice_id').first('id');
      return row ? requiredText(row, 'id') : null;
    },

    /** Every InvoiceID of the organisation's orders (the poll keeps only these), and the earliest send. */
    async sentInvoiceIds(): Promise<Set<string>> {
      const rows: DbRow[] = await tdb.from('sales_orders').whereNotNull('xero_invoice_id').select('xero_invoice_id');
      return new Set(rows.map((r) => requiredText(r, 'xero_invoice_id').toLowerCase()));
    },

    /** Xero's time of the earliest change it reported for an invoice Ledgerside sent (its UpdatedDateUTC, so Xero's clock, not ours). */
    async firstSentAt(): Promise<Date | null> {
      const row: DbRow | undefined = await tdb
        .from('sales_orders')
        .whereNotNull('xero_invoice_id')
        .min({ first: 'xero_updated_at', sent: 'xero_sent_at' })
        .first();
      const first = row ? (text(row, 'first') ?? text(row, 'sent')) : null;
      return first ? new Date(new Date(first).getTime() - 1000) : null;
    },
  };
}

export type InvoiceLinks = ReturnType<typeof invoiceLinks>;
