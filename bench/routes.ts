/**
 * The pages under load, each with the paths a request picks from at random (record ids across the
 * organisation, several search terms) and the status a signed-in user should get.
 */
import type { Database } from '../src/db/database.js';

export interface RouteSpec {
  label: string;
  paths: string[];
  expect: number;
  /** Measured first and again last; pages are compared with the mean of the two p50s. */
  baseline?: boolean;
}

/** Default page size of the list pages (src/common/list-query.ts). */
const PAGE_SIZE = 25;
/** Words that occur in seeded names, emails, numbers and references (see seed-data.ts), plus a miss. */
const CONTACT_TERMS = ['smith', 'olivia', 'harbour', 'plumbing', 'kaur', 'summit', 'jack', 'te wh', 'ltd', 'example.com', 'nobody-here'];
const ORDER_TERMS = ['SO-12', 'SO-4', 'smith', 'harbour', 'PO 4', 'olivia', 'ltd', 'nobody-here'];

const q = (base: string, terms: string[]) => terms.map((t) => `${base}?q=${encodeURIComponent(t)}`);

async function ids(db: Database, table: string, organisationId: string, where: Record<string, unknown> = {}): Promise<string[]> {
  const rows: Array<{ id: string }> = await db(table)
    .where({ organisation_id: organisationId, ...where })
    .select('id');
  return rows.map((r) => r.id);
}

export interface BenchRoutes {
  specs: RouteSpec[];
  ids: { contacts: string[]; orders: string[] };
  lastPages: { contacts: number; orders: number };
}

/** The sync log's pages when the measured organisation has a seeded history (seed-extras.ts). */
async function syncLogSpecs(db: Database, organisationId: string): Promise<RouteSpec[]> {
  if (!(await db.schema.hasTable('xero_sync_operations'))) return [];
  const row = (await db('xero_sync_operations').where({ organisation_id: organisationId }).count({ n: '*' }).first()) as { n: unknown } | undefined;
  const entries = Number(row?.n ?? 0);
  if (entries === 0) return [];
  const last = Math.max(1, Math.ceil(entries / PAGE_SIZE));
  return [
    { label: 'Sync log, page 1', paths: ['/sync-log'], expect: 200 },
    { label: `Sync log, last page (${last})`, paths: [`/sync-log?page=${last}`], expect: 200 },
    { label: 'Sync log, failed sends', paths: ['/sync-log?state=failed'], expect: 200 },
  ];
}

/** The purchase orders' pages when the measured organisation has seeded ones (seed-extras.ts). */
async function purchaseOrderSpecs(db: Database, organisationId: string): Promise<{ specs: RouteSpec[]; ids: string[] }> {
  if (!(await db.schema.hasTable('purchase_orders'))) return { specs: [], ids: [] };
  const poIds = await ids(db, 'purchase_orders', organisationId);
  if (poIds.length === 0) return { specs: [], ids: [] };
  const last = Math.max(1, Math.ceil(poIds.length / PAGE_SIZE));
  return {
    ids: poIds,
    specs: [
      { label: 'Purchase orders list, page 1', paths: ['/purchase-orders'], expect: 200 },
      { label: `Purchase orders list, last page (${last})`, paths: [`/purchase-orders?page=${last}`], expect: 200 },
      { label: 'Purchase orders search', paths: q('/purchase-orders', ['PO-12', 'PO-1', 'smith', 'harbour', 'PO 4', 'ltd', 'nobody-here']), expect: 200 },
      { label: 'Purchase order record (random ids)', paths: poIds.map((id) => `/purchase-orders/${id}`), expect: 200 },
    ],
  };
}

/** The contracts' pages when the measured organisation has seeded ones (seed-extras.ts). */
async function contractSpecs(db: Database, organisationId: string): Promise<RouteSpec[]> {
  if (!(await db.schema.hasTable('contracts'))) return [];
  const contractIds = await ids(db, 'contracts', organisationId);
  if (contractIds.length === 0) return [];
  const last = Math.max(1, Math.ceil(contractIds.length / PAGE_SIZE));
  return [
    { label: 'Contracts list, page 1', paths: ['/contracts'], expect: 200 },
    { label: `Contracts list, last page (${last})`, paths: [`/contracts?page=${last}`], expect: 200 },
    { label: 'Contracts search', paths: q('/contracts', ['CT-01', 'CT-4', 'smith', 'harbour', 'PO 4', 'nobody-here']), expect: 200 },
    { label: 'Contracts overview', paths: ['/contracts/overview'], expect: 200 },
    { label: 'Contract record (random ids)', paths: contractIds.map((id) => `/contracts/${id}`), expect: 200 },
  ];
}

export async function routeSpecs(db: Database, organisationId: string, withOrders: boolean): Promise<BenchRoutes> {
  const contactIds = await ids(db, 'contacts', organisationId);
  const active = (await db('contacts').where({ organisation_id: organisationId }).whereNull('archived_at').count({ n: '*' }).first()) as
    { n: number } | undefined;
  const lastContactPage = Math.max(1, Math.ceil(Number(active?.n ?? 0) / PAGE_SIZE));
  const specs: RouteSpec[] = [
    // The trivial page: every middleware a page has (session store read and touch, CSRF token, user,
    // memberships, organisation, layout) and no query of its own; measured first and last, as machine
    // load drifts during a run.
    { label: 'Baseline: signed-in 404 page', paths: ['/bench-baseline-not-found'], expect: 404, baseline: true },
    { label: 'Dashboard (for reference)', paths: ['/dashboard'], expect: 200 },
    { label: 'Contacts list, page 1', paths: ['/contacts'], expect: 200 },
    { label: `Contacts list, last page (${lastContactPage})`, paths: [`/contacts?page=${lastContactPage}`], expect: 200 },
    { label: 'Contacts search', paths: q('/contacts', CONTACT_TERMS), expect: 200 },
    { label: 'Contact record (random ids)', paths: contactIds.map((id) => `/contacts/${id}`), expect: 200 },
  ];
  const again: RouteSpec = { label: 'Baseline again, after the pages', paths: ['/bench-baseline-not-found'], expect: 404, baseline: true };
  const syncLog = [
    ...(await syncLogSpecs(db, organisationId)),
    ...(await purchaseOrderSpecs(db, organisationId)).specs,
    ...(await contractSpecs(db, organisationId)),
  ];
  if (!withOrders)
    return { specs: [...specs, ...syncLog, again], ids: { contacts: contactIds, orders: [] }, lastPages: { contacts: lastContactPage, orders: 1 } };
  const orderIds = await ids(db, 'sales_orders', organisationId);
  const lastOrderPage = Math.max(1, Math.ceil(orderIds.length / PAGE_SIZE));
  specs.push(
    { label: 'Sales orders list, page 1', paths: ['/sales-orders'], expect: 200 },
    { label: `Sales orders list, last page (${lastOrderPage})`, paths: [`/sales-orders?page=${lastOrderPage}`], expect: 200 },
    { label: 'Sales orders search', paths: q('/sales-orders', ORDER_TERMS), expect: 200 },
    { label: 'Sales order record (random ids)', paths: orderIds.map((id) => `/sales-orders/${id}`), expect: 200 },
  );
  return {
    specs: [...specs, ...syncLog, again],
    ids: { contacts: contactIds, orders: orderIds },
    lastPages: { contacts: lastContactPage, orders: lastOrderPage },
  };
}
