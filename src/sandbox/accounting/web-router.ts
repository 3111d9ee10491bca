/**
 * Xero's public online invoices (what `OnlineInvoiceUrl` points at), rendered as plain HTML. Deep links
 * and the signed-in accountant's pages live in `pages/`.
 */
import express, { type Router } from 'express';
import type { AccountingWebRouterDeps } from '../identity-accounting-seam.js';
import { documentLines, htmlPage } from './documents-view.js';
import { getOrganisationRow } from './organisations.js';
import { TenantStore } from './store.js';

export function createWebRouter(deps: AccountingWebRouterDeps): Router {
  const router = express.Router();
  const notFoundPage = (res: express.Response, message: string) =>
    res
      .status(404)
      .type('html')
      .send(htmlPage('Not found', [message]));

  router.get('/sandbox-online-invoice/:tenantId/:invoiceId', async (req, res) => {
    const org = await getOrganisationRow(deps.db, String(req.params['tenantId']));
    const record =
      org && /^[0-9a-f-]{36}$/i.test(String(req.params['invoiceId']))
        ? await new TenantStore(deps.db, org.tenant_id).get('Invoices', String(req.params['invoiceId']))
        : undefined;
    if (!org || !record || record.data['Type'] !== 'ACCREC') return void notFoundPage(res, 'This online invoice does not exist.');
    res.type('html').send(htmlPage(`Invoice from ${org.name}`, documentLines('Invoice', record.data, 'InvoiceNumber')));
  });
  return router;
}
