/**
 * Contract use-cases: the kit's (create and edit with header and services in one transaction, status
 * changes, delete), with the contract's own terms and locks, making a draft contract from a sales
 * order in one click, and the organisation's contract figures for the overview.
 */
import { ConflictError, NotFoundError } from '../common/errors.js';
import { addDaysIso, todayIso } from '../common/dates.js';
import type { TenantDb } from '../db/tenant-db.js';
import { documentService, takeNextNumber, type DocumentServiceDeps, type DocumentServiceSpec } from '../documents/index.js';
import { projectExists } from '../projects/index.js';
import { salesOrderRepository } from '../sales-orders/index.js';
import { CONTRACT_KIND } from './contract-kind.js';
import { CHART_BARS, chartCurrencyOf, type OverviewFigures } from './contract-overview.js';
import { contractOverviewRepository } from './contract-overview-repository.js';
import { contractRepository } from './contract-repository.js';
import { contractHeaderSchema } from './contract-schema.js';
import { automaticStatus } from './contract-revenue.js';
import { CONTRACT_STATUS_LABELS, type Contract, type ContractHeader, type ContractSummary } from './contract.js';

export const CONTRACT_SERVICE: DocumentServiceSpec<Contract, ContractHeader, ContractSummary> = {
  kind: CONTRACT_KIND,
  store: contractRepository,
  headerSchema: contractHeaderSchema,
  blankFields: (today, preset) => ({
    title: '',
    salesOrderId: preset.salesOrderId ?? '',
    projectId: preset.projectId ?? '',
    termMonths: '12',
    billingFrequency: 'monthly',
    firstInvoiceDate: today,
    paymentTermsDays: '14',
    paymentTermsType: 'DAYSAFTERBILLDATE',
    autoRenew: '',
    noticeDays: '30',
  }),
  formFields: (c) => ({
    title: c.title,
    salesOrderId: c.salesOrderId ?? '',
    projectId: c.projectId ?? '',
    termMonths: c.termMonths === null ? '' : String(c.termMonths),
    billingFrequency: c.billingFrequency,
    firstInvoiceDate: c.firstInvoiceDate,
    paymentTermsDays: String(c.paymentTermsDays),
    paymentTermsType: c.paymentTermsType,
    autoRenew: c.autoRenew ? 'on' : '',
    noticeDays: c.noticeDays === null ? '' : String(c.noticeDays),
  }),
  // Another organisation's project or sales order is simply not found (asked of their capabilities).
  extraCheck: (tdb: TenantDb) => async (header, errors) => {
    if (header.projectId && !(await projectExists(tdb, header.projectId))) errors.projectId = 'Choose a project from the list.';
    if (header.salesOrderId && !(await salesOrderRepository(tdb).find(header.salesOrderId))) errors.salesOrderId = 'Choose a sales order from the list.';
  },
  lockedReason: (c, change) => {
    if (change === 'edit' && (c.status === 'cancelled' || c.status === 'expired'))
      return `Contract ${c.number} is ${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}, so it can't be edited.`;
    if (change === 'delete' && c.status !== 'draft')
      return `Contract ${c.number} is ${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}: only a draft can be deleted. Cancel it instead.`;
    return null;
  },
};

export type ContractServiceDeps = DocumentServiceDeps;

export function contractService(deps: ContractServiceDeps) {
  const { tdb } = deps;
  const contracts = documentService(CONTRACT_SERVICE, deps);
  return {
    ...contracts,

    /**
     * Contracts past their end date change status by themselves (checked whenever contract pages are
     * read): Expired without auto-renew, else Renewed into the next term. Answers how many changed.
     */
    async applyAutomaticStatuses(today: string): Promise<number> {
      const repo = contractRepository(tdb);
      let changed = 0;
      for (const c of await repo.pastTheirEnd(today)) {
        const change = automaticStatus(c, today);
        if (!change) continue;
        await repo.applyAutomatic(c.id, change);
        changed++;
      }
      return changed;
    },

    /** The overview's figures, summed by the database: per currency, the chart's customers, renewals within 90 days. */
    async overviewFigures(today: string, baseCurrency: string): Promise<OverviewFigures> {
      const repo = contractOverviewRepository(tdb);
      const totals = await repo.totalsByCurrency();
      const chartCurrency = chartCurrencyOf(totals, baseCurrency);
      const [topCustomers, renewing] = await Promise.all([
        chartCurrency ? repo.topCustomers(chartCurrency, CHART_BARS) : [],
        totals.length ? repo.renewing(today, addDaysIso(today, 90)) : [],
      ]);
      return { totals, topCustomers, renewing };
    },

    /** The contract made from this sales order, if any (the newest). */
    async ofSalesOrder(salesOrderId: string): Promise<{ id: string; number: string } | null> {
      const row: unknown = await tdb.from('contracts').where({ sales_order_id: salesOrderId }).orderBy('created_at', 'desc').first('id', 'number');
      if (typeof row !== 'object' || row === null) return null;
      const { id, number } = row as { id: unknown; number: unknown };
      return { id: String(id), number: String(number) };
    },

    /**
     * One click on a sales order: a draft contract with the order's customer, project, currency, amounts
     * type and lines, starting today and billed monthly for 12 months, ready to adjust. A sales order
     * that already has a contract leads to it instead of making a second one.
     */
    async createFromSalesOrder(salesOrderId: string): Promise<{ id: string; created: boolean }> {
      const order = await salesOrderRepository(tdb).find(salesOrderId);
      if (!order) throw new NotFoundError('sales order');
      const existing = await this.ofSalesOrder(order.id);
      if (existing) return { id: existing.id, created: false };
      if (order.status === 'cancelled') throw new ConflictError(`Sales order ${order.number} is cancelled: reopen it before making a contract.`);
      const today = todayIso();
      const id = await tdb.transaction(async (trx) => {
        const number = await takeNextNumber(trx, CONTRACT_KIND);
        const header: ContractHeader & { number: string } = {
          number,
          contactId: order.contactId,
          title: order.reference ? `${order.reference}` : `Services from ${order.number}`,
          salesOrderId: order.id,
          projectId: order.projectId,
          issueDate: today,
          termMonths: 12,
          billingFrequency: 'monthly',
          firstInvoiceDate: today,
          paymentTermsDays: 14,
          paymentTermsType: 'DAYSAFTERBILLDATE',
          autoRenew: false,
          noticeDays: 30,
          currency: order.currency,
          lineAmountTypes: order.lineAmountTypes,
          reference: order.number,
          notes: null,
        };
        return contractRepository(trx).insert(header, order.lines, order);
      });
      return { id, created: true };
    },
  };
}

export type ContractService = ReturnType<typeof contractService>;
