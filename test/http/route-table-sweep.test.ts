/**
 * The tenant boundary, route by route: walks the express app's route table and requests every route
 * with a parameter (every method it answers) with organisation B's ids, signed in to organisation A
 * with a valid CSRF token. Every one must answer 404 with the not-found message and change nothing.
 * A new route is swept the day it is added; a route whose parameter this test cannot fill fails the
 * test until it gets a line in RECORD_IN or NOT_SWEPT below.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { describeEachDialect } from '../helpers/test-db.js';
import { testApp } from '../helpers/test-app.js';
import { createTestOrganisation, signedInAgent, type SignedIn, type TestOrganisation } from '../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../fixtures/documents.js';
import { isPostgres, type Database } from '../../src/db/database.js';
import { asHtml } from '../helpers/refusals.js';

/** One record of each kind an organisation can hold, created the way users create them. */
interface Records {
  organisation: string;
  contact: string;
  product: string;
  project: string;
  quote: string;
  salesOrder: string;
  purchaseOrder: string;
  contract: string;
  contractFile: string;
  importRun: string;
  syncOperation: string;
  bulkRun: string;
}

/**
 * Which record fills a parameter, by the route path up to and including it, and the not-found
 * message's noun. A route under a path already here is swept with no change. A new kind of record:
 * add it to Records, create one in oneOfEach (through the app's own form, or an insert), map it here.
 */
const RECORD_IN: Record<string, { record: keyof Records; noun: string }> = {
  '/organisations/:id': { record: 'organisation', noun: 'organisation' },
  '/contacts/:id': { record: 'contact', noun: 'contact' },
  '/products/:id': { record: 'product', noun: 'product' },
  '/projects/:id': { record: 'project', noun: 'project' },
  '/quotes/:id': { record: 'quote', noun: 'quote' },
  '/sales-orders/:id': { record: 'salesOrder', noun: 'sales order' },
  '/purchase-orders/:id': { record: 'purchaseOrder', noun: 'purchase order' },
  '/contracts/:id': { record: 'contract', noun: 'contract' },
  '/contracts/:id/files/:fileId': { record: 'contractFile', noun: 'contract' },
  '/import/xero/runs/:id': { record: 'importRun', noun: 'import' },
  '/sync-log/:id': { record: 'syncOperation', noun: 'operation' },
  '/bulk-sends/:id': { record: 'bulkRun', noun: 'bulk send' },
};

/** Routes this test does not sweep, each with the reason (a stale entry fails the test). */
const NOT_SWEPT: Record<string, string> = {
  'POST /import/xero/:kind': ':kind is what to import (contacts, products): the same word in every organisation, not a record to cross over',
};

/**
 * Fields a route checks before it looks its record up, valid for B's record, so the sweep's request
 * gets as far as the lookup (a stale entry fails the test).
 */
const FORM_FOR: Record<string, Record<string, string>> = {
  'POST /quotes/:id/status': { status: 'sent' },
  'POST /sales-orders/:id/status': { status: 'completed' },
  'POST /purchase-orders/:id/status': { status: 'ordered' },
  'POST /contracts/:id/status': { status: 'active' },
  'POST /organisations/:id/delete-data': { confirmName: 'Bravo Bakery' },
};

/**
 * GET routes that answer something other than 200 for A's own record in this test, with the status
 * and the reason (a stale entry fails the test).
 */
const OWN_STATUS: Record<string, { status: number; reason: string }> = {
  '/sales-orders/:id/invoice.pdf': { status: 404, reason: 'a fresh order has not been sent to Xero: there is no invoice, so no PDF' },
  '/sales-orders/:id/status': { status: 303, reason: 'the confirmation page needs ?to= naming a status that asks first; without it, back to the order' },
  '/purchase-orders/:id/pdf': { status: 404, reason: 'Xero’s PDF exists once the purchase order is in Xero; A’s is not sent here (no Xero)' },
};

/**
 * When the signed-in user is also a member of B, acting on B by its organisation id is the point of
 * these routes (switching is by id too), so that sweep leaves them out.
 */
const MEMBER_OF_B_MAY_USE = ['/organisations/:id'];

interface SweptRoute {
  method: string;
  path: string;
}

/** Every route of the app (express 5: app.router.stack; nested routers are walked with their mount path). */
function routeTable(app: Express): SweptRoute[] {
  const routes: SweptRoute[] = [];
  const walk = (stack: unknown[], prefix: string): void => {
    for (const layer of stack as { route?: { path: unknown; methods: Record<string, boolean> }; rawPath?: unknown; handle?: { stack?: unknown[] } }[]) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== 'string') throw new Error(`route with a non-string path (${String(path)}): teach routeTable() to read it`);
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) routes.push({ method: method.toUpperCase(), path: prefix + path });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack, '');
  return routes;
}

/** Each parameter of a path with the path up to and including it: '/quotes/:id/edit' → [['/quotes/:id', ':id']]. */
function parameters(path: string): { key: string; token: string }[] {
  const found: { key: string; token: string }[] = [];
  for (const match of path.matchAll(/[:*][A-Za-z_$][\w$]*/g)) found.push({ key: path.slice(0, (match.index ?? 0) + match[0].length), token: match[0] });
  return found;
}

async function oneOfEach(db: Database, app: Express, org: TestOrganisation, marker: string): Promise<Records> {
  await seedSalesSettings(db, org.id);
  const owner = await signedInAgent(app, db, [org]);
  const csrf = await owner.csrf();
  const created = async (path: string, body: Record<string, string>): Promise<string> => {
    const res = await owner.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, ...body });
    expect(res.status, `${path}: ${res.text.slice(0, 300)}`).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  const customer = await createContact(db, org.id, `${marker} Customer`);
  const contact = await created('/contacts', { kind: 'company', name: `${marker} Contact` });
  const product = await created('/products', { code: `${marker}-1`, name: `${marker} Product` });
  const project = await created('/projects/new', {
    name: `${marker} Project`,
    contactId: customer,
    status: 'active',
    startDate: '',
    endDate: '',
    budget: '',
    description: '',
  });
  const header = {
    contactId: customer,
    number: '',
    issueDate: '2026-11-20',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: `${marker} Ref`,
    notes: '',
  };
  const quote = await created('/quotes/new', documentBody({ ...header, expiryDate: '' }, [gstLine({ description: `${marker} quote line` })]));
  const salesOrder = await created(
    '/sales-orders/new',
    documentBody({ ...header, projectId: project, dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' }, [
      gstLine({ description: `${marker} order line` }),
    ]),
  );
  // A purchase order made from the sales order (as "Create purchase orders" makes them), with one line.
  const supplier = await createContact(db, org.id, `${marker} Supplier`, { is_customer: false, is_supplier: true });
  const purchaseOrder = randomUUID();
  await db('purchase_orders').insert({
    organisation_id: org.id,
    id: purchaseOrder,
    number: `PO-${marker}`,
    contact_id: supplier,
    project_id: project,
    sales_order_id: salesOrder,
    issue_date: '2026-11-21',
    currency: 'AUD',
    line_amount_types: 'Exclusive',
    status: 'draft',
    sub_total: 1000,
    total_tax: 100,
    total: 1100,
  });
  await db('purchase_order_lines').insert({
    organisation_id: org.id,
    id: randomUUID(),
    purchase_order_id: purchaseOrder,
    position: 0,
    description: `${marker} purchase line`,
    quantity: 10000,
    unit_price: 100000,
    line_amount: 1000,
    tax_amount: 100,
  });
  const contract = await created(
    '/contracts/new',
    documentBody(
      {
        ...header,
        title: `${marker} Contract`,
        salesOrderId: salesOrder,
        projectId: project,
        termMonths: '12',
        billingFrequency: 'monthly',
        firstInvoiceDate: '2026-11-20',
        paymentTermsDays: '14',
        paymentTermsType: 'DAYSAFTERBILLDATE',
        autoRenew: '',
        noticeDays: '30',
      },
      [gstLine({ description: `${marker} service` })],
    ),
  );
  const contractFile = randomUUID();
  await db('contract_files').insert({
    organisation_id: org.id,
    id: contractFile,
    contract_id: contract,
    file_name: `${marker}.txt`,
    content_type: 'text/plain; charset=utf-8',
    size_bytes: 5,
    content: Buffer.from(marker.slice(0, 5)),
    source: 'upload',
  });
  const importRun = randomUUID();
  const at = new Date('2026-11-20T09:00:00Z').toISOString();
  await db('xero_import_runs').insert({
    organisation_id: org.id,
    id: importRun,
    kind: 'contacts',
    status: 'failed',
    next_page: 2,
    started_at: at,
    updated_at: at,
  });
  const syncOperation = randomUUID();
  // A send waiting for the user's choice, so Retry, Cancel, Link and Create new all get as far as the lookup.
  await db('xero_sync_operations').insert({
    organisation_id: org.id,
    id: syncOperation,
    record_kind: 'contact',
    record_id: contact,
    record_label: `${marker} Contact`,
    action: 'send',
    status: 'waiting',
    idempotency_key: randomUUID(),
    attempts: 1,
    requested_by_name: marker,
    outcome: 'needs_choice',
    candidates: JSON.stringify([{ contactId: randomUUID(), name: `${marker} Xero`, email: null }]),
    created_at: at,
    updated_at: at,
  });
  const bulkRun = randomUUID();
  // A running bulk send, so Pause, Cancel and Retry failed get as far as the lookup.
  await db('xero_bulk_runs').insert({
    organisation_id: org.id,
    id: bulkRun,
    record_kind: 'contact',
    status: 'running',
    total: 1,
    joined: 0,
    calls: 0,
    requested_by_name: marker,
    created_at: at,
    updated_at: at,
  });
  return { organisation: org.id, contact, product, project, quote, salesOrder, purchaseOrder, contract, contractFile, importRun, syncOperation, bulkRun };
}

async function tableNames(db: Database): Promise<string[]> {
  const rows: { name: string }[] = isPostgres(db)
    ? (await db.raw<{ rows: { name: string }[] }>('select tablename as name from pg_tables where schemaname = current_schema()')).rows
    : await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
  return rows
    .map((r) => r.name)
    .filter((name) => name !== 'sessions' && !name.startsWith('knex_migrations'))
    .sort();
}

/** Every row of every table but the session store's (visiting pages writes CSRF tokens and flashes there). */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of await tableNames(db)) {
    all[table] = (await db(table).select('*')).map((row: Record<string, unknown>) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return all;
}

interface Plan {
  swept: { method: string; path: string; url: string; noun: string }[];
  unfillable: string[];
}

function plan(app: Express, records: Records, leaveOut: string[]): Plan {
  const result: Plan = { swept: [], unfillable: [] };
  for (const route of routeTable(app)) {
    const params = parameters(route.path);
    if (params.length === 0 || `${route.method} ${route.path}` in NOT_SWEPT) continue;
    if (params.some((p) => leaveOut.includes(p.key))) continue;
    let url = route.path;
    let noun = '';
    for (const param of params) {
      const fill = RECORD_IN[param.key];
      if (!fill) {
        result.unfillable.push(`${route.method} ${route.path} (${param.key})`);
        continue;
      }
      url = url.replace(param.token, records[fill.record]);
      noun ||= fill.noun;
    }
    result.swept.push({ method: route.method, path: route.path, url, noun });
  }
  return result;
}

async function send(signedIn: SignedIn, csrf: string, route: { method: string; path: string; url: string }) {
  const { agent } = signedIn;
  const body = { _csrf: csrf, ...FORM_FOR[`${route.method} ${route.path}`] };
  switch (route.method) {
    case 'GET':
      return agent.get(route.url);
    case 'POST':
      return agent.post(route.url).type('form').send(body);
    case 'PUT':
      return agent.put(route.url).type('form').send(body);
    case 'PATCH':
      return agent.patch(route.url).type('form').send(body);
    case 'DELETE':
      return agent.delete(route.url).type('form').send(body);
    default:
      throw new Error(`the sweep does not know how to send ${route.method} ${route.url}`);
  }
}

describeEachDialect('Route-table sweep: organisation B’s ids from organisation A', (ctx) => {
  async function setup(memberOfB: boolean) {
    const { db } = ctx.current();
    const app = testApp(db);
    const orgA = await createTestOrganisation(db, 'Alpha Joinery');
    const orgB = await createTestOrganisation(db, 'Bravo Bakery');
    const a = await oneOfEach(db, app, orgA, 'ALPHA');
    const b = await oneOfEach(db, app, orgB, 'BRAVO');
    const user = await signedInAgent(app, db, memberOfB ? [orgA, orgB] : [orgA]);
    return { db, app, a, b, user, csrf: await user.csrf() };
  }

  async function expectEveryRouteRefused(memberOfB: boolean): Promise<void> {
    const { db, app, b, user, csrf } = await setup(memberOfB);
    const { swept, unfillable } = plan(app, b, memberOfB ? MEMBER_OF_B_MAY_USE : []);
    expect(unfillable, 'routes with a parameter this test cannot fill: add them to RECORD_IN (or NOT_SWEPT with the reason)').to.deep.equal([]);
    const before = await snapshot(db);
    const answers: string[] = [];
    for (const route of swept) {
      const res = await send(user, csrf, route);
      const refused = res.status === 404 && res.text.includes(asHtml(`We couldn't find that ${route.noun}.`)) && !res.text.includes('BRAVO');
      answers.push(`${route.method} ${route.path} → ${res.status}${refused ? '' : ' (not refused)'}`);
    }
    expect(answers.filter((a) => a.endsWith('(not refused)'))).to.deep.equal([]);
    expect(swept.length, 'routes swept').to.be.at.least(Object.keys(RECORD_IN).length);
    expect(await snapshot(db)).to.deep.equal(before);
  }

  it('when a member of A only requests every route with B’s ids, then each answers 404 with the not-found message and nothing changes', async () => {
    await expectEveryRouteRefused(false);
  });

  it('when a member of both works in A and requests every record route with B’s ids, then each answers 404 and nothing changes', async () => {
    await expectEveryRouteRefused(true);
  });

  it('when the same GET routes get A’s own ids, then each page answers 200 (so the sweep reaches the routes it claims to)', async () => {
    const { app, a, user } = await setup(false);
    const gets = plan(app, a, []).swept.filter((r) => r.method === 'GET');
    const answers = [];
    for (const route of gets) answers.push(`${route.path} → ${(await user.agent.get(route.url)).status}`);
    expect(answers).to.deep.equal(gets.map((r) => `${r.path} → ${OWN_STATUS[r.path]?.status ?? 200}`));
    expect(Object.keys(OWN_STATUS).filter((path) => !gets.some((r) => r.path === path))).to.deep.equal([]);
  });

  it('when a route is listed as not swept or given form fields, then it still exists in the route table', async () => {
    const { db } = ctx.current();
    const app = testApp(db);
    // One request lets the session store finish starting up (it checks its table) before the database closes.
    expect((await request(app).get('/')).status).to.equal(200);
    const routes = routeTable(app).map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(NOT_SWEPT).filter((r) => !routes.includes(r))).to.deep.equal([]);
    expect(Object.keys(FORM_FOR).filter((r) => !routes.includes(r))).to.deep.equal([]);
    expect(Object.keys(RECORD_IN).filter((key) => !routes.some((r) => r.includes(key)))).to.deep.equal([]);
  });
});
