/**
 * What the organisation's start page shows: open quotes and open sales orders (how many, and their
 * value per currency), active projects, the latest quotes and orders, and how far a new organisation
 * has come through its first steps.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { quoteRepository, type QuoteSummary } from '../quotes/index.js';
import { salesOrderRepository, type SalesOrderSummary } from '../sales-orders/index.js';

export interface OpenTotals {
  count: number;
  /** Value per currency (cents). */
  values: { currency: string; total: number }[];
}

export interface FirstSteps {
  settingsRefreshed: boolean;
  hasContacts: boolean;
  hasQuotes: boolean;
  hasSalesOrders: boolean;
  hasProjects: boolean;
}

export interface DashboardData {
  openQuotes: OpenTotals;
  openSalesOrders: OpenTotals;
  activeProjects: number;
  latestQuotes: QuoteSummary[];
  latestSalesOrders: SalesOrderSummary[];
  steps: FirstSteps;
}

const RECENT = 5;

function openTotals(rows: { currency: string; count: number; total: number }[]): OpenTotals {
  return { count: rows.reduce((n, r) => n + r.count, 0), values: rows.map((r) => ({ currency: r.currency, total: r.total })) };
}

export async function dashboardData(tdb: TenantDb): Promise<DashboardData> {
  const quotes = quoteRepository(tdb);
  const orders = salesOrderRepository(tdb);
  const [openQuotes, openOrders, activeProjects, latestQuotes, latestSalesOrders, settings, contacts, quoteCount, orderCount, projectCount] = await Promise.all([
    quotes.openTotals(), orders.openTotals(), tdb.count('projects', { status: 'active' }), quotes.latest(RECENT), orders.latest(RECENT),
    tdb.count('xero_settings_sync'), tdb.count('contacts'), tdb.count('quotes'), tdb.count('sales_orders'), tdb.count('projects'),
  ]);
  return {
    openQuotes: openTotals(openQuotes),
    openSalesOrders: openTotals(openOrders),
    activeProjects,
    latestQuotes,
    latestSalesOrders,
    steps: { settingsRefreshed: settings > 0, hasContacts: contacts > 0, hasQuotes: quoteCount > 0, hasSalesOrders: orderCount > 0, hasProjects: projectCount > 0 },
  };
}
