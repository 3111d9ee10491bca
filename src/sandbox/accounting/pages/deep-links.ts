/**
 * Xero's deep links (xero-facts §8): `/organisationlogin/default.aspx?shortcode=…&redirecturl=…` signs
 * the browser in if needed, then opens the record's accountant page, as go.xero.com does.
 */
import type { Router } from 'express';
import { pageHeaders } from '../../web/page-headers.js';
import { findOrganisationByShortCode } from '../organisations.js';
import { TenantStore } from '../store.js';
import type { Collection } from '../types.js';
import { notFoundPage } from './not-found.js';
import type { AccountantPagesDeps } from './page-context.js';

interface LinkTarget {
  collection: Collection;
  id: string;
}

/** Which record a Xero web path points at. */
export function parseDeepLink(redirectUrl: string): LinkTarget | undefined {
  const url = new URL(redirectUrl, 'https://go.xero.com');
  const path = url.pathname;
  const param = (name: string) => [...url.searchParams.entries()].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  let m: RegExpExecArray | null;
  if (/^\/AccountsReceivable\/View\.aspx$/i.test(path) || /^\/AccountsPayable\/View\.aspx$/i.test(path)) {
    const id = param('InvoiceID');
    return id ? { collection: 'Invoices', id } : undefined;
  }
  if (/^\/Accounts(Receivable|Payable)\/ViewCreditNote\.aspx$/i.test(path)) {
    const id = param('creditNoteID');
    return id ? { collection: 'CreditNotes', id } : undefined;
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

const PAGE_OF: Partial<Record<Collection, string>> = {
  Invoices: 'invoices',
  CreditNotes: 'credit-notes',
  PurchaseOrders: 'purchase-orders',
  Contacts: 'contacts',
  RepeatingInvoices: 'repeating-invoices',
  Quotes: 'quotes',
};

export function mountDeepLinks(router: Router, deps: AccountantPagesDeps): void {
  router.get('/organisationlogin/default.aspx', pageHeaders, async (req, res) => {
    const q = (name: string) => Object.entries(req.query).find(([k]) => k.toLowerCase() === name)?.[1];
    const shortCode = q('shortcode');
    const redirectUrl = q('redirecturl');
    const visitor = await deps.visitor(req);
    if (typeof shortCode !== 'string' || typeof redirectUrl !== 'string')
      return notFoundPage(res, visitor?.email, 'A shortcode and a redirecturl are required.');
    if (!visitor) return res.redirect(303, `${deps.signInPath}?next=${encodeURIComponent(req.originalUrl)}`);
    const org = await findOrganisationByShortCode(deps.db, shortCode);
    if (!org || !visitor.tenantIds.some((t) => t.toLowerCase() === org.tenant_id))
      return notFoundPage(res, visitor.email, `You have no organisation with the short code ${shortCode}.`);
    const target = parseDeepLink(redirectUrl);
    const area = target && PAGE_OF[target.collection];
    if (!target || !area) return notFoundPage(res, visitor.email, `The sandbox does not show ${redirectUrl}.`);
    const record = /^[0-9a-f-]{36}$/i.test(target.id) ? await new TenantStore(deps.db, org.tenant_id).get(target.collection, target.id) : undefined;
    if (!record) return notFoundPage(res, visitor.email, `${org.name} has no such record.`);
    res.redirect(303, `/app/${encodeURIComponent(org.short_code)}/${area}/${record.id}`);
  });
}
