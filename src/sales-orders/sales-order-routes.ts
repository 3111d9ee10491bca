/**
 * Sales order pages: the kit's document pages (list, new/edit with the no-JS line editor, record with
 * the Xero invoice once sent, status, delete) with the project dropdown, and "Create sales order" on an
 * accepted quote.
 */
import { Router } from 'express';
import { documentRoutes, type PagePanel } from '../documents/index.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { projectChoices } from '../projects/index.js';
import { requestContext } from '../http/request-context.js';
import { lookupsFor } from '../documents/index.js';
import { SALES_ORDER_KIND } from './sales-order-kind.js';
import { INVOICE_LIST_FILTER } from './sales-order-invoice-status.js';
import { SALES_ORDER_STATUSES } from './sales-order.js';
import { SALES_ORDER_FIELDS } from './sales-order-schema.js';
import { salesOrderService } from './sales-order-service.js';
import { salesOrderListView, salesOrderPageView } from './sales-order-view-model.js';
import type { SalesOrder } from './sales-order.js';

export interface SalesOrderRouteDeps {
  /** Other capabilities' parts of the order's page (its Xero invoice, purchase orders, contract), wired in app.ts. */
  pagePanels?: readonly PagePanel<SalesOrder>[];
}

export function salesOrderRoutes(deps: SalesOrderRouteDeps = {}): Router {
  const router = Router();

  router.post('/quotes/:id/sales-order', async (req, res) => {
    const ctx = requestContext(res);
    const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    // The project the order goes in: the one chosen beside the button ('' for none); absent, the quote's.
    const projectId = typeof body.projectId === 'string' ? body.projectId : undefined;
    const id = await salesOrderService({ tdb: ctx.tdb, lookups: lookupsFor(ctx, SALES_ORDER_KIND) }).createFromQuote(idParam(req, 'quote'), projectId);
    flash(req, 'success', 'Sales order created from the quote. Add delivery details if needed.');
    res.redirect(303, `/sales-orders/${id}`);
  });

  router.use(
    documentRoutes({
      kind: SALES_ORDER_KIND,
      service: (ctx, lookups) => salesOrderService({ tdb: ctx.tdb, lookups }),
      statuses: SALES_ORDER_STATUSES,
      formFields: SALES_ORDER_FIELDS,
      presetFields: ['contactId', 'projectId'],
      confirmStatuses: {
        cancelled: {
          action: 'Cancel order',
          explanation: 'It stays in the list, marked Cancelled, and can be reopened. Its Xero invoice, if it has one, is not changed here: void it in Xero.',
        },
      },
      listFilters: [INVOICE_LIST_FILTER],
      listView: salesOrderListView,
      pageView: salesOrderPageView,
      pageLocal: 'order',
      pagePanels: deps.pagePanels ?? [],
      formLocals: async (ctx, values) => ({ projects: await projectChoices(ctx.tdb, values.projectId || null) }),
    }),
  );

  return router;
}
