/**
 * `npm run bench:bulk`: bulk sending against the sandbox with Xero's limits on (60 calls a minute,
 * 5 in flight, 5,000 a day, per organisation). SANDBOX_TIME_SCALE (default 1: real limits) shortens the
 * sandbox's minute and the pacer's with it; the figures are then in sandbox minutes, and the output says so.
 *
 * Records (BENCH_BULK_RECORDS): `contacts` new to Xero (per 50: an exact-match lookup, a probable-match
 * lookup and one create call), or `sales_orders` (as invoices) for BENCH_BULK_CUSTOMERS customers new to
 * Xero (default a fifth of the orders, in turn; per 50 orders one invoice create call, plus the three
 * contact calls for a batch's new customers). Scenarios (BENCH_BULK_SCENARIOS, default base): base, faults (20% of the sandbox's
 * answers fail: 500s, dropped connections, and answers dropped after saving), kill (the app process
 * SIGKILLed twice and restarted), two (two organisations at once), known (sales orders whose customers a
 * contacts run sent to Xero before the clock starts: the orders' own calls only). BENCH_WORKER_NODE_ARGS:
 * node flags for the app process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, `--max-semi-space-size=4`). The app process is
 * bench/bulk-worker.ts on a PostgreSQL database (BENCH_DATABASE_URL or TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres). Size: BENCH_BULK_SIZE records per organisation.
 *
 * Printed per run: calls made and the fewest the records need, the send time (from the app process
 * being ready to the run done: its start-up is printed apart), documents written a minute (the records, and for
 * sales orders the contacts created in Xero for them in the run: each an element of a batch call),
 * efficiency = documents a minute ÷ 3,000 (Xero's ceiling of 60 calls × 50 documents; for sales orders also
 * the invoices alone a minute ÷ 3,000), the time the pacer alone needs for those
 * calls (up to 60 starts a pacer minute), and the checks read back from the sandbox (every record in Xero exactly once,
 * with the right total for invoices; no contact twice); the app process's RSS is tracked throughout.
 * The app process runs with npm start's node flags (APP_NODE_ARGS), then BENCH_WORKER_NODE_ARGS.
 * Memory, into BENCH_LOG_FILE: BENCH_HEAP=1 (heap figures every 250 ms), BENCH_HEAP_SNAPSHOT=<dir>
 * (snapshots when ready and when stopped), BENCH_ALLOCATIONS=<file> (sampled allocations, garbage
 * included), BENCH_V8_FLAGS=--trace-gc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import request from 'supertest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { chromium } from 'playwright-core';
import { openDatabase, migrateLatest, type Database } from '../src/db/database.js';
import { tenantDb } from '../src/db/tenant-db.js';
import { createLogger } from '../src/common/logger.js';
import { createApp } from '../src/app.js';
import { createXeroServices } from '../src/xero/xero-services.js';
import { XERO_LIMITS } from '../src/xero/call-pacer.js';
import { xeroIdentity } from '../src/xero/xero-identity.js';
import { organisationXeroStatus } from '../src/organisations/index.js';
import { createXeroSync, CONTACT_INDEX_FROM } from '../src/xero-sync/index.js';
import { salesInvoiceHandler, salesOrderBulkSource } from '../src/xero-invoices/index.js';
import { startSandboxHarness, type SandboxHarness } from '../test/helpers/sandbox-harness.js';
import { csrfFrom, sandboxAppConfig, signInThroughApp } from '../test/helpers/app-on-sandbox.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCALE = Number(process.env.SANDBOX_TIME_SCALE ?? 1);
const RECORDS = process.env.BENCH_BULK_RECORDS === 'sales_orders' ? 'sales_orders' : 'contacts';
const SIZE = Number(process.env.BENCH_BULK_SIZE ?? (RECORDS === 'contacts' ? 1_000 : 500));
const CUSTOMERS = Number(process.env.BENCH_BULK_CUSTOMERS ?? Math.max(1, Math.round(SIZE / 5)));
const SCENARIOS = (process.env.BENCH_BULK_SCENARIOS ?? 'base').split(',').map((s) => s.trim());
/** Calls the pacer lets start in any of its minutes for one organisation, at once (src/xero/call-pacer.ts). */
const PACED_PER_MINUTE = XERO_LIMITS.minute - XERO_LIMITS.margin;
const PG = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MINUTE_MS = 60_000 / SCALE;
/** The pacer's minute: Xero's plus its slack for the time a call takes to arrive (scaled with it). */
const PACER_MINUTE_MS = MINUTE_MS * (1 + XERO_LIMITS.slackMs / XERO_LIMITS.minuteMs);
/** The app process's log lines (BENCH_LOG_LEVEL) go here when set. */
const LOG_FILE = process.env.BENCH_LOG_FILE;
const CEILING = 3_000;
/** npm start's node flags for the app process (package.json): V8 collects its old space at 1.5× the live heap, not up to 4×. */
const APP_NODE_ARGS = ['--heap-growing-percent=50'];
/** A PNG path: Chromium screenshots the progress page of BENCH_BULK_SCREENSHOT_SCENARIO's run (default base) half-way. */
const SCREENSHOT = process.env.BENCH_BULK_SCREENSHOT;
const SCREENSHOT_SCENARIO = process.env.BENCH_BULK_SCREENSHOT_SCENARIO ?? 'base';

async function listen(app: Express): Promise<{ base: string; taken: boolean; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { base, taken: false, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function screenshot(url: string, cookie: string, file: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--headless'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const at = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), domain: 'localhost', path: '/' }]);
    const page = await context.newPage();
    await page.goto(url);
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await browser.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pgUrl = (name: string) => {
  const url = new URL(PG);
  url.pathname = `/${name}`;
  return url.toString();
};

interface Org {
  id: string;
  tenantId: string;
  name: string;
}

interface Figures {
  scenario: string;
  organisation: string;
  records: number;
  calls: number;
  /** Calls Xero (the sandbox) counted for the organisation during the run: X-DayLimit-Remaining before and after. */
  xeroCalls: number;
  /** The machine's 1-minute load average during the send, sampled every second. */
  load: string;
  minimumCalls: number;
  startupSeconds: number;
  wallSeconds: number;
  pacedSeconds: number;
  sandboxMinutes: number;
  /** Documents written to Xero in the run: the records, and the contacts created for them on the way. */
  documents: number;
  perMinute: number;
  efficiency: number;
  /** The records alone (invoices, without the contacts created for them) a minute ÷ 3,000. */
  recordsEfficiency: number;
  done: number;
  failed: number;
  inXero: number;
  duplicates: number;
  lost: number;
}

async function withDatabase<T>(work: (db: Database, url: string) => Promise<T>): Promise<T> {
  const name = `ledgerside_bulk_${randomBytes(5).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: PG, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = pgUrl(name);
  const db = openDatabase({ kind: 'pg', url });
  try {
    await migrateLatest(db);
    return await work(db, url);
  } finally {
    await db.destroy();
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  }
}

class Worker {
  child: ChildProcess | null = null;
  maxRss = 0;
  starts = 0;
  /** When the latest start's process said it was ready (its worker started). */
  readyAt: number | null = null;
  startedAt = 0;
  constructor(
    private readonly settings: { url: string; config: unknown; scale: number },
    private readonly name: string,
  ) {}
  start(): void {
    this.starts += 1;
    this.startedAt = Date.now();
    this.readyAt = null;
    // The app process runs with npm start's node flags (APP_NODE_ARGS), then BENCH_WORKER_NODE_ARGS (profiling, heap settings; '--heap-growing-percent=0' for V8's default).
    const nodeArgs = [...APP_NODE_ARGS, ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'bench/bulk-worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, BENCH_BULK_WORKER: JSON.stringify({ ...this.settings, owner: `${this.name}-${this.starts}` }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const m = /^rss (\d+)/.exec(line);
        if (m) this.maxRss = Math.max(this.maxRss, Number(m[1]));
        else if (line === 'ready') this.readyAt ??= Date.now();
        else if (line && LOG_FILE) appendFileSync(LOG_FILE, `${line}\n`);
      }
    });
    this.child = child;
  }
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

async function accessToken(db: Database, xero: ReturnType<typeof createXeroServices>): Promise<string> {
  const grant = await db('xero_grants').first();
  return (await xero.tokenStore.find(String(grant.id)))!.tokenSet.access_token!;
}

async function setFaults(h: SandboxHarness, token: string, tenantId: string, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${h.apiBasePath}/sandbox-admin/faults`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (res.status >= 300) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

/**
 * Calls Xero (the sandbox) has counted for the organisation today (5,000 − X-DayLimit-Remaining), read
 * with one GET /Organisation; `attempts`: the reads it took (each counted too; faults may fail some).
 */
async function xeroDayUsed(
  h: SandboxHarness,
  db: Database,
  xero: ReturnType<typeof createXeroServices>,
  org: Org,
): Promise<{ used: number; attempts: number }> {
  for (let attempts = 1; attempts <= 20; attempts++) {
    try {
      const res = await fetch(`${h.apiBasePath}/Organisation`, {
        headers: { authorization: `Bearer ${await accessToken(db, xero)}`, 'xero-tenant-id': org.tenantId, accept: 'application/json' },
      });
      const left = res.headers.get('x-daylimit-remaining');
      if (res.ok && left !== null) return { used: XERO_LIMITS.day - Number(left), attempts };
    } catch {
      // A dropped connection (the faults scenario): read again.
    }
    await sleep(1_100);
  }
  throw new Error('could not read X-DayLimit-Remaining');
}

/** A read-back call, waited out and tried again when Xero's minute is spent (the run has just used it). */
async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const parsed = typeof error === 'string' ? (JSON.parse(error) as { response?: { statusCode?: number; headers?: Record<string, string> } }) : null;
      if (parsed?.response?.statusCode !== 429 || attempt > 20) throw error;
      const seconds = Number(parsed.response.headers?.['retry-after'] ?? 5);
      await new Promise((resolve) => setTimeout(resolve, (Math.max(1, seconds) * 1000) / SCALE));
    }
  }
}

async function readBack(h: SandboxHarness, db: Database, xero: ReturnType<typeof createXeroServices>, org: Org, prefix: string) {
  const grant = await db('xero_grants').first();
  const tokenSet = (await xero.tokenStore.find(String(grant.id)))!.tokenSet;
  const client = h.xeroClient();
  client.setTokenSet(tokenSet);
  const names = new Map<string, number>();
  for (let page = 1; ; page++) {
    const { body } = await patiently(() =>
      client.accountingApi.getContacts(org.tenantId, undefined, undefined, 'Name ASC', undefined, page, true, false, undefined, 1000),
    );
    const contacts = body.contacts ?? [];
    for (const c of contacts) if (c.name?.startsWith(prefix)) names.set(c.name, (names.get(c.name) ?? 0) + 1);
    if (contacts.length < 1000) break;
  }
  const contacts = { inXero: names.size, duplicates: [...names.values()].filter((n) => n > 1).length };
  if (RECORDS === 'contacts') return { ...contacts, contactsInXero: contacts.inXero, contactDuplicates: contacts.duplicates, wrongTotals: 0 };
  // Sales orders: one invoice per order (its Url is the order's page), with the order's total.
  const orders = new Map<string, number>(
    (await db('sales_orders').where({ organisation_id: org.id }).select('id', 'total')).map((o: { id: string; total: unknown }) => [
      String(o.id),
      Number(o.total),
    ]),
  );
  const perOrder = new Map<string, number>();
  let wrongTotals = 0;
  for (let page = 1; ; page++) {
    const { body } = await patiently(() =>
      client.accountingApi.getInvoices(
        org.tenantId,
        undefined,
        'Type=="ACCREC"',
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        page,
        undefined,
        undefined,
        undefined,
        undefined,
        1000,
      ),
    );
    const invoices = body.invoices ?? [];
    for (const i of invoices) {
      const orderId = /\/sales-orders\/([0-9a-f-]{36})$/.exec(i.url ?? '')?.[1];
      if (!orderId || !orders.has(orderId)) continue;
      perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
      if (Math.round((i.total ?? 0) * 100) !== orders.get(orderId)) wrongTotals += 1;
    }
    if (invoices.length < 1000) break;
  }
  return {
    inXero: perOrder.size,
    duplicates: [...perOrder.values()].filter((n) => n > 1).length,
    contactsInXero: contacts.inXero,
    contactDuplicates: contacts.duplicates,
    wrongTotals,
  };
}

/** Orders made through the app's own form; the rest are copies of them (the form makes ~15 a second on this machine). */
const FORM_ORDERS = 20;

/**
 * `count` sales orders for `customers` new customers (in turn): the first FORM_ORDERS through the app's
 * own form (one line each, prices differing), the rest copies of those rows and lines in the database
 * with their own id, number, customer, reference and description (each keeps its template's amounts and
 * totals, as the form computed them), so 10,000 orders take seconds to make instead of minutes.
 */
async function seedOrders(
  agent: ReturnType<typeof request.agent>,
  db: Database,
  org: Org,
  prefix: string,
  count: number,
  customers: number,
): Promise<string[]> {
  const dashboard = await agent.get('/dashboard');
  await agent
    .post('/organisations/switch')
    .type('form')
    .send({ _csrf: csrfFrom(dashboard.text), organisationId: org.id });
  // The order form and the invoices' mapping check use the organisation's Xero settings: read them from Xero first.
  const settings = await agent.get('/settings/xero');
  const refreshed = await agent
    .post('/settings/xero/refresh')
    .type('form')
    .send({ _csrf: csrfFrom(settings.text) });
  if (refreshed.status !== 303) throw new Error(`settings refresh answered ${refreshed.status}`);
  const at = new Date().toISOString();
  const contactIds: string[] = [];
  const rows = [];
  for (let c = 1; c <= customers; c++) {
    const id = randomUUID();
    const name = `${prefix} ${String(c).padStart(5, '0')} Ltd`;
    contactIds.push(id);
    rows.push({
      organisation_id: org.id,
      id,
      kind: 'company',
      name,
      name_key: name.toLowerCase(),
      email: `${prefix.toLowerCase()}${c}@example.com`,
      is_customer: true,
      is_supplier: false,
      created_at: at,
      updated_at: at,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db('contacts').insert(rows.slice(i, i + 500));
  const csrf = csrfFrom((await agent.get('/sales-orders/new')).text);
  const ids: string[] = [];
  for (let i = 1; i <= Math.min(count, FORM_ORDERS); i++) {
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send({
        _csrf: csrf,
        contactId: contactIds[(i - 1) % customers]!,
        number: '',
        projectId: '',
        issueDate: '2026-11-20',
        dueDate: '',
        currency: org.name.endsWith('(NZ)') ? 'NZD' : 'AUD',
        lineAmountTypes: 'Exclusive',
        reference: `Bench ${i}`,
        notes: '',
        deliveryAddress: '',
        deliveryDate: '',
        deliveryInstructions: '',
        'lines[0][description]': `Work ${i}`,
        'lines[0][quantity]': '2',
        'lines[0][unitPrice]': `${100 + i * 37}.50`,
        'lines[0][discount]': '',
        'lines[0][accountCode]': '200',
        // New Zealand's GST on sales is OUTPUT2 (Australia's OUTPUT).
        'lines[0][taxType]': org.name.endsWith('(NZ)') ? 'OUTPUT2' : 'OUTPUT',
      });
    if (res.status !== 303) throw new Error(`order form answered ${res.status}: ${res.text.slice(0, 300)}`);
    ids.push(String(res.headers.location).split('/').pop()!);
  }
  // A browser follows each redirect and shows "Sales order saved." once; the agent did not, so the session still
  // holds the flashes: show the list once, as a browser would, so the progress page's screenshot does not carry them.
  await agent.get('/sales-orders');
  const templates: Array<Record<string, unknown>> = await db('sales_orders').where({ organisation_id: org.id }).whereIn('id', ids);
  const byId = new Map(templates.map((t) => [String(t.id), t]));
  const templateLines: Array<Record<string, unknown>> = await db('sales_order_lines').where({ organisation_id: org.id }).whereIn('sales_order_id', ids);
  const orders: Array<Record<string, unknown>> = [];
  const lines: Array<Record<string, unknown>> = [];
  for (let i = ids.length + 1; i <= count; i++) {
    const templateId = ids[(i - 1) % ids.length]!;
    const id = randomUUID();
    ids.push(id);
    orders.push({
      ...byId.get(templateId),
      id,
      number: `SO-${String(i).padStart(4, '0')}`,
      contact_id: contactIds[(i - 1) % customers]!,
      reference: `Bench ${i}`,
    });
    for (const line of templateLines.filter((l) => l.sales_order_id === templateId))
      lines.push({ ...line, id: randomUUID(), sales_order_id: id, description: `Work ${i}` });
  }
  for (let i = 0; i < orders.length; i += 200) await db('sales_orders').insert(orders.slice(i, i + 200));
  for (let i = 0; i < lines.length; i += 200) await db('sales_order_lines').insert(lines.slice(i, i + 200));
  await db('document_sequences')
    .where({ organisation_id: org.id, kind: 'sales_order' })
    .update({ next_number: count + 1 });
  return ids;
}

async function seed(db: Database, org: Org, prefix: string, count: number): Promise<string[]> {
  const tdb = tenantDb(db, org.id);
  const at = new Date().toISOString();
  const ids: string[] = [];
  const rows = [];
  for (let i = 1; i <= count; i++) {
    const name = `${prefix} ${String(i).padStart(5, '0')} Ltd`;
    const id = `${prefix.toLowerCase()}-${String(i).padStart(6, '0')}`;
    ids.push(id);
    rows.push({
      id,
      kind: 'company',
      name,
      name_key: name.toLowerCase(),
      email: `${prefix.toLowerCase()}${i}@example.com`,
      is_customer: true,
      is_supplier: false,
      created_at: at,
      updated_at: at,
    });
  }
  await tdb.insert('contacts', rows);
  return ids;
}

async function scenario(name: string): Promise<{ figures: Figures[]; maxRssMb: number; restarts: number }> {
  const h = await startSandboxHarness({ env: { SANDBOX_TIME_SCALE: String(SCALE) } });
  // The sandbox's rate limits follow real time (its minute shortened by the scale).
  Object.defineProperty(h.clock, 'now', { value: () => Date.now() });
  try {
    return await withDatabase(async (db, url) => {
      const config = sandboxAppConfig(h);
      const logger = createLogger('silent');
      const xero = createXeroServices(config, db, logger, {
        organisationStatus: organisationXeroStatus(db),
        identity: xeroIdentity(config.xero, { clockToleranceSeconds: 3600 }),
      });
      const sync = createXeroSync(db, xero.gateway, logger, {
        webUrl: config.xero.webUrl,
        handlers: [salesInvoiceHandler({ appUrl: config.appUrl })],
        sources: [salesOrderBulkSource],
      });
      const app = createApp({ config, db, logger, xero, xeroSync: sync, sessionCleanupIntervalMs: 0, refreshXeroSettingsOnConnect: false });
      const orgNames = name === 'two' ? ['Demo Company (AU)', 'Demo Company (NZ)'] : ['Demo Company (AU)'];
      // BENCH_BULK_SCREENSHOT: the app also listens on loopback, so Chromium can show the progress page mid-run.
      const shot = SCREENSHOT && name === SCREENSHOT_SCENARIO ? await listen(app) : null;
      const agent = shot ? request.agent(shot.base) : request.agent(app);
      const { done: signedIn } = await signInThroughApp(agent, h, {
        email: 'bench@example.com',
        firstName: 'Bench',
        lastName: 'Mark',
        organisations: orgNames,
      });
      const sessionCookie = ((signedIn.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
        .map((c) => c.split(';')[0]!)
        .find((c) => c.startsWith('ledgerside'));
      const orgs: Org[] = [];
      for (const orgName of orgNames) {
        const row = await db('organisations').where({ name: orgName }).first();
        orgs.push({ id: String(row.id), tenantId: String(row.xero_tenant_id), name: orgName });
      }
      const prefixes = orgs.map((_, i) => `Bulk${i + 1}`);
      const runs: Array<{ org: Org; runId: string; prefix: string }> = [];
      for (const [i, org] of orgs.entries()) {
        let ids: string[];
        if (RECORDS === 'contacts') ids = await seed(db, org, prefixes[i]!, SIZE);
        else {
          // The invoices' accounts and tax rates are checked against the settings cache: read it from Xero first.
          ids = await seedOrders(agent, db, org, prefixes[i]!, SIZE, CUSTOMERS);
        }
        if (name === 'known' && RECORDS === 'sales_orders') {
          // The customers sent to Xero first (a contacts run, in this process, before the clock starts), then a
          // fresh minute: the timed run's orders need no contact call, only their own.
          const customerIds = (await db('sales_orders').where({ organisation_id: org.id }).distinct('contact_id')).map((r: { contact_id: unknown }) =>
            String(r.contact_id),
          );
          const pre = await sync.bulk.forOrganisation(tenantDb(db, org.id)).start('contact', { ids: customerIds }, { userId: null, name: 'Bench' });
          await sync.engine.worker.drain();
          const sent = await sync.bulk.forOrganisation(tenantDb(db, org.id)).progress(pre.id);
          console.log(`    known: ${sent.counts.done} customers sent to Xero before the clock starts (run ${sent.run.status})`);
          await new Promise((resolve) => setTimeout(resolve, PACER_MINUTE_MS));
        }
        const kind = RECORDS === 'contacts' ? 'contact' : 'sales_order';
        const run = await sync.bulk.forOrganisation(tenantDb(db, org.id)).start(kind, { ids }, { userId: null, name: 'Bench' });
        runs.push({ org, runId: run.id, prefix: prefixes[i]! });
      }
      // After seeding (the settings refresh must not fail).
      const callsBefore = await Promise.all(orgs.map((o) => xeroDayUsed(h, db, xero, o)));
      if (name === 'faults')
        // About 20% of answers fail: 10% 500s, 5% dropped without saving, 5% saved and then dropped.
        await setFaults(h, await accessToken(db, xero), orgs[0]!.tenantId, {
          failureRate: 0.1,
          failureStatus: 500,
          dropRate: 0.05,
          afterSave: [{ mode: 'drop', rate: 0.05 }],
        });
      const load: number[] = [];
      const loadTimer = setInterval(() => load.push(loadavg()[0]!), 1_000);
      const worker = new Worker({ url, config, scale: SCALE }, name);
      const startedAt = Date.now();
      const finishedAt = new Map<string, number>();
      worker.start();
      let firstReady: number | null = null;
      const kills = name === 'kill' ? [SIZE / 3, (2 * SIZE) / 3] : [];
      try {
        for (;;) {
          let open = 0;
          for (const r of runs) {
            const p = await sync.bulk.forOrganisation(tenantDb(db, r.org.id)).progress(r.runId);
            const finished = p.counts.done + p.counts.failed;
            if (p.run.status === 'done' && !finishedAt.has(r.runId)) finishedAt.set(r.runId, Date.now());
            if (p.run.status !== 'done') open += 1;
            if (shot && !shot.taken && finished >= SIZE / 2) {
              shot.taken = true;
              await screenshot(`${shot.base}/bulk-sends/${r.runId}`, sessionCookie ?? '', SCREENSHOT!);
              console.log(`    ${name}: progress page screenshot at ${finished} finished → ${SCREENSHOT}`);
            }
            if (kills.length && finished >= kills[0]!) {
              kills.shift();
              await worker.kill('SIGKILL');
              console.log(`    ${name}: app SIGKILLed at ${finished} finished; restarting`);
              worker.start();
            }
          }
          firstReady ??= worker.readyAt;
          if (open === 0) break;
          await sleep(200);
        }
      } finally {
        clearInterval(loadTimer);
        await worker.kill('SIGTERM');
        await shot?.close();
      }
      if (name === 'faults') await setFaults(h, await accessToken(db, xero), orgs[0]!.tenantId, {});
      const figures: Figures[] = [];
      for (const [i, r] of runs.entries()) {
        const p = await sync.bulk.forOrganisation(tenantDb(db, r.org.id)).progress(r.runId);
        const after = await xeroDayUsed(h, db, xero, r.org);
        // The send's time runs from the first process being ready: its start-up (tsx compiling the app) is not sending.
        const started = firstReady ?? startedAt;
        const wall = (finishedAt.get(r.runId)! - started) / 1000;
        // New contacts: a create per 50, after one read of the organisation's contacts (runs of 500 or more;
        // smaller runs look up per 50: an exact lookup and a probable-match lookup); orders: one create per 50 after their customers.
        const contactCalls = (n: number) => (SIZE >= CONTACT_INDEX_FROM ? 1 + Math.ceil(n / 50) : 3 * Math.ceil(n / 50));
        const minimumCalls =
          RECORDS === 'contacts' ? contactCalls(SIZE) : Math.ceil(SIZE / 50) + (name === 'known' ? 0 : contactCalls(Math.min(CUSTOMERS, SIZE)));
        const sandboxMinutes = (wall * 1000) / MINUTE_MS;
        const back = await readBack(h, db, xero, r.org, `${r.prefix} `);
        // Contacts are documents too (elements of a batch call, up to 50 a call, as invoices are): those created in
        // Xero for the orders count; in `known` they were created before the clock started.
        const documents = SIZE + (RECORDS === 'sales_orders' && name !== 'known' ? back.contactsInXero : 0);
        const linked = await db('contacts').where({ organisation_id: r.org.id }).whereNotNull('xero_contact_id').count({ n: '*' }).first();
        figures.push({
          scenario: name,
          organisation: r.org.name,
          records: SIZE,
          calls: p.run.calls,
          xeroCalls: after.used - callsBefore[i]!.used - after.attempts,
          load: load.length
            ? `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (mean ${(load.reduce((a, b) => a + b, 0) / load.length).toFixed(1)})`
            : 'n/a',
          minimumCalls,
          startupSeconds: Number(((started - startedAt) / 1000).toFixed(1)),
          wallSeconds: Number(wall.toFixed(1)),
          pacedSeconds: Number((Math.floor(Math.max(0, p.run.calls - 1) / PACED_PER_MINUTE) * (PACER_MINUTE_MS / 1000)).toFixed(1)),
          sandboxMinutes: Number(sandboxMinutes.toFixed(2)),
          documents,
          perMinute: Math.round(documents / sandboxMinutes),
          efficiency: Number((documents / sandboxMinutes / CEILING).toFixed(3)),
          recordsEfficiency: Number((SIZE / sandboxMinutes / CEILING).toFixed(3)),
          done: p.counts.done,
          failed: p.counts.failed,
          inXero: back.inXero,
          duplicates: back.duplicates + back.contactDuplicates + back.wrongTotals,
          lost: RECORDS === 'contacts' ? SIZE - Math.min(back.inXero, Number(linked?.n ?? 0)) : SIZE - back.inXero,
        });
      }
      return { figures, maxRssMb: Math.round(worker.maxRss / 1024 / 1024), restarts: worker.starts - 1 };
    });
  } finally {
    await h.close();
  }
}

const what = RECORDS === 'contacts' ? 'contacts new to Xero' : `sales orders (as invoices) for ${CUSTOMERS.toLocaleString('en')} customers new to Xero`;
console.log(
  `Bulk send benchmark: ${SIZE.toLocaleString('en')} ${what} per organisation; Xero's limits 60 calls/min, 5 in flight, 5,000/day per organisation; ` +
    (SCALE === 1
      ? 'real time (SANDBOX_TIME_SCALE=1).'
      : `SANDBOX_TIME_SCALE=${SCALE}: the sandbox's and the pacer's minute last ${MINUTE_MS / 1000} s, figures in sandbox minutes.`),
);
let failed = false;
for (const name of SCENARIOS) {
  try {
    const { figures, maxRssMb, restarts } = await scenario(name);
    for (const f of figures) {
      console.log(
        `  ${f.scenario.padEnd(6)} ${f.organisation}: ${f.calls} calls (Xero counted ${f.xeroCalls}; fewest possible ${f.minimumCalls}), app start-up ${f.startupSeconds} s, send ${f.wallSeconds} s = ${f.sandboxMinutes} ${SCALE === 1 ? '' : 'sandbox '}min, ${f.documents} documents (${f.records} ${RECORDS === 'contacts' ? 'contacts' : `invoices + ${f.documents - f.records} contacts`}) = ${f.perMinute} documents/min, efficiency ${f.efficiency}${RECORDS === 'contacts' ? '' : ` (invoices alone ${f.recordsEfficiency})`} (the pacer alone needs ${f.pacedSeconds} s for ${f.calls} calls); done ${f.done}, failed ${f.failed}, in Xero ${f.inXero}, duplicates ${f.duplicates}, lost ${f.lost}; load average ${f.load} on ${cpus().length} CPUs`,
      );
    }
    console.log(`  ${name.padEnd(6)} app max RSS ${maxRssMb} MB${restarts ? `, ${restarts} restarts` : ''}`);
  } catch (error) {
    failed = true;
    console.error(`  ${name}: failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
