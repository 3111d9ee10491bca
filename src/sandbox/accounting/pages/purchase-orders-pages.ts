/** Purchase orders: list and page with Approve, Copy to bill, Mark as billed and Delete. */
import type { Request, Response, Router } from 'express';
import { approvePurchaseOrder, copyPurchaseOrderToBill, deletePurchaseOrder, markPurchaseOrderBilled } from '../accountant-actions.js';
import { listHistory } from '../history.js';
import type { StoredRecord } from '../types.js';
import { toInvoiceRow, toPurchaseOrderDetail, toPurchaseOrderRow } from './document-view-model.js';
import { loadRecord } from './not-found.js';
import { pageOf, type ActionOutcome } from './page-context.js';
import { paginate, pageNumber, queryValue, type FieldError } from './page-kit.js';
import { purchaseOrderListPage, purchaseOrderPage } from './purchase-orders-views.js';

const DONE: Record<string, string> = {
  approved: 'Purchase order approved.',
  billed: 'Purchase order marked as billed.',
  deleted: 'Purchase order deleted.',
};

async function showOrder(req: Request, res: Response, found: StoredRecord, errors: FieldError[] = []): Promise<void> {
  const page = pageOf(res);
  const order = toPurchaseOrderDetail(found.data);
  const bills =
    order.number === ''
      ? []
      : (await page.store.list('Invoices'))
          .filter((r) => r.data['Type'] === 'ACCPAY' && r.data['Reference'] === order.number && r.data['Status'] !== 'DELETED')
          .map((r) => toInvoiceRow(r.data));
  res
    .status(errors.length > 0 ? 400 : 200)
    .type('html')
    .send(
      purchaseOrderPage(page, {
        order,
        history: await listHistory(page.store, 'PurchaseOrders', found.id),
        errors,
        notice: DONE[queryValue(req.query, 'done')],
        bills: bills.map((b) => ({ id: b.id, number: b.number, statusLabel: b.statusLabel, total: b.total })),
      }),
    );
}

export function mountPurchaseOrderPages(router: Router): void {
  router.get('/purchase-orders', async (req, res) => {
    const page = pageOf(res);
    const status = queryValue(req.query, 'status');
    const all = await page.store.list('PurchaseOrders');
    const rows = all
      .filter((r) => (status === '' ? r.data['Status'] !== 'DELETED' : r.data['Status'] === status))
      .map((r) => toPurchaseOrderRow(r.data))
      .sort((a, b) => b.date.localeCompare(a.date) || b.number.localeCompare(a.number));
    res.type('html').send(purchaseOrderListPage(page, { rows: paginate(rows, pageNumber(req.query)), status, anyAtAll: all.length > 0 }));
  });

  const load = (req: Request, res: Response) => loadRecord(req, res, 'PurchaseOrders', 'This organisation has no such purchase order.');

  router.get('/purchase-orders/:id', async (req, res) => {
    const found = await load(req, res);
    if (found) await showOrder(req, res, found);
  });

  async function settle(req: Request, res: Response, found: StoredRecord, outcome: ActionOutcome<unknown>, done: string): Promise<void> {
    const page = pageOf(res);
    if (outcome.ok) return res.redirect(303, `${page.base}/purchase-orders/${found.id}?done=${done}`);
    await showOrder(
      req,
      res,
      (await page.store.get('PurchaseOrders', found.id)) ?? found,
      outcome.errors.map((message) => ({ message })),
    );
  }

  const simple = (path: string, done: string, act: typeof approvePurchaseOrder) => {
    router.post(`/purchase-orders/:id/${path}`, async (req, res) => {
      const found = await load(req, res);
      if (found) await settle(req, res, found, await pageOf(res).perform((store, ctx) => act(store, found.id, ctx)), done);
    });
  };
  simple('approve', 'approved', approvePurchaseOrder);
  simple('mark-billed', 'billed', markPurchaseOrderBilled);
  simple('delete', 'deleted', deletePurchaseOrder);

  router.post('/purchase-orders/:id/copy-to-bill', async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const page = pageOf(res);
    const outcome = await page.perform((store, ctx) => copyPurchaseOrderToBill(store, found.id, ctx));
    if (!outcome.ok) return settle(req, res, found, outcome, '');
    res.redirect(303, `${page.base}/invoices/${String(outcome.value.bill['InvoiceID'])}?done=billed-from-order`);
  });
}
