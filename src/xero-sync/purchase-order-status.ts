/**
 * Purchase orders' status back from Xero. Xero sends no webhooks for purchase orders, so sent ones are
 * a kind of the sent-documents poll (`sent-documents-poll.ts`: every 15 minutes per connected
 * organisation, If-Modified-Since, paced through the gateway): Billed in Xero → Billed here; approved in
 * Xero → Ordered (from Draft); deleted in Xero is shown as such. "Refresh from Xero" on a purchase order
 * reads that one at once. No open purchase order sent → no call.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { dbTime, requiredText, text, type DbRow } from '../db/row-values.js';
import { purchaseOrderRepository, type PurchaseOrderSummary } from '../purchase-orders/index.js';
import { statusFromXero, XERO_PAGE_SIZE, type OrganisationGateway } from '../xero/index.js';
import { PURCHASE_ORDER_KIND } from './purchase-order-send.js';
import type { SentDocumentsKind } from './sent-documents-poll.js';

/** Reads one sent purchase order from Xero now and stores its number and status (and the status here that follows). */
export async function refreshPurchaseOrder(
  tdb: TenantDb,
  gateway: OrganisationGateway,
  purchaseOrderId: string,
  now: Date,
): Promise<{ number: string; xeroStatus: string; status: PurchaseOrderSummary['status'] } | null> {
  const repo = purchaseOrderRepository(tdb);
  const po = await repo.find(purchaseOrderId);
  if (!po?.xero) return null;
  const found = await gateway.getPurchaseOrder(po.xero.purchaseOrderId);
  const xeroStatus = found ? String(found.status ?? '') : 'DELETED';
  const next = statusFromXero(xeroStatus, po.status);
  await repo.recordXeroState(po.id, { number: found?.purchaseOrderNumber ?? po.xero.number, status: xeroStatus }, next, now);
  return { number: po.number, xeroStatus, status: next ?? po.status };
}

/** Sent purchase orders that Xero may still change: sent, not billed or cancelled here, not deleted in Xero. */
const openSent = (tdb: TenantDb) =>
  tdb
    .from('purchase_orders')
    .whereNotNull('xero_purchase_order_id')
    .whereNotIn('status', ['billed', 'cancelled'])
    .where((q) => q.whereNull('xero_status').orWhereNot('xero_status', 'DELETED'));

const dateOf = (value: unknown): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** The poll's hook for purchase orders: those Xero changed since, applied when Ledgerside sent them. */
export const purchaseOrdersPollKind: SentDocumentsKind = {
  kind: PURCHASE_ORDER_KIND,
  /** The earliest send of an open one (a minute early: Xero's clock and ours differ a little); none open → nothing to poll. */
  async firstSentAt(tdb) {
    const row: DbRow | undefined = await openSent(tdb).min({ first: 'xero_sent_at' }).first();
    const first = row ? dateOf(text(row, 'first')) : null;
    return first ? new Date(first.getTime() - 60_000) : null;
  },
  async poll({ tdb, gateway, since, now }) {
    const open: DbRow[] = await openSent(tdb).select('id');
    // Nothing open in Xero's hands: no call (a later send makes the next poll ask from `since` again).
    if (open.length === 0) return { seen: 0, updated: 0, newest: null };
    const repo = purchaseOrderRepository(tdb);
    let seen = 0;
    let updated = 0;
    let newest: Date | null = null;
    for (let page = 1; ; page += 1) {
      const batch = await gateway.getPurchaseOrdersPage(page, since);
      seen += batch.length;
      const ours = new Map((await repo.byXeroIds(batch.flatMap((p) => (p.purchaseOrderID ? [p.purchaseOrderID] : [])))).map((o) => [o.xeroId, o]));
      for (const xpo of batch) {
        const changed = dateOf(xpo.updatedDateUTC);
        if (changed && (!newest || changed > newest)) newest = changed;
        const mine = xpo.purchaseOrderID ? ours.get(xpo.purchaseOrderID) : undefined;
        if (!mine) continue;
        const xeroStatus = String(xpo.status ?? '');
        const next = statusFromXero(xeroStatus, mine.status);
        if (next || xeroStatus !== mine.xeroStatus) {
          await repo.recordXeroState(mine.id, { number: xpo.purchaseOrderNumber ?? null, status: xeroStatus }, next, now);
          updated += 1;
        }
      }
      if (batch.length < XERO_PAGE_SIZE) break;
    }
    // Every open one was checked by this poll (the page's "Last checked").
    for (const row of open) await tdb.update('purchase_orders', { id: requiredText(row, 'id') }, { xero_checked_at: dbTime(now) });
    return { seen, updated, newest };
  },
};
