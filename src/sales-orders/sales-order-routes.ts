/**
 * Sales order pages: list, new/edit with the no-JS line editor, record page (with the Xero invoice
 * once sent), status changes, delete, and "Create sales order" from an accepted quote.
 */
import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../common/errors.js';
import { flash } from '../http/flash.js';
import { requestContext, requireOrganisation, type RequestContext } from '../tenants/request-context.js';
import { projectChoices } from '../projects/project-choices.js';
import { contactFilterChoices } from '../sales/contact-choices.js';
import { parseDocumentListQuery } from '../sales/document-list.js';
import { buildFormView, lookupsFor } from '../sales/document-page.js';
import { applyLineAction } from '../sales/line-form.js';
import { SALES_ORDER_STATUSES } from './sales-order.js';
import { salesOrderService } from './sales-order-service.js';
import { readSalesOrderForm, salesOrderStatusSchema, type SalesOrderForm } from './sales-order-schema.js';
import { salesOrderListView, salesOrderPageView } from './sales-order-view-model.js';

function serviceFor(res: Response) {
  const ctx = requestContext(res);
  return { ctx, orders: salesOrderService({ tdb: ctx.tdb, lookups: lookupsFor(ctx) }) };
}

const idOf = (req: Request): string => String(req.params.id);
const queryText = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 36) : '');

interface FormPage {
  title: string;
  formAction: string;
  cancelHref: string;
  suggestedNumber: string;
}

async function renderForm(ctx: RequestContext, res: Response, status: number, page: FormPage, input: Pick<SalesOrderForm, 'values' | 'drafts'>, error?: ValidationError) {
  const [form, projects] = await Promise.all([buildFormView(ctx, input.values, input.drafts, error), projectChoices(ctx.tdb, input.values.projectId || null)]);
  res.status(status).render('sales-orders/form', { ...page, form, projects });
}

/** Add/remove line re-render; save validates and writes or re-renders with messages. */
async function handleForm(req: Request, res: Response, page: FormPage, save: (input: SalesOrderForm) => Promise<string>) {
  const { ctx } = serviceFor(res);
  const input = readSalesOrderForm(req.body);
  if (input.action.kind !== 'save') return renderForm(ctx, res, 200, page, { values: input.values, drafts: applyLineAction(input.drafts, input.action) });
  try {
    const id = await save(input);
    flash(req, 'success', 'Sales order saved.');
    res.redirect(303, `/sales-orders/${id}`);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(ctx, res, 422, page, input, error);
    throw error;
  }
}

export function salesOrderRoutes(): Router {
  const router = Router();

  router.get('/sales-orders', requireOrganisation, async (req, res) => {
    const { ctx, orders } = serviceFor(res);
    const query = parseDocumentListQuery(req.query, SALES_ORDER_STATUSES);
    const [result, contacts] = await Promise.all([orders.list(query), contactFilterChoices(ctx.tdb, query.contactId || null)]);
    res.render('sales-orders/list', { title: 'Sales orders', list: salesOrderListView(result, query, contacts.choices) });
  });

  router.get('/sales-orders/new', requireOrganisation, async (req, res) => {
    const { ctx, orders } = serviceFor(res);
    const blank = await orders.newForm(ctx.organisation.baseCurrency ?? 'AUD', { contactId: queryText(req.query.contactId), projectId: queryText(req.query.projectId) });
    await renderForm(ctx, res, 200, { title: 'New sales order', formAction: '/sales-orders/new', cancelHref: '/sales-orders', suggestedNumber: blank.suggestedNumber }, blank);
  });

  router.post('/sales-orders/new', requireOrganisation, async (req, res) => {
    const { orders } = serviceFor(res);
    await handleForm(req, res, { title: 'New sales order', formAction: '/sales-orders/new', cancelHref: '/sales-orders', suggestedNumber: '' }, (input) => orders.create(input));
  });

  router.post('/quotes/:id/sales-order', requireOrganisation, async (req, res) => {
    const { orders } = serviceFor(res);
    const id = await orders.createFromQuote(idOf(req));
    flash(req, 'success', 'Sales order created from the quote. Add a project or delivery details if needed.');
    res.redirect(303, `/sales-orders/${id}`);
  });

  router.get('/sales-orders/:id', requireOrganisation, async (req, res) => {
    const { ctx, orders } = serviceFor(res);
    const order = await orders.get(idOf(req));
    res.render('sales-orders/show', { title: `Sales order ${order.number}`, order: salesOrderPageView(order, await lookupsFor(ctx)()) });
  });

  router.get('/sales-orders/:id/edit', requireOrganisation, async (req, res) => {
    const { ctx, orders } = serviceFor(res);
    const { order, values, drafts } = await orders.editForm(idOf(req));
    await renderForm(ctx, res, 200, { title: `Edit sales order ${order.number}`, formAction: `/sales-orders/${order.id}/edit`, cancelHref: `/sales-orders/${order.id}`, suggestedNumber: '' }, { values, drafts });
  });

  router.post('/sales-orders/:id/edit', requireOrganisation, async (req, res) => {
    const { orders } = serviceFor(res);
    const order = await orders.get(idOf(req));
    const page = { title: `Edit sales order ${order.number}`, formAction: `/sales-orders/${order.id}/edit`, cancelHref: `/sales-orders/${order.id}`, suggestedNumber: '' };
    await handleForm(req, res, page, async (input) => { await orders.update(order.id, input); return order.id; });
  });

  router.post('/sales-orders/:id/status', requireOrganisation, async (req, res) => {
    const { orders } = serviceFor(res);
    const parsed = salesOrderStatusSchema.safeParse(req.body);
    if (!parsed.success) throw new ValidationError('Choose a valid status.', { status: 'Choose a valid status.' });
    const order = await orders.setStatus(idOf(req), parsed.data.status);
    flash(req, 'success', `Sales order ${order.number} is now ${parsed.data.status}.`);
    res.redirect(303, `/sales-orders/${order.id}`);
  });

  router.get('/sales-orders/:id/delete', requireOrganisation, async (req, res) => {
    const { orders } = serviceFor(res);
    const order = await orders.get(idOf(req));
    res.render('sales-orders/delete', { title: `Delete sales order ${order.number}`, order: { id: order.id, number: order.number, contactName: order.contactName } });
  });

  router.post('/sales-orders/:id/delete', requireOrganisation, async (req, res) => {
    const { orders } = serviceFor(res);
    const order = await orders.remove(idOf(req));
    flash(req, 'success', `Sales order ${order.number} deleted.`);
    res.redirect(303, '/sales-orders');
  });

  return router;
}
