/**
 * SQL for contracts: the kit's document store with the contract's own columns (end and renewal dates
 * are derived from the start and term when written), its record with the sales order's and project's
 * names, and each services line's cost per period, taken from its product's cost price when saved.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { int, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import {
  documentStore,
  lineAmountTypesOf,
  lineFromRow,
  type DocumentAmounts,
  type DocumentLine,
  type DocumentListQuery,
  type DocumentStoreSpec,
} from '../documents/index.js';
import { productCostPrices } from '../products/index.js';
import { CONTRACT_KIND } from './contract-kind.js';
import { annualFigures, endDateOf, renewalDateOf, type AutomaticStatus } from './contract-revenue.js';
import {
  BILLING_FREQUENCIES,
  CONTRACT_STATUSES,
  PAYMENT_TERMS_TYPES,
  type BillingFrequency,
  type Contract,
  type ContractHeader,
  type ContractLine,
  type ContractStatus,
  type ContractSummary,
  type PaymentTermsType,
} from './contract.js';

const status = (v: unknown): ContractStatus => CONTRACT_STATUSES.find((s) => s === v) ?? 'draft';
const frequency = (v: unknown): BillingFrequency => BILLING_FREQUENCIES.find((f) => f === v) ?? 'monthly';
const termsType = (v: unknown): PaymentTermsType => PAYMENT_TERMS_TYPES.find((t) => t === v) ?? 'DAYSAFTERBILLDATE';
/** '' reads as none, like null. */
const optional = (row: DbRow, key: string): string | null => text(row, key) || null;
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

/**
 * The contract's annual revenue (ACV) and annual cost as `contractRevenue` makes them from its services,
 * each line costed at its product's cost price as `stampCosts` stores it (no product, or no cost price:
 * unknown, counting 0). Kept on the row whenever the header or services are written, so the overview
 * sums contract rows, not their lines. Renewal and status changes keep them (same services, same
 * frequency).
 */
function annualColumns(header: ContractHeader, lines: readonly DocumentLine[], costs: ReadonlyMap<string, number>) {
  const costed = lines.map((l) => ({ ...l, unitCost: l.productId ? (costs.get(l.productId) ?? null) : null }));
  const figures = annualFigures(costed, { frequency: header.billingFrequency, lineAmountTypes: header.lineAmountTypes });
  return { annual_revenue: figures.acv, annual_cost: figures.annualCost };
}

export const CONTRACT_STORE: DocumentStoreSpec<ContractHeader, ContractSummary> = {
  kind: CONTRACT_KIND,
  summaryColumns: [
    'id',
    'number',
    'title',
    'contact_id',
    'issue_date',
    'end_date',
    'renewal_date',
    'billing_frequency',
    'reference',
    'currency',
    'status',
    'sub_total',
    'total',
  ],
  summaryFromRow: (row) => ({
    id: requiredText(row, 'id'),
    number: requiredText(row, 'number'),
    title: text(row, 'title') ?? '',
    contactId: requiredText(row, 'contact_id'),
    contactName: text(row, 'contact_name') ?? '',
    issueDate: requiredText(row, 'issue_date'),
    endDate: optional(row, 'end_date'),
    renewalDate: optional(row, 'renewal_date'),
    billingFrequency: frequency(row.billing_frequency),
    reference: optional(row, 'reference'),
    currency: requiredText(row, 'currency'),
    status: status(row.status),
    subTotal: requiredInt(row, 'sub_total'),
    total: requiredInt(row, 'total'),
  }),
  headerColumns: (h) => {
    const endDate = endDateOf(h.issueDate, h.termMonths);
    return {
      number: h.number,
      contact_id: h.contactId,
      title: h.title,
      sales_order_id: h.salesOrderId,
      project_id: h.projectId,
      issue_date: h.issueDate,
      term_months: h.termMonths,
      end_date: endDate,
      billing_frequency: h.billingFrequency,
      first_invoice_date: h.firstInvoiceDate,
      payment_terms_days: h.paymentTermsDays,
      payment_terms_type: h.paymentTermsType,
      auto_renew: h.autoRenew,
      notice_days: h.noticeDays,
      renewal_date: renewalDateOf(endDate),
      currency: h.currency,
      line_amount_types: h.lineAmountTypes,
      reference: h.reference,
      notes: h.notes,
    };
  },
  initialStatus: 'draft',
  openStatuses: ['draft', 'active', 'renewed'],
};

export function contractRepository(tdb: TenantDb) {
  const store = documentStore(tdb, CONTRACT_STORE);

  /** The cost price of each product the lines name, as it is now (the contract keeps it); products without one are left out. */
  const costsOf = (lines: readonly DocumentLine[]): Promise<Map<string, number>> =>
    productCostPrices(tdb, [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))]);

  /** Each line's cost per period (its product's cost price), in the same transaction as the lines. */
  async function stampCosts(contractId: string, costs: ReadonlyMap<string, number>): Promise<void> {
    for (const [productId, cost] of costs) await tdb.update('contract_lines', { contract_id: contractId, product_id: productId }, { unit_cost: cost });
  }

  /** The services lines with their cost, in one read (the kit's columns and `unit_cost` are one row). */
  async function lines(id: string): Promise<ContractLine[]> {
    const rows: DbRow[] = await tdb.from('contract_lines').where({ contract_id: id }).orderBy('position', 'asc');
    return rows.map((row) => ({ ...lineFromRow(row), unitCost: int(row, 'unit_cost') }));
  }

  return {
    ...store,
    lines,

    list: (query: DocumentListQuery) => store.list(query),

    async insert(header: ContractHeader & { number: string }, docLines: DocumentLine[], amounts: DocumentAmounts, extra: DbRow = {}): Promise<string> {
      const costs = await costsOf(docLines);
      const id = await store.insert(header, docLines, amounts, { ...extra, ...annualColumns(header, docLines, costs) });
      await stampCosts(id, costs);
      return id;
    },

    async update(id: string, header: ContractHeader & { number: string }, docLines: DocumentLine[], amounts: DocumentAmounts): Promise<void> {
      const costs = await costsOf(docLines);
      await store.update(id, header, docLines, amounts, annualColumns(header, docLines, costs));
      await stampCosts(id, costs);
    },

    /** Active and renewed contracts whose end date has passed (their status changes by itself). */
    async pastTheirEnd(today: string): Promise<Array<Pick<Contract, 'id' | 'status' | 'issueDate' | 'termMonths' | 'endDate' | 'autoRenew'>>> {
      const rows: DbRow[] = await tdb
        .from('contracts')
        .whereIn('status', ['active', 'renewed'])
        .whereNotNull('end_date')
        .where('end_date', '<', today)
        .select('id', 'status', 'issue_date', 'term_months', 'end_date', 'auto_renew');
      return rows.map((row) => ({
        id: requiredText(row, 'id'),
        status: status(row.status),
        issueDate: requiredText(row, 'issue_date'),
        termMonths: int(row, 'term_months'),
        endDate: optional(row, 'end_date'),
        autoRenew: bool(row.auto_renew),
      }));
    },

    /** The automatic change: Expired, or Renewed into its next term (start, end and renewal dates). */
    async applyAutomatic(id: string, change: AutomaticStatus): Promise<void> {
      const patch =
        change.status === 'expired'
          ? { status: 'expired' }
          : { status: 'renewed', issue_date: change.issueDate, end_date: change.endDate, renewal_date: change.renewalDate };
      await tdb.update('contracts', { id }, patch);
    },

    async find(id: string): Promise<Contract | undefined> {
      // The sales order's and the project's names are display joins.
      const row: DbRow | undefined = await store
        .withContact()
        .leftJoin(tdb.scoped('sales_orders', 'so'), 'so.id', 'contracts.sales_order_id')
        .leftJoin(tdb.scoped('projects', 'p'), 'p.id', 'contracts.project_id')
        .where('contracts.id', id)
        .first(['contracts.*', 'c.name as contact_name', 'so.number as sales_order_number', 'p.name as project_name']);
      if (!row) return undefined;
      return {
        id: requiredText(row, 'id'),
        number: requiredText(row, 'number'),
        contactId: requiredText(row, 'contact_id'),
        contactName: text(row, 'contact_name') ?? '',
        title: text(row, 'title') ?? '',
        salesOrderId: optional(row, 'sales_order_id'),
        salesOrderNumber: optional(row, 'sales_order_number'),
        projectId: optional(row, 'project_id'),
        projectName: optional(row, 'project_name'),
        issueDate: requiredText(row, 'issue_date'),
        termMonths: int(row, 'term_months'),
        endDate: optional(row, 'end_date'),
        billingFrequency: frequency(row.billing_frequency),
        firstInvoiceDate: requiredText(row, 'first_invoice_date'),
        paymentTermsDays: requiredInt(row, 'payment_terms_days'),
        paymentTermsType: termsType(row.payment_terms_type),
        autoRenew: bool(row.auto_renew),
        noticeDays: int(row, 'notice_days'),
        renewalDate: optional(row, 'renewal_date'),
        currency: requiredText(row, 'currency'),
        lineAmountTypes: lineAmountTypesOf(row.line_amount_types),
        reference: optional(row, 'reference'),
        notes: optional(row, 'notes'),
        status: status(row.status),
        subTotal: requiredInt(row, 'sub_total'),
        totalTax: requiredInt(row, 'total_tax'),
        total: requiredInt(row, 'total'),
        lines: await lines(id),
      };
    },
  };
}

export type ContractRepository = ReturnType<typeof contractRepository>;
