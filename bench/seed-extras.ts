/**
 * The measured organisations' larger histories, added to a seeded (or reused) database when their
 * tables exist and the organisation has none yet: so a cached database gains them when a capability
 * lands, without seeding a hundred organisations again.
 *
 * - Sync log (`xero_sync_operations`): BENCH_SYNC_LOG entries per measured organisation (50,000),
 *   over the year before the seed's clock, newest first on the page: 92% done, 5% failed with Xero's
 *   messages, 2.9% cancelled, and a few still waiting (one unfinished send per record, as the unique
 *   index requires).
 * - Purchase orders (`purchase_orders`, when that capability exists): BENCH_PURCHASE_ORDERS per measured
 *   organisation (2,000), PO-0001… to suppliers over three years, 1–5 lines each priced like sales orders.
 * - An established organisation's setup (always, with contracts): its Xero settings as a refresh leaves
 *   them (accounts 200 and 300, GST on income and expenses, NZD; so record pages label their lines), 20
 *   projects and BENCH_CONTRACTS × 2 quotes with lines: what a firm with 10,000 contacts has, and what
 *   the dashboard's first steps ask about (done, so it stops asking, as for any established organisation).
 * - Contracts (`contracts`): BENCH_CONTRACTS per measured organisation (500), CT-0001… to customers, 1–3
 *   service lines with a cost (the row's annual revenue and cost from them, as the app keeps them); 55%
 *   active and 10% renewed (running past the seed's clock by a year or more, or open-ended, so no page
 *   changes their status by itself), 15% expired, 10% draft, 10% cancelled.
 */
import type { Knex } from 'knex';
import { annualFigures } from '../src/contracts/contract-revenue.js';
import type { BillingFrequency } from '../src/contracts/contract.js';
import { CLOCK, insertChunked } from './seed.js';
import { between, pick, prng, salesOrder, seededUuid, type ContactRow } from './seed-data.js';

/** A purchase order's or quote's row from a seeded sales order: its own number, status and second date column (NZD, as the extras are). */
function documentRow(organisationId: string, o: ContactRow, number: string, status: string, secondDate: 'delivery_date' | 'expiry_date'): ContactRow {
  return {
    organisation_id: organisationId,
    id: o.id ?? null,
    number,
    contact_id: o.contact_id ?? null,
    issue_date: o.issue_date ?? null,
    [secondDate]: o.due_date ?? null,
    currency: 'NZD',
    line_amount_types: o.line_amount_types ?? 'Exclusive',
    reference: o.reference ?? null,
    status,
    sub_total: o.sub_total ?? 0,
    total_tax: o.total_tax ?? 0,
    total: o.total ?? 0,
    created_at: o.created_at ?? null,
    updated_at: o.updated_at ?? null,
  };
}

export interface ExtraParams {
  syncLogPerOrganisation: number;
  purchaseOrdersPerOrganisation: number;
  contractsPerOrganisation: number;
}

const PO_STATUSES = ['draft', 'ordered', 'ordered', 'received', 'received', 'billed', 'billed', 'billed', 'billed', 'cancelled'];

function purchaseOrderRows(organisationId: string, index: number, suppliers: string[], count: number): { orders: ContactRow[]; lines: ContactRow[] } {
  const rand = prng(15_485_863 * (index + 1));
  const orders: ContactRow[] = [];
  const lines: ContactRow[] = [];
  for (let n = 1; n <= count; n += 1) {
    const made = salesOrder(rand, organisationId, n, suppliers, 'NZD', CLOCK);
    const o = made.order;
    orders.push(documentRow(organisationId, o, `PO-${String(n).padStart(4, '0')}`, pick(rand, PO_STATUSES), 'delivery_date'));
    for (const line of made.lines) {
      const { sales_order_id: parent, tax_type: _tax, account_code: _account, ...rest } = line;
      lines.push({ ...rest, purchase_order_id: parent ?? null, account_code: '300', tax_type: 'INPUT2' });
    }
  }
  return { orders, lines };
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The contract's last day: start + term months − 1 day (as src/contracts/contract-revenue.ts has it). */
function endOf(start: number, months: number): number {
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) - DAY_MS;
}

const SERVICES = ['Managed IT support', 'Website hosting', 'Cleaning service', 'Maintenance plan', 'Software licence', 'Retainer', 'Monitoring'];
const FREQUENCIES: BillingFrequency[] = ['monthly', 'monthly', 'monthly', 'quarterly', 'annually', 'weekly'];

function contractRows(organisationId: string, index: number, customers: string[], count: number): { contracts: ContactRow[]; lines: ContactRow[] } {
  const rand = prng(32_452_843 * (index + 1));
  const contracts: ContactRow[] = [];
  const lines: ContactRow[] = [];
  for (let n = 1; n <= count; n += 1) {
    const id = seededUuid(rand);
    const roll = rand();
    const status = roll < 0.55 ? 'active' : roll < 0.65 ? 'renewed' : roll < 0.8 ? 'expired' : roll < 0.9 ? 'draft' : 'cancelled';
    // Running ones started within two years and run three, or are open-ended; expired ones ended a while ago.
    const running = status === 'active' || status === 'renewed';
    const start = status === 'draft' ? CLOCK.end + between(rand, 1, 60) * DAY_MS : CLOCK.end - (running ? rand() * 2 : 3 + rand()) * YEAR_MS;
    const term = running ? (rand() < 0.3 ? null : 36) : 12;
    const end = term === null ? null : endOf(start, term);
    const services = Array.from({ length: between(rand, 1, 3) }, (_, position) => {
      const unitPrice = between(rand, 50, 2_000) * 10_000;
      const quantity = between(rand, 1, 5) * 10_000;
      const lineAmount = Math.round((quantity / 10_000) * (unitPrice / 100));
      return {
        organisation_id: organisationId,
        id: seededUuid(rand),
        contract_id: id,
        position,
        product_id: null,
        description: pick(rand, SERVICES),
        quantity,
        unit_price: unitPrice,
        unit_cost: Math.round(unitPrice * (0.4 + rand() * 0.3)),
        discount_rate: 0,
        account_code: '200',
        tax_type: 'OUTPUT2',
        tax_rate: 150_000,
        tracking_option_1_id: null,
        tracking_option_2_id: null,
        line_amount: lineAmount,
        tax_amount: Math.round(lineAmount * 0.15),
      };
    });
    lines.push(...services);
    const subTotal = services.reduce((sum, l) => sum + l.line_amount, 0);
    const totalTax = services.reduce((sum, l) => sum + l.tax_amount, 0);
    const contract = {
      organisation_id: organisationId,
      id,
      number: `CT-${String(n).padStart(4, '0')}`,
      contact_id: pick(rand, customers),
      title: `${pick(rand, SERVICES)} ${between(rand, 2024, 2027)}`,
      issue_date: day(start),
      term_months: term,
      end_date: end === null ? null : day(end),
      billing_frequency: pick(rand, FREQUENCIES),
      first_invoice_date: day(start),
      payment_terms_days: 20,
      payment_terms_type: 'OFFOLLOWINGMONTH',
      auto_renew: rand() < 0.5,
      notice_days: rand() < 0.5 ? 30 : null,
      renewal_date: end === null ? null : day(end + DAY_MS),
      currency: 'NZD',
      line_amount_types: 'Exclusive',
      reference: rand() < 0.5 ? `PO ${between(rand, 1000, 99999)}` : null,
      status,
      sub_total: subTotal,
      total_tax: totalTax,
      total: subTotal + totalTax,
      created_at: iso(Math.min(start, CLOCK.end)),
      updated_at: iso(Math.min(start, CLOCK.end)),
    };
    // The annual figures the app keeps on the row (src/contracts/contract-repository.ts), from the same services.
    const annual = annualFigures(
      services.map((l) => ({ quantity: l.quantity, lineAmount: l.line_amount, taxAmount: l.tax_amount, unitCost: l.unit_cost })),
      { frequency: contract.billing_frequency, lineAmountTypes: 'Exclusive' },
    );
    contracts.push({ ...contract, annual_revenue: annual.acv, annual_cost: annual.annualCost });
  }
  return { contracts, lines };
}
const PEOPLE = ['Aroha Ngata', 'Ben Carter', 'Priya Patel', 'Sam Lee'];
const FAILURES = [
  { message: 'Xero did not accept the contact.', xero: ['Email address must be valid.'], advice: 'Correct the email address, then press Retry.' },
  {
    message: 'Xero did not accept the contact.',
    xero: ['The contact name must be unique across all active contacts.'],
    advice: 'Rename the contact or link it, then press Retry.',
  },
  { message: 'Xero could not be reached after 6 attempts.', xero: [], advice: 'Press Retry when Xero is back.' },
];

async function hasRows(db: Knex, table: string, organisationId: string): Promise<boolean> {
  return (await db(table).where({ organisation_id: organisationId }).first('organisation_id')) !== undefined;
}

function syncLogRows(organisationId: string, index: number, contacts: Array<{ id: string; name: string }>, count: number): ContactRow[] {
  const rand = prng(104_729 * (index + 1));
  const rows: ContactRow[] = [];
  const open = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const contact = pick(rand, contacts);
    const created = CLOCK.end - Math.floor(((count - i) / count) * YEAR_MS) - between(rand, 0, 60_000);
    const roll = rand();
    // The newest few are still waiting (at most one unfinished send per record).
    const waiting = i >= count - 20 && !open.has(contact.id);
    if (waiting) open.add(contact.id);
    const status = waiting ? 'waiting' : roll < 0.92 ? 'done' : roll < 0.97 ? 'failed' : 'cancelled';
    const failure = status === 'failed' ? pick(rand, FAILURES) : null;
    const finished = status === 'waiting' ? null : iso(created + between(rand, 300, 5000));
    rows.push({
      organisation_id: organisationId,
      id: seededUuid(rand),
      record_kind: 'contact',
      record_id: contact.id,
      record_label: contact.name,
      action: 'send',
      status,
      idempotency_key: seededUuid(rand),
      attempts: status === 'waiting' ? 2 : 1,
      next_run_at: status === 'waiting' ? iso(CLOCK.end + 3600_000) : null,
      lease_owner: null,
      lease_until: null,
      write_started_at: status === 'done' ? iso(created + 200) : null,
      requested_by: null,
      requested_by_name: pick(rand, PEOPLE),
      outcome: status === 'done' ? pick(rand, ['created', 'updated', 'updated', 'unchanged']) : null,
      result_message: status === 'done' ? 'Sent to Xero.' : status === 'waiting' ? 'Xero is busy; it will be sent again.' : (failure?.message ?? 'Cancelled.'),
      xero_messages: failure?.xero.length ? JSON.stringify(failure.xero) : null,
      advice: failure?.advice ?? null,
      xero_id: status === 'done' ? seededUuid(rand) : null,
      candidates: null,
      create_new: false,
      created_at: iso(created),
      updated_at: finished ?? iso(created),
      finished_at: finished,
    });
  }
  return rows;
}

const QUOTE_STATUSES = ['draft', 'sent', 'sent', 'accepted', 'accepted', 'accepted', 'declined'];

async function seedEstablished(db: Knex, organisationId: string, index: number, quotes: number): Promise<void> {
  const rand = prng(49_979_687 * (index + 1));
  const at = iso(CLOCK.end);
  const customers: Array<{ id: string }> = await db('contacts')
    .where({ organisation_id: organisationId, is_customer: true })
    .whereNull('archived_at')
    .select('id')
    .limit(2000);
  const quoteRows: ContactRow[] = [];
  const lineRows: ContactRow[] = [];
  for (let n = 1; n <= quotes; n += 1) {
    const made = salesOrder(
      rand,
      organisationId,
      n,
      customers.map((c) => c.id),
      'NZD',
      CLOCK,
    );
    const o = made.order;
    quoteRows.push(documentRow(organisationId, o, `QU-${String(n).padStart(4, '0')}`, pick(rand, QUOTE_STATUSES), 'expiry_date'));
    for (const line of made.lines) {
      const { sales_order_id: parent, ...rest } = line;
      lineRows.push({ ...rest, quote_id: parent ?? null });
    }
  }
  await db.transaction(async (trx) => {
    await trx('xero_accounts').insert([
      {
        organisation_id: organisationId,
        account_id: seededUuid(rand),
        code: '200',
        name: 'Sales',
        type: 'REVENUE',
        class: 'REVENUE',
        tax_type: 'OUTPUT2',
        status: 'ACTIVE',
      },
      {
        organisation_id: organisationId,
        account_id: seededUuid(rand),
        code: '300',
        name: 'Purchases',
        type: 'DIRECTCOSTS',
        class: 'EXPENSE',
        tax_type: 'INPUT2',
        status: 'ACTIVE',
      },
    ]);
    await trx('xero_tax_rates').insert([
      {
        organisation_id: organisationId,
        tax_type: 'OUTPUT2',
        name: 'GST on Income',
        effective_rate: '15.0000',
        display_tax_rate: '15.0000',
        status: 'ACTIVE',
        can_apply_to_revenue: true,
        can_apply_to_expenses: false,
      },
      {
        organisation_id: organisationId,
        tax_type: 'INPUT2',
        name: 'GST on Expenses',
        effective_rate: '15.0000',
        display_tax_rate: '15.0000',
        status: 'ACTIVE',
        can_apply_to_revenue: false,
        can_apply_to_expenses: true,
      },
    ]);
    await trx('xero_currencies').insert({ organisation_id: organisationId, code: 'NZD', description: 'New Zealand Dollar' });
    await trx('xero_settings_sync').insert(
      ['accounts', 'tax_rates', 'currencies'].map((kind) => ({ organisation_id: organisationId, kind, last_refreshed_at: at })),
    );
    await trx('projects').insert(
      Array.from({ length: 20 }, (_, i) => ({
        organisation_id: organisationId,
        id: seededUuid(rand),
        name: `Project ${pick(rand, SERVICES)} ${i + 1}`,
        contact_id: pick(rand, customers).id,
        status: i < 12 ? 'active' : i < 15 ? 'on_hold' : 'completed',
        created_at: at,
        updated_at: at,
      })),
    );
    await insertChunked(trx, 'quotes', quoteRows);
    await insertChunked(trx, 'quote_lines', lineRows);
    await trx('document_sequences').insert({ organisation_id: organisationId, kind: 'quote', next_number: quotes + 1 });
  });
}

/** Adds what is missing for `organisationIds` (by their index in the seed); returns what it added, for the log. */
export async function seedExtras(db: Knex, organisations: Array<{ id: string; index: number }>, params: ExtraParams): Promise<string[]> {
  const added: string[] = [];
  if (params.syncLogPerOrganisation > 0 && (await db.schema.hasTable('xero_sync_operations'))) {
    for (const { id, index } of organisations) {
      if (await hasRows(db, 'xero_sync_operations', id)) continue;
      const contacts: Array<{ id: string; name: string }> = await db('contacts')
        .where({ organisation_id: id })
        .whereNull('archived_at')
        .select('id', 'name')
        .limit(2000);
      if (contacts.length === 0) continue;
      await db.transaction((trx) => insertChunked(trx, 'xero_sync_operations', syncLogRows(id, index, contacts, params.syncLogPerOrganisation)));
      added.push(`${params.syncLogPerOrganisation} sync-log entries for organisation ${index + 1}`);
    }
  }
  if (params.purchaseOrdersPerOrganisation > 0 && (await db.schema.hasTable('purchase_orders'))) {
    for (const { id, index } of organisations) {
      if (await hasRows(db, 'purchase_orders', id)) continue;
      const rows: Array<{ id: string }> = await db('contacts')
        .where({ organisation_id: id, is_supplier: true })
        .whereNull('archived_at')
        .select('id')
        .limit(500);
      if (rows.length === 0) continue;
      const made = purchaseOrderRows(
        id,
        index,
        rows.map((r) => r.id),
        params.purchaseOrdersPerOrganisation,
      );
      await db.transaction(async (trx) => {
        await insertChunked(trx, 'purchase_orders', made.orders);
        await insertChunked(trx, 'purchase_order_lines', made.lines);
        await trx('document_sequences').insert({ organisation_id: id, kind: 'purchase_order', next_number: params.purchaseOrdersPerOrganisation + 1 });
      });
      added.push(`${params.purchaseOrdersPerOrganisation} purchase orders (${made.lines.length} lines) for organisation ${index + 1}`);
    }
  }
  if (params.contractsPerOrganisation > 0 && (await db.schema.hasTable('contracts'))) {
    for (const { id, index } of organisations) {
      if (await hasRows(db, 'xero_settings_sync', id)) continue;
      await seedEstablished(db, id, index, params.contractsPerOrganisation * 2);
      added.push(`Xero settings, 20 projects and ${params.contractsPerOrganisation * 2} quotes for organisation ${index + 1}`);
    }
    for (const { id, index } of organisations) {
      if (await hasRows(db, 'contracts', id)) continue;
      const rows: Array<{ id: string }> = await db('contacts')
        .where({ organisation_id: id, is_customer: true })
        .whereNull('archived_at')
        .select('id')
        .limit(2000);
      if (rows.length === 0) continue;
      const made = contractRows(
        id,
        index,
        rows.map((r) => r.id),
        params.contractsPerOrganisation,
      );
      await db.transaction(async (trx) => {
        await insertChunked(trx, 'contracts', made.contracts);
        await insertChunked(trx, 'contract_lines', made.lines);
        await trx('document_sequences').insert({ organisation_id: id, kind: 'contract', next_number: params.contractsPerOrganisation + 1 });
      });
      added.push(`${params.contractsPerOrganisation} contracts (${made.lines.length} lines) for organisation ${index + 1}`);
    }
  }
  // Statistics and a visibility map for the new rows (index-only scans), as autovacuum would leave them.
  if (added.length && (db.client as { dialect?: string }).dialect === 'postgresql') {
    for (const table of ['xero_sync_operations', 'purchase_orders', 'purchase_order_lines', 'contracts', 'contract_lines', 'quotes', 'quote_lines', 'projects'])
      if (await db.schema.hasTable(table)) await db.raw(`vacuum analyze ${table}`);
  }
  return added;
}
