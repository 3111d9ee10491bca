/**
 * Sales order use-cases: create and edit (header and lines in one transaction), make one from an
 * accepted quote (lines copied, linked back), status changes, delete. Validation failures throw
 * ValidationError with per-field messages; nothing is written then.
 */
import { ConflictError, NotFoundError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import { quoteService } from '../quotes/index.js';
import { guardNumberRace } from '../sales/document-checks.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { DocumentListQuery } from '../sales/document-list.js';
import { validateDocument, type ExtraCheck } from '../sales/document-validation.js';
import { draftFromLine } from '../sales/drafts.js';
import { todayIso } from '../common/dates.js';
import type { FormValues } from '../http/form-input.js';
import { emptyLineDraft, type LineDraft } from '../sales/lines.js';
import { peekNextNumber, SALES_ORDER_NUMBERS, takeNextNumber } from '../sales/numbering.js';
import type { SalesLookupsLoader } from '../sales/sales-lookups.js';
import { salesOrderRepository } from './sales-order-repository.js';
import { salesOrderHeaderSchema, type SalesOrderForm } from './sales-order-schema.js';
import type { SalesOrder, SalesOrderHeader, SalesOrderStatus } from './sales-order.js';

export interface SalesOrderServiceDeps {
  tdb: TenantDb;
  lookups: SalesLookupsLoader;
}

export function salesOrderService({ tdb, lookups }: SalesOrderServiceDeps) {
  const repo = salesOrderRepository(tdb);

  async function get(id: string): Promise<SalesOrder> {
    const order = await repo.find(id);
    if (!order) throw new NotFoundError('sales order');
    return order;
  }

  // Another organisation's project id is simply not found here.
  const checkProject: ExtraCheck<SalesOrderHeader> = async (header, errors) => {
    if (header.projectId && !(await tdb.from('projects').where({ id: header.projectId }).first('id'))) errors.projectId = 'Choose a project from the list.';
  };

  function refuseIfInvoiced(order: SalesOrder, doing: string): void {
    if (order.xeroInvoice) throw new ConflictError(`Sales order ${order.number} is already invoiced in Xero, so it can't be ${doing}.`);
  }

  return {
    get,
    list: (query: DocumentListQuery & { projectId?: string }) => repo.list(query),
    latest: (limit: number) => repo.latest(limit),
    forProject: (projectId: string) => repo.forProject(projectId),
    openTotals: () => repo.openTotals(),

    async newForm(baseCurrency: string, preset: { contactId?: string; projectId?: string } = {}): Promise<{ values: FormValues; drafts: LineDraft[]; suggestedNumber: string }> {
      return {
        values: {
          number: '', contactId: preset.contactId ?? '', projectId: preset.projectId ?? '', issueDate: todayIso(), dueDate: '', currency: baseCurrency,
          lineAmountTypes: 'Exclusive', reference: '', notes: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '',
        },
        drafts: [emptyLineDraft()],
        suggestedNumber: await peekNextNumber(tdb, SALES_ORDER_NUMBERS),
      };
    },

    async editForm(id: string): Promise<{ order: SalesOrder; values: FormValues; drafts: LineDraft[] }> {
      const order = await get(id);
      return {
        order,
        values: {
          number: order.number, contactId: order.contactId, projectId: order.projectId ?? '', issueDate: order.issueDate, dueDate: order.dueDate ?? '',
          currency: order.currency, lineAmountTypes: order.lineAmountTypes, reference: order.reference ?? '', notes: order.notes ?? '',
          deliveryAddress: order.deliveryAddress ?? '', deliveryDate: order.deliveryDate ?? '', deliveryInstructions: order.deliveryInstructions ?? '',
        },
        drafts: order.lines.length ? order.lines.map(draftFromLine) : [emptyLineDraft()],
      };
    },

    async create(form: SalesOrderForm): Promise<string> {
      const valid = await validateDocument(tdb, salesOrderHeaderSchema, form.values, form.drafts, await lookups(form.drafts.map((d) => d.productId)), { sequence: SALES_ORDER_NUMBERS }, checkProject);
      return guardNumberRace(() => tdb.transaction(async (trx) => {
        const number = valid.header.number ?? await takeNextNumber(trx, SALES_ORDER_NUMBERS);
        return salesOrderRepository(trx).insert({ ...valid.header, number }, valid.priced.lines, valid.priced.amounts);
      }), valid.header.number === null);
    },

    async update(id: string, form: SalesOrderForm): Promise<void> {
      const order = await get(id);
      refuseIfInvoiced(order, 'edited');
      const valid = await validateDocument(tdb, salesOrderHeaderSchema, form.values, form.drafts, await lookups(form.drafts.map((d) => d.productId)),
        { sequence: SALES_ORDER_NUMBERS, existing: { id, contactId: order.contactId } }, checkProject);
      await guardNumberRace(() => tdb.transaction(async (trx) => {
        await salesOrderRepository(trx).update(id, { ...valid.header, number: valid.header.number ?? order.number }, valid.priced.lines, valid.priced.amounts);
      }));
    },

    /** One click on an accepted quote: a new open order with the quote's header and lines, linked back. */
    async createFromQuote(quoteId: string): Promise<string> {
      const quote = await quoteService({ tdb, lookups }).get(quoteId);
      if (quote.salesOrder) return quote.salesOrder.id;
      if (quote.status !== 'accepted') throw new ConflictError(`Quote ${quote.number} is ${quote.status}: mark it accepted before making a sales order.`);
      try {
        return await tdb.transaction(async (trx) => {
          const number = await takeNextNumber(trx, SALES_ORDER_NUMBERS);
          const header: SalesOrderHeader & { number: string } = {
            number, contactId: quote.contactId, projectId: null, issueDate: todayIso(), dueDate: null, currency: quote.currency,
            lineAmountTypes: quote.lineAmountTypes, reference: quote.reference ?? quote.number, notes: quote.notes,
            deliveryAddress: null, deliveryDate: null, deliveryInstructions: null,
          };
          return salesOrderRepository(trx).insert(header, quote.lines, quote, quote.id);
        });
      } catch (error) {
        // A second click raced the first: the partial unique index kept it to one order.
        if (!isUniqueViolation(error)) throw error;
        const again = await quoteService({ tdb, lookups }).get(quoteId);
        if (again.salesOrder) return again.salesOrder.id;
        throw error;
      }
    },

    async setStatus(id: string, status: SalesOrderStatus): Promise<SalesOrder> {
      const order = await get(id);
      await repo.setStatus(id, status);
      return { ...order, status };
    },

    async remove(id: string): Promise<SalesOrder> {
      const order = await get(id);
      refuseIfInvoiced(order, 'deleted');
      await tdb.transaction(async (trx) => { await salesOrderRepository(trx).remove(id); });
      return order;
    },
  };
}

export type SalesOrderService = ReturnType<typeof salesOrderService>;
