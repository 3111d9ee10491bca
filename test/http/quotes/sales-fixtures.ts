/**
 * Data for quote, sales order and project tests: an organisation's cached Xero settings (currencies,
 * a revenue account, GST and exempt tax rates, a tracking category) and contacts, written directly.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/db/database.js';


export interface SalesSettings {
  trackingCategoryId: string;
  north: string;
  south: string;
}

export async function seedSalesSettings(db: Database, organisationId: string): Promise<SalesSettings> {
  const org = { organisation_id: organisationId };
  await db('xero_currencies').insert([{ ...org, code: 'AUD', description: 'Australian Dollar' }, { ...org, code: 'NZD', description: 'New Zealand Dollar' }]);
  await db('xero_accounts').insert([
    { ...org, account_id: randomUUID(), code: '200', name: 'Sales', type: 'REVENUE', status: 'ACTIVE' },
    { ...org, account_id: randomUUID(), code: '260', name: 'Other Revenue', type: 'REVENUE', status: 'ACTIVE' },
  ]);
  await db('xero_tax_rates').insert([
    { ...org, tax_type: 'OUTPUT', name: 'GST on Income', effective_rate: '10.0000', display_tax_rate: '10.0000', status: 'ACTIVE', can_apply_to_revenue: true },
    { ...org, tax_type: 'EXEMPTOUTPUT', name: 'GST Free Income', effective_rate: '0.0000', display_tax_rate: '0.0000', status: 'ACTIVE', can_apply_to_revenue: true },
  ]);
  const category = randomUUID();
  const north = randomUUID();
  const south = randomUUID();
  await db('xero_tracking_categories').insert({ ...org, tracking_category_id: category, name: 'Region', status: 'ACTIVE' });
  await db('xero_tracking_options').insert([
    { ...org, tracking_option_id: north, tracking_category_id: category, name: 'North', status: 'ACTIVE' },
    { ...org, tracking_option_id: south, tracking_category_id: category, name: 'South', status: 'ACTIVE' },
  ]);
  return { trackingCategoryId: category, north, south };
}

export async function createContact(db: Database, organisationId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  await db('contacts').insert({ organisation_id: organisationId, id, kind: 'company', name, name_key: name.trim().toLowerCase(), is_customer: true, ...extra });
  return id;
}

/** A urlencoded quote/sales order body: header fields plus lines[i][field]. */
export function documentBody(header: Record<string, string>, lines: Record<string, string>[], extra: Record<string, string> = {}): Record<string, string> {
  const body: Record<string, string> = { ...header, ...extra };
  lines.forEach((line, i) => {
    for (const [field, value] of Object.entries(line)) body[`lines[${i}][${field}]`] = value;
  });
  return body;
}

export const gstLine = (overrides: Record<string, string> = {}): Record<string, string> => ({
  description: 'Consulting', quantity: '2', unitPrice: '100.00', discount: '', accountCode: '200', taxType: 'OUTPUT', ...overrides,
});

export async function countRows(db: Database, table: string, organisationId: string): Promise<number> {
  const row = await db(table).where({ organisation_id: organisationId }).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}
