/**
 * Purchase order pages: the kit's document pages (new/edit with the no-JS line editor, record, status,
 * delete) with the project dropdown; the list with its own filters (supplier, status, project, sent to
 * Xero or not); "Create purchase orders" on a sales order; and the sales order page's list of its
 * purchase orders (a page panel the sales orders' routes are given in app.ts).
 */
import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../common/errors.js';
import { currencyColumn } from '../common/money.js';
import { contactFilterChoices, supplierChoices, supplierPickerView } from '../contacts/index.js';
import { documentRoutes, lookupsFor, parseDocumentListQuery, type PagePanel } from '../documents/index.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext, type RequestContext } from '../http/request-context.js';
import { projectChoices } from '../projects/index.js';
import { createPurchaseOrders, readCreateForm, type CreateForm, type CreatePageData } from './create-purchase-orders.js';
import { PURCHASE_ORDER_KIND } from './purchase-order-kind.js';
import { purchaseOrderRepository, type PurchaseOrderListQuery } from './purchase-order-repository.js';
import { PURCHASE_ORDER_FIELDS } from './purchase-order-schema.js';
import { purchaseOrderService } from './purchase-order-service.js';
import { createPageView, purchaseOrderListView, purchaseOrderPageView, purchaseOrderRowView } from './purchase-order-view-model.js';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrder } from './purchase-order.js';

function parseListQuery(raw: unknown): PurchaseOrderListQuery {
  const base = parseDocumentListQuery(raw, PURCHASE_ORDER_STATUSES);
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = (v: unknown) => (typeof v === 'string' && v.trim().length <= 36 ? v.trim() : '');
  const xero = input.xero === 'sent' || input.xero === 'not' ? input.xero : '';
  return { ...base, projectId: id(input.projectId), salesOrderId: id(input.salesOrderId), xero };
}

/** Every line's supplier dropdown: the first suppliers by name (or a "Find supplier" search's matches) and each line's own. */
async function supplierOptions(ctx: RequestContext, rows: { supplierId: string }[], search: string) {
  const read = await supplierChoices(ctx.tdb, null, search);
  const picker = supplierPickerView(read, '', 'Choose a supplier…');
  const options = [...picker.options];
  for (const id of new Set(rows.map((r) => r.supplierId).filter(Boolean))) {
    if (options.some((o) => o.value === id)) continue;
    const own = await supplierChoices(ctx.tdb, id, '');
    const chosen = own.choices.find((c) => c.value === id);
    if (chosen) options.splice(1, 0, chosen);
  }
  return { options, finder: { show: picker.showFind, search: picker.search, hint: picker.hint } };
}

/** The sales order page's "Purchase orders" section, with "Create purchase orders". */
export const purchaseOrdersOfSalesOrder: PagePanel<{ id: string }> = async (ctx, order) => {
  const orders = await purchaseOrderRepository(ctx.tdb).forSalesOrder(order.id);
  return {
    place: 'end',
    partial: 'purchase-orders/sales-order-section',
    locals: {
      section: {
        createHref: `/sales-orders/${order.id}/purchase-orders/new`,
        rows: orders.map(purchaseOrderRowView),
        money: currencyColumn(orders.map((o) => o.currency)),
      },
    },
  };
};

export interface PurchaseOrderRouteDeps {
  /** Other capabilities' parts of a purchase order's page (its Xero panel), wired in app.ts. */
  pagePanels?: readonly PagePanel<PurchaseOrder>[];
}

export function purchaseOrderRoutes(deps: PurchaseOrderRouteDeps = {}): Router {
  const router = Router();
  const serviceOf = (ctx: RequestContext) => purchaseOrderService({ tdb: ctx.tdb, lookups: lookupsFor(ctx, PURCHASE_ORDER_KIND) });
  const creatorOf = (ctx: RequestContext) => createPurchaseOrders({ tdb: ctx.tdb, lookups: lookupsFor(ctx, PURCHASE_ORDER_KIND) });

  router.get('/purchase-orders', async (req, res) => {
    const ctx = requestContext(res);
    const query = parseListQuery(req.query);
    const [result, suppliers, projects] = await Promise.all([
      serviceOf(ctx).list(query),
      contactFilterChoices(ctx.tdb, query.contactId || null),
      projectChoices(ctx.tdb, query.projectId || null),
    ]);
    res.render('purchase-orders/list', {
      title: 'Purchase orders',
      list: purchaseOrderListView(
        result,
        query,
        suppliers.choices,
        projects.filter((p) => p.value !== ''),
      ),
    });
  });

  async function renderCreate(req: Request, res: Response, status: number, data: CreatePageData, search: string, error?: ValidationError) {
    const ctx = requestContext(res);
    const suppliers = await supplierOptions(ctx, data.rows, search);
    res.status(status).render('purchase-orders/create', {
      title: `Create purchase orders for ${data.salesOrder.number}`,
      page: createPageView(data, suppliers, error?.fieldErrors ?? {}, error?.message ?? null),
    });
  }

  router.get('/sales-orders/:id/purchase-orders/new', async (req, res) => {
    const ctx = requestContext(res);
    await renderCreate(req, res, 200, await creatorOf(ctx).blank(idParam(req)), '');
  });

  router.post('/sales-orders/:id/purchase-orders/new', async (req, res) => {
    const ctx = requestContext(res);
    const creator = creatorOf(ctx);
    const id = idParam(req);
    const form: CreateForm = readCreateForm(req.body);
    if (form.action === 'find-supplier') return renderCreate(req, res, 200, await creator.again(id, form), form.supplierSearch);
    try {
      const made = await creator.create(id, form);
      const list = made.map((m) => `${m.number} (${m.supplierName}, ${m.lineCount} ${m.lineCount === 1 ? 'line' : 'lines'})`).join(', ');
      flash(req, 'success', `${made.length === 1 ? 'Purchase order' : `${made.length} purchase orders`} created: ${list}.`);
      res.redirect(303, `/sales-orders/${id}#purchase-orders`);
    } catch (error) {
      if (error instanceof ValidationError) return renderCreate(req, res, 422, await creator.again(id, form), form.supplierSearch, error);
      throw error;
    }
  });

  router.use(
    documentRoutes({
      kind: PURCHASE_ORDER_KIND,
      service: (ctx, lookups) => purchaseOrderService({ tdb: ctx.tdb, lookups }),
      statuses: PURCHASE_ORDER_STATUSES,
      formFields: PURCHASE_ORDER_FIELDS,
      presetFields: ['contactId', 'projectId'],
      listView: () => ({}),
      pageView: purchaseOrderPageView,
      pageLocal: 'po',
      pagePanels: deps.pagePanels ?? [],
      formLocals: async (ctx, values) => ({ projects: await projectChoices(ctx.tdb, values.projectId || null) }),
    }),
  );

  return router;
}
