/**
 * Deterministic, plausible rows for the benchmark: names, emails and orders drawn from a seeded PRNG,
 * so two seeds with the same parameters hold the same data. Pure: no database here (see seed.ts).
 */
import { documentTotals, type LineAmountTypes } from '../src/documents/index.js';

/** mulberry32: tiny, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
export const between = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

/** A version-4-shaped id from the PRNG (crypto.randomUUID would make seeds differ run to run). */
export function seededUuid(rand: Rand): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const FIRST = (
  'Aaron Abigail Adam Aiden Alice Amelia Andrew Anna Aroha Ava Ben Bella Caleb Charlotte Chloe Daniel David Ella Emily Emma ' +
  'Ethan Finn George Grace Hannah Harper Henry Isaac Isla Jack Jacob James Jessica Jonah Joshua Kate Liam Lily Lucas Lucy Maia Mason ' +
  'Matthew Mia Mila Nathan Nikau Noah Oliver Olivia Oscar Priya Rangi Rawiri Ruby Samuel Sarah Sofia Sophie Tama Thomas Tom Wiremu Zoe'
).split(' ');
const LAST = (
  'Adams Allen Anderson Bailey Baker Barnes Bell Brown Campbell Carter Chen Clark Collins Cook Cooper Davies Davis Edwards ' +
  'Evans Fisher Green Hall Harris Henare Hill Hughes Jackson James Johnson Jones Kaur Kelly King Lee Lewis Li Martin Miller Mitchell ' +
  'Moore Morgan Morris Murphy Nguyen Parker Patel Phillips Reid Roberts Robinson Ross Scott Singh Smith Stewart Taylor Te Whare ' +
  'Thomas Thompson Turner Walker Wang Ward Watson White Williams Wilson Wood Wright Young'
).split(' ');
const WORD = (
  'Alpine Harbour Kauri Summit Coastal Tui Southern Northern Pacific Tasman Silver Golden Red Blue Green Ridge River ' +
  'Stone Oak Fern Totara Rimu Kiwi Anchor Beacon Bridge Cedar Delta Eagle Falcon Forge Granite Horizon Iron Juniper Kestrel Lighthouse ' +
  'Maple Meridian Nova Orbit Pioneer Quarry Rata Sparrow Tide Union Valley Willow Zenith'
).split(' ');
const TRADE = (
  'Builders Plumbing Electrical Joinery Landscaping Consulting Logistics Engineering Design Catering Accounting Roofing ' +
  'Cleaning Motors Print Media Timber Glass Solar Freight Dental Legal Software Studio Supplies Traders'
).split(' ');
const SUFFIX = ['Ltd', 'Limited', 'Pty Ltd', 'Co', 'Group', 'Partners', '& Sons', 'Holdings'];
const CITY = ['Auckland', 'Wellington', 'Christchurch', 'Hamilton', 'Tauranga', 'Dunedin', 'Sydney', 'Melbourne', 'Brisbane', 'Perth'];
const STREET = ['Queen St', 'High St', 'Main Rd', 'Victoria St', 'George St', 'Church St', 'Station Rd', 'Park Ave', 'Beach Rd'];
const ITEMS = [
  'Consulting hours',
  'Site visit',
  'Materials',
  'Installation',
  'Annual support',
  'Design work',
  'Freight',
  'Licence fee',
  'Maintenance call-out',
  'Training session',
  'Parts kit',
  'Inspection report',
];

/** Unique (per organisation) display names: a repeat gets a number, as a user would type to tell them apart. */
export function uniqueNamer(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? name : `${name} ${n}`;
  };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface SeedClock {
  /** Timestamps spread over the three years before this instant. */
  end: number;
}

export type ContactRow = Record<string, string | number | boolean | null>;

/** One organisation's contacts: about one in five a company; most people belong to one. */
export function contactRows(rand: Rand, organisationId: string, count: number, clock: SeedClock): ContactRow[] {
  const name = uniqueNamer();
  const companies = Math.max(1, Math.round(count / 5));
  const rows: ContactRow[] = [];
  const companyIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const isCompany = i < companies;
    const id = seededUuid(rand);
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const display = name(isCompany ? `${pick(rand, WORD)} ${pick(rand, TRADE)} ${pick(rand, SUFFIX)}` : `${first} ${last}`);
    const companyId = !isCompany && companyIds.length && rand() < 0.7 ? pick(rand, companyIds) : null;
    if (isCompany) companyIds.push(id);
    const created = clock.end - Math.floor(rand() * 3 * YEAR_MS);
    const city = pick(rand, CITY);
    rows.push({
      organisation_id: organisationId,
      id,
      kind: isCompany ? 'company' : 'person',
      name: display,
      name_key: display.trim().toLowerCase(),
      first_name: isCompany ? null : first,
      last_name: isCompany ? null : last,
      company_id: companyId,
      is_customer: rand() < 0.8,
      is_supplier: rand() < 0.25,
      email: isCompany ? `accounts@${slug(display)}.example.com` : `${slug(first)}.${slug(last)}${i}@example.com`,
      phone: `0${between(rand, 2, 9)} ${between(rand, 100, 999)} ${between(rand, 1000, 9999)}`,
      mobile: rand() < 0.5 ? `021 ${between(rand, 100, 999)} ${between(rand, 1000, 9999)}` : null,
      postal_line1: `PO Box ${between(rand, 1, 9999)}`,
      postal_line2: null,
      postal_city: city,
      postal_region: null,
      postal_postal_code: String(between(rand, 1000, 9999)),
      postal_country: 'NZ',
      street_line1: `${between(rand, 1, 400)} ${pick(rand, STREET)}`,
      street_line2: null,
      street_city: city,
      street_region: null,
      street_postal_code: String(between(rand, 1000, 9999)),
      street_country: 'NZ',
      tax_number: isCompany ? `${between(rand, 10, 99)}-${between(rand, 100, 999)}-${between(rand, 100, 999)}` : null,
      default_currency: null,
      payment_terms_days: rand() < 0.5 ? 20 : null,
      payment_terms_type: null,
      notes: rand() < 0.1 ? 'Prefers email; invoices to accounts.' : null,
      xero_contact_id: null,
      xero_sent_at: null,
      // About 3% archived, like a ledger that has been used for years.
      archived_at: rand() < 0.03 ? iso(created + 1000) : null,
      created_at: iso(created),
      updated_at: iso(created),
    });
  }
  return rows;
}

export interface OrderWithLines {
  order: ContactRow;
  lines: ContactRow[];
}

const STATUSES = ['open', 'open', 'open', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'cancelled'];

/** The n-th (1-based) sales order of an organisation with 1–5 lines, totals computed the way the app does. */
export function salesOrder(rand: Rand, organisationId: string, n: number, customerIds: readonly string[], currency: string, clock: SeedClock): OrderWithLines {
  const id = seededUuid(rand);
  const types: LineAmountTypes = rand() < 0.85 ? 'Exclusive' : 'Inclusive';
  const priced = Array.from({ length: between(rand, 1, 5) }, () => ({
    quantity: between(rand, 1, 20) * 10_000,
    unitPrice: between(rand, 500, 250_000) * 100,
    discountRate: rand() < 0.1 ? 100_000 : 0,
    taxRate: 150_000,
  }));
  const totals = documentTotals(priced, types);
  const issued = clock.end - Math.floor(rand() * 3 * YEAR_MS);
  const lines = priced.map((line, position) => ({
    organisation_id: organisationId,
    id: seededUuid(rand),
    sales_order_id: id,
    position,
    product_id: null,
    description: pick(rand, ITEMS),
    quantity: line.quantity,
    unit_price: line.unitPrice,
    discount_rate: line.discountRate,
    account_code: '200',
    tax_type: 'OUTPUT2',
    tax_rate: line.taxRate,
    tracking_option_1_id: null,
    tracking_option_2_id: null,
    line_amount: totals.lines[position]?.lineAmount ?? 0,
    tax_amount: totals.lines[position]?.taxAmount ?? 0,
  }));
  const order = {
    organisation_id: organisationId,
    id,
    number: `SO-${String(n).padStart(4, '0')}`,
    contact_id: pick(rand, customerIds),
    project_id: null,
    quote_id: null,
    issue_date: day(issued),
    due_date: day(issued + 20 * 24 * 3600 * 1000),
    currency,
    line_amount_types: types,
    reference: rand() < 0.6 ? `PO ${between(rand, 1000, 99999)}` : null,
    notes: null,
    status: pick(rand, STATUSES),
    delivery_address: null,
    delivery_date: null,
    delivery_instructions: null,
    sub_total: totals.subTotal,
    total_tax: totals.totalTax,
    total: totals.total,
    xero_invoice_id: null,
    xero_invoice_number: null,
    xero_invoice_status: null,
    xero_amount_paid: null,
    xero_amount_due: null,
    xero_paid_date: null,
    xero_invoice_url: null,
    created_at: iso(issued),
    updated_at: iso(issued),
  };
  return { order, lines };
}
