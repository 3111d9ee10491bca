/**
 * The sandbox's stand-in for Xero's web app: deep links
 * (`/organisationlogin/default.aspx?shortcode=…&redirecturl=…`) and online invoices render the
 * record as plain HTML, so links an app builds for real Xero also work against the sandbox.
 */
import express, { type Router } from 'express';
import type { AccountingWebRouterDeps } from '../contracts.js';
import { documentLines, escapeHtml, htmlPage } from './documents-view.js';
import { findOrganisationByShortCode, getOrganisationRow } from './organisations.js';
import { TenantStore } from './store.js';
import type { Collection, JsonObject } from './types.js';

interface LinkTarget {
  collection: Collection;
  id: string;
}

/** Which record a Xero web path points at (xero-facts §8). */
export function parseDeepLink(redirectUrl: string): LinkTarget | undefined {
  const url = new URL(redirectUrl, 'https://go.xero.com');
  const path = url.pathname;
  const param = (name: string) => [...url.searchParams.entries()].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  let m: RegExpExecArray | null;
  if (/^\/AccountsReceivable\/View\.aspx$/i.test(path) || /^\/AccountsPayable\/View\.aspx$/i.test(path)) {
    const id = param('InvoiceID');
    return id ? { collection: 'Invoices', id } : undefined;
  }
  if ((m = /^\/Accounts\/Payable\/PurchaseOrders\/View\/([0-9a-f-]{36})\/?$/i.exec(path))) return { collection: 'PurchaseOrders', id: m[1] ?? '' };
  if ((m = /^\/Contacts\/View\/([0-9a-f-]{36})\/?$/i.exec(path))) return { collection: 'Contacts', id: m[1] ?? '' };
  if (/^\/RepeatTransactions\/Edit\.aspx$/i.test(path)) {
    const id = param('invoiceID');
    return id ? { collection: 'RepeatingInvoices', id } : undefined;
  }
  if ((m = /^\/Accounts\/Receivable\/Quotes\/View\/([0-9a-f-]{36})\/?$/i.exec(path))) return { collection: 'Quotes', id: m[1] ?? '' };
  return undefined;
}

function recordLines(collection: Collection, doc: JsonObject): { title: string; lines: string[] } {
  switch (collection) {
    case 'Contacts':
      return { title: `Contact: ${String(doc['Name'] ?? '')}`, lines: [`Email: ${String(doc['EmailAddress'] ?? '')}`, `Status: ${String(doc['ContactStatus'] ?? '')}`, `ContactID: ${String(doc['ContactID'] ?? '')}`] };
    case 'PurchaseOrders':
      return { title: `Purchase Order ${String(doc['PurchaseOrderNumber'] ?? '')}`, lines: documentLines('Purchase Order', doc, 'PurchaseOrderNumber') };
    case 'Quotes':
      return { title: `Quote ${String(doc['QuoteNumber'] ?? '')}`, lines: documentLines('Quote', doc, 'QuoteNumber') };
    case 'RepeatingInvoices':
      return { title: 'Repeating invoice', lines: documentLines('Repeating invoice', doc, 'Reference') };
    default:
      return { title: `${doc['Type'] === 'ACCPAY' ? 'Bill' : 'Invoice'} ${String(doc['InvoiceNumber'] ?? '')}`.trim(), lines: documentLines('Invoice', doc, 'InvoiceNumber') };
  }
}

export function createWebRouter(deps: AccountingWebRouterDeps): Router {
  const router = express.Router();
  const notFoundPage = (res: express.Response, message: string) => res.status(404).type('html').send(htmlPage('Not found', [message]));

  router.get('/organisationlogin/default.aspx', async (req, res) => {
    const q = (name: string) => Object.entries(req.query).find(([k]) => k.toLowerCase() === name)?.[1];
    const shortCode = q('shortcode');
    const redirectUrl = q('redirecturl');
    if (typeof shortCode !== 'string' || typeof redirectUrl !== 'string') return void notFoundPage(res, 'A shortcode and a redirecturl are required.');
    const org = await findOrganisationByShortCode(deps.db, shortCode);
    if (!org) return void notFoundPage(res, `No organisation has the short code ${shortCode}.`);
    const target = parseDeepLink(redirectUrl);
    if (!target) return void notFoundPage(res, `The sandbox does not show ${redirectUrl}.`);
    const record = await new TenantStore(deps.db, org.tenant_id).get(target.collection, target.id);
    if (!record) return void notFoundPage(res, `${org.name} has no such record.`);
    const view = recordLines(target.collection, record.data);
    res.type('html').send(htmlPage(`${view.title} — ${escapeHtml(org.name)}`, view.lines));
  });

  router.get('/sandbox-online-invoice/:tenantId/:invoiceId', async (req, res) => {
    const org = await getOrganisationRow(deps.db, String(req.params['tenantId']));
    const record = org && /^[0-9a-f-]{36}$/i.test(String(req.params['invoiceId']))
      ? await new TenantStore(deps.db, org.tenant_id).get('Invoices', String(req.params['invoiceId'])) : undefined;
    if (!org || !record || record.data['Type'] !== 'ACCREC') return void notFoundPage(res, 'This online invoice does not exist.');
    res.type('html').send(htmlPage(`Invoice from ${org.name}`, documentLines('Invoice', record.data, 'InvoiceNumber')));
  });
  return router;
}
