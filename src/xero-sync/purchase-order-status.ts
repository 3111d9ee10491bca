/**
 * Purchase orders' status back from Xero. Xero sends no webhooks for purchase orders, so sent ones are
 * polled: per organisation, one `GET /PurchaseOrders` with If-Modified-Since (the oldest time an open
 * sent purchase order was last checked), paged, through the gateway (so the pacer keeps it within the
 * organisation's budget). Billed in Xero → Billed here; approved in Xero → Ordered (from Draft); deleted
 * in Xero is shown as such. "Refresh from Xero" on a purchase order reads that one at once. No open
 * purchase order sent → no call.
 */
import type { Database } from '../db/database.js';
import { tenantDb, type TenantDb } from '../db/tenant-db.js';
import { dbTime, requiredText, text, type DbRow } from '../db/row-values.js';
import type { Logger } from '../common/logger.js';
import type { Organisation } from '../common/tenancy.js';
import { organisationsRepository } from '../organisations/index.js';
import { purchaseOrderRepository, type PurchaseOrderSummary } from '../purchase-orders/index.js';
import { statusFromXero, type OrganisationGateway } from '../xero/index.js';

const PAGE_SIZE = 100;
export const PURCHASE_ORDER_POLL_INTERVAL_MS = 15 * 60_000;

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

/** Open purchase orders of the organisation that were sent to Xero: their Xero ids and when each was last checked. */
async function openSent(tdb: TenantDb): Promise<{ xeroId: string; checkedAt: string | null }[]> {
  const rows: DbRow[] = await tdb
    .from('purchase_orders')
    .whereNotNull('xero_purchase_order_id')
    .whereNotIn('status', ['billed', 'cancelled'])
    .where((q) => q.whereNull('xero_status').orWhereNot('xero_status', 'DELETED'))
    .select('xero_purchase_order_id', 'xero_checked_at');
  return rows.map((r) => ({ xeroId: requiredText(r, 'xero_purchase_order_id'), checkedAt: text(r, 'xero_checked_at') }));
}

/** One organisation's poll: the purchase orders Xero changed since the oldest check of an open sent one. */
export async function pollPurchaseOrders(tdb: TenantDb, gateway: OrganisationGateway, now: Date): Promise<{ seen: number; updated: number }> {
  const open = await openSent(tdb);
  if (open.length === 0) return { seen: 0, updated: 0 };
  const oldest = open.map((o) => o.checkedAt ?? '').sort()[0] ?? '';
  // A minute's overlap: Xero's clock and ours differ a little, and applying a change twice is harmless.
  const since = oldest ? new Date(new Date(oldest).getTime() - 60_000) : undefined;
  const repo = purchaseOrderRepository(tdb);
  let seen = 0;
  let updated = 0;
  for (let page = 1; ; page += 1) {
    const batch = await gateway.getPurchaseOrdersPage(page, since);
    seen += batch.length;
    const ours = new Map((await repo.byXeroIds(batch.flatMap((p) => (p.purchaseOrderID ? [p.purchaseOrderID] : [])))).map((o) => [o.xeroId, o]));
    for (const xpo of batch) {
      const mine = xpo.purchaseOrderID ? ours.get(xpo.purchaseOrderID) : undefined;
      if (!mine) continue;
      const xeroStatus = String(xpo.status ?? '');
      const next = statusFromXero(xeroStatus, mine.status);
      if (next || xeroStatus !== mine.xeroStatus) {
        await repo.recordXeroState(mine.id, { number: xpo.purchaseOrderNumber ?? null, status: xeroStatus }, next, now);
        updated += 1;
      }
    }
    if (batch.length < PAGE_SIZE) break;
  }
  for (const o of open) await tdb.update('purchase_orders', { xero_purchase_order_id: o.xeroId }, { xero_checked_at: dbTime(now) });
  return { seen, updated };
}

export interface PurchaseOrderPollerDeps {
  db: Database;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  logger: Logger;
  intervalMs?: number;
  now?: () => Date;
}

/** Polls every connected organisation's sent purchase orders every `intervalMs` (server.ts starts it). */
export function purchaseOrderPoller(deps: PurchaseOrderPollerDeps) {
  const now = deps.now ?? (() => new Date());
  const organisations = organisationsRepository(deps.db);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function pollOne(organisation: Organisation) {
    try {
      const result = await pollPurchaseOrders(tenantDb(deps.db, organisation.id), deps.gatewayFor(organisation), now());
      if (result.seen) deps.logger.info({ organisationId: organisation.id, ...result }, 'xero purchase orders polled');
      return result;
    } catch (error) {
      deps.logger.warn({ organisationId: organisation.id, err: error }, 'xero purchase orders poll failed');
      return null;
    }
  }

  return {
    async runAll(): Promise<void> {
      for (const organisation of await organisations.connectedOrganisations()) await pollOne(organisation);
    },
    /** One organisation now (tests, scripts). */
    async pollNow(organisationId: string) {
      const organisation = await organisations.findOrganisation(organisationId);
      if (!organisation || organisation.status !== 'connected') return null;
      return pollOne(organisation);
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        running = running.then(() => this.runAll()).catch((error: unknown) => deps.logger.error({ err: error }, 'purchase order poll could not run'));
      }, deps.intervalMs ?? PURCHASE_ORDER_POLL_INTERVAL_MS);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type PurchaseOrderPoller = ReturnType<typeof purchaseOrderPoller>;
