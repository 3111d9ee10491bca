/**
 * Sales order use-cases: the kit's (create and edit with header and lines in one transaction, status
 * changes, delete), with an order's own fields (project, due date, delivery) and its lock (an order
 * invoiced in Xero is not edited or deleted here), plus making one from an accepted quote (lines
 * copied, linked back).
 */
import { ConflictError, ValidationError } from '../common/errors.js';
import { todayIso } from '../common/dates.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { TenantDb } from '../db/tenant-db.js';
import { documentService, takeNextNumber, type DocumentServiceDeps, type DocumentServiceSpec } from '../documents/index.js';
import { projectExists } from '../projects/index.js';
import { quoteService } from '../quotes/index.js';
import { SALES_ORDER_KIND } from './sales-order-kind.js';
import { salesOrderOfQuote } from './sales-order-of-quote.js';
import { salesOrderRepository } from './sales-order-repository.js';
import { salesOrderHeaderSchema } from './sales-order-schema.js';
import type { SalesOrder, SalesOrderHeader, SalesOrderSummary } from './sales-order.js';

const CHANGE_WORDS = { edit: 'edited', delete: 'deleted' } as const;

export const SALES_ORDER_SERVICE: DocumentServiceSpec<SalesOrder, SalesOrderHeader, SalesOrderSummary> = {
  kind: SALES_ORDER_KIND,
  store: salesOrderRepository,
  headerSchema: salesOrderHeaderSchema,
  blankFields: (_today, preset) => ({ projectId: preset.projectId ?? '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' }),
  formFields: (order) => ({
    projectId: order.projectId ?? '',
    dueDate: order.dueDate ?? '',
    deliveryAddress: order.deliveryAddress ?? '',
    deliveryDate: order.deliveryDate ?? '',
    deliveryInstructions: order.deliveryInstructions ?? '',
  }),
  // Another organisation's project id is simply not found (asked of the projects capability).
  extraCheck: (tdb: TenantDb) => async (header, errors) => {
    if (header.projectId && !(await projectExists(tdb, header.projectId))) errors.projectId = 'Choose a project from the list.';
  },
  // An invoiced order may still be edited (sending it again updates the same invoice while Xero allows
  // it), but not deleted: its invoice would be left in Xero with nothing pointing at it.
  lockedReason: (order, change) =>
    order.xeroInvoice && change === 'delete' ? `Sales order ${order.number} is already invoiced in Xero, so it can't be ${CHANGE_WORDS[change]}.` : null,
};

export type SalesOrderServiceDeps = DocumentServiceDeps;

export function salesOrderService(deps: SalesOrderServiceDeps) {
  const { tdb } = deps;
  const orders = documentService(SALES_ORDER_SERVICE, deps);
  return {
    ...orders,
    list: (query: Parameters<ReturnType<typeof salesOrderRepository>['list']>[0]) => salesOrderRepository(tdb).list(query),
    forProject: (projectId: string) => salesOrderRepository(tdb).forProject(projectId),

    /** One click on an accepted quote: a new open order with the quote's header and lines, linked back. */
    /** `projectId`: the project the order goes in ('' none); undefined takes the quote's. */
    async createFromQuote(quoteId: string, projectId?: string): Promise<string> {
      const quote = await quoteService({ ...deps, salesOrderOf: salesOrderOfQuote }).get(quoteId);
      if (quote.salesOrder) return quote.salesOrder.id;
      if (quote.status !== 'accepted') throw new ConflictError(`Quote ${quote.number} is ${quote.status}: mark it accepted before making a sales order.`);
      const project = projectId === undefined ? quote.projectId : projectId || null;
      if (project && !(await projectExists(tdb, project)))
        throw new ValidationError('Choose a project from the list.', { projectId: 'Choose a project from the list.' });
      try {
        return await tdb.transaction(async (trx) => {
          const number = await takeNextNumber(trx, SALES_ORDER_KIND);
          const header: SalesOrderHeader & { number: string } = {
            number,
            contactId: quote.contactId,
            projectId: project,
            issueDate: todayIso(),
            dueDate: null,
            currency: quote.currency,
            lineAmountTypes: quote.lineAmountTypes,
            reference: quote.reference ?? quote.number,
            notes: quote.notes,
            deliveryAddress: null,
            deliveryDate: null,
            deliveryInstructions: null,
          };
          return salesOrderRepository(trx).insertFromQuote(header, quote.lines, quote, quote.id);
        });
      } catch (error) {
        // A second click raced the first: the partial unique index kept it to one order.
        if (!isUniqueViolation(error)) throw error;
        const again = await quoteService({ ...deps, salesOrderOf: salesOrderOfQuote }).get(quoteId);
        if (again.salesOrder) return again.salesOrder.id;
        throw error;
      }
    },
  };
}

export type SalesOrderService = ReturnType<typeof salesOrderService>;
