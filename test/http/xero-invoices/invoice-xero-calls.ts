/**
 * Xero's side of the invoice nock tests: fixed ids, the invoice JSON every variant shares in its wire
 * (PascalCase) form, and interceptors for the contact steps that come before the invoice.
 */
import nock from 'nock';
import { randomUUID } from 'node:crypto';
import { API_PATH, APP_URL, BRANDING_THEME_ID, XERO_ORIGIN, type NockInvoiceApp } from './nock-invoice-app.js';

export const CONTACT_XERO_ID = '0c1d2e3f-0000-4000-8000-00000000c001';
export const INVOICE_ID = '0c1d2e3f-0000-4000-8000-0000000001a1';
export const LINE_IDS = ['0c1d2e3f-0000-4000-8000-0000000011a1', '0c1d2e3f-0000-4000-8000-0000000011b2', '0c1d2e3f-0000-4000-8000-0000000011c3'];

/** The invoice's header as xero-node must put it on the wire for order `orderId` (SO-0001 of 20 Nov 2026, due in the organisation's 14 days). */
export const wireHeader = (orderId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Type: 'ACCREC',
  Contact: { ContactID: CONTACT_XERO_ID },
  Date: '2026-11-20',
  DueDate: '2026-12-04',
  LineAmountTypes: 'Exclusive',
  Reference: 'SO-0001',
  BrandingThemeID: BRANDING_THEME_ID,
  Url: `${APP_URL}/sales-orders/${orderId}`,
  CurrencyCode: 'AUD',
  ...extra,
});

/** Xero's answer to a create or update: the invoice with one LineItemID per line sent. */
export const savedInvoice = (lineCount: number, extra: Record<string, unknown> = {}) => ({
  Invoices: [
    {
      InvoiceID: INVOICE_ID,
      InvoiceNumber: 'INV-0042',
      Type: 'ACCREC',
      Status: 'AUTHORISED',
      CurrencyCode: 'AUD',
      AmountPaid: 0,
      AmountCredited: 0,
      LineItems: LINE_IDS.slice(0, lineCount).map((id) => ({ LineItemID: id })),
      ...extra,
    },
  ],
});

/** A customer already linked to a Xero contact: the first send reads it in Xero and updates it once (later sends skip it while unchanged). */
export async function linkedCustomer(a: NockInvoiceApp, name = 'Bluebird Cafe'): Promise<{ contactId: string; expectContactSteps(): nock.Scope }> {
  const contactId = await a.contact(name, { xero_contact_id: CONTACT_XERO_ID });
  return {
    contactId,
    expectContactSteps() {
      const xeroContact = { Contacts: [{ ContactID: CONTACT_XERO_ID, Name: name, ContactStatus: 'ACTIVE' }] };
      return nock(XERO_ORIGIN)
        .get(`${API_PATH}/Contacts/${CONTACT_XERO_ID}`)
        .reply(200, xeroContact)
        .post(`${API_PATH}/Contacts/${CONTACT_XERO_ID}`)
        .reply(200, xeroContact);
    },
  };
}

/** A product linked to a Xero item whose code the settings cache knows. */
export async function productLinkedToItem(a: NockInvoiceApp, code: string): Promise<string> {
  const id = randomUUID();
  const itemId = randomUUID();
  const scoped = { organisation_id: a.org.id };
  await a.db('xero_items').insert({ ...scoped, item_id: itemId, code, name: `${code} item`, is_sold: true });
  await a.db('products').insert({
    ...scoped,
    id,
    code,
    code_key: code.toLowerCase(),
    name: `${code} product`,
    name_key: `${code.toLowerCase()} product`,
    sale_price: 123456,
    sales_account_code: '260',
    sales_tax_type: 'OUTPUT',
    xero_item_id: itemId,
  });
  return id;
}
