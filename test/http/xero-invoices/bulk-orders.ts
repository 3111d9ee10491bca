/** Sales orders for bulk tests (made through the app's form) and the invoices the sandbox has, read back with the app's token. */
import type { Invoice } from 'xero-node';
import { createContact, documentBody, gstLine } from '../../fixtures/documents.js';
import { orderHeader, type InvoiceApp } from './invoice-app.js';

/** Where orders are made: the signed-in agent of the organisation (its current one in the app). */
export type OrderSeedTarget = Pick<InvoiceApp, 'db' | 'agent' | 'csrf'> & { org: { id: string } };

/**
 * `count` orders for `customers` new customers (in turn), through the app's form; orders whose index is
 * in `bad` use account 299. An AU organisation's currency and GST unless `local` says otherwise.
 */
export async function seedOrders(
  a: OrderSeedTarget,
  prefix: string,
  count: number,
  customers: number,
  bad: number[] = [],
  local: { currency: string; taxType: string } = { currency: 'AUD', taxType: 'OUTPUT' },
): Promise<string[]> {
  const contactIds: string[] = [];
  for (let c = 1; c <= customers; c++)
    contactIds.push(
      await createContact(a.db, a.org.id, `${prefix} Customer ${String(c).padStart(2, '0')} Pty`, { email: `${prefix.toLowerCase()}${c}@example.com` }),
    );
  const csrf = await a.csrf();
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const line = gstLine({ description: `Work ${i}`, unitPrice: `${100 + i}.00`, taxType: local.taxType, ...(bad.includes(i) ? { accountCode: '299' } : {}) });
    const res = await a.agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ _csrf: csrf, ...orderHeader(contactIds[(i - 1) % customers]!, { reference: `${prefix}-${i}`, currency: local.currency }) }, [line]));
    if (res.status !== 303) throw new Error(`order form answered ${res.status}: ${res.text.slice(0, 400)}`);
    ids.push(String(res.headers.location).split('/').pop()!);
  }
  return ids;
}

/** Every sales invoice (ACCREC) the sandbox has for the organisation. */
export async function xeroInvoices(a: Pick<InvoiceApp, 'db' | 'h' | 'sa'> & { org: { xeroTenantId: string } }): Promise<Invoice[]> {
  const grant = await a.db('xero_grants').first();
  const client = a.h.xeroClient();
  client.setTokenSet((await a.sa.xero.tokenStore.find(String(grant.id)))!.tokenSet);
  const all: Invoice[] = [];
  for (let page = 1; ; page++) {
    const { body } = await client.accountingApi.getInvoices(
      a.org.xeroTenantId,
      undefined,
      'Type=="ACCREC"',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      page,
    );
    all.push(...(body.invoices ?? []));
    if ((body.invoices ?? []).length < 100) break;
  }
  return all;
}
