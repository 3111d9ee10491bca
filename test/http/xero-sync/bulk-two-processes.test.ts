/**
 * Two real app worker processes (test/helpers/sync-worker-process.ts, composed as server.ts composes the
 * engine) on one PostgreSQL database, working one organisation's bulk run whose batches share new
 * customers: the contact claims are rows, so neither process creates a customer the other is creating.
 * PostgreSQL only: SQLite runs one app process. Bounded by the test's timeout, never timed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Router } from 'express';
import { createTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { ROOT } from '../../helpers/boot-server.js';
import { TEST_SECRETS } from '../../helpers/test-app.js';
import { csrfFrom, sandboxAppEnv } from '../../helpers/app-on-sandbox.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { accountingSide } from '../../../src/sandbox/accounting/index.js';
import type { AccountingSide } from '../../../src/sandbox/identity-accounting-seam.js';
import { seedOrders, xeroInvoices } from '../xero-invoices/bulk-orders.js';
import { signedIn, syncApp, xeroContacts } from './sync-app.js';

interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/sync-worker-process.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, output: () => out, ready, exited };
}

/**
 * The real accounting side with a gate on /Contacts: while shut, the contacts' lookups and creates wait,
 * so the test can have both processes' batches on their way to the same new customers before either
 * learns whether Xero has them.
 */
function gatedAccounting(): { side: AccountingSide; shut(): void; open(): void } {
  let shut = false;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const side: AccountingSide = {
    ...accountingSide,
    createRouter(deps) {
      const inner = accountingSide.createRouter(deps);
      const outer = Router();
      outer.use((req, _res, next) => {
        if (shut && /^\/contacts/i.test(req.path)) void opened.then(() => next());
        else next();
      });
      outer.use(inner);
      // The sandbox's controls (webhooks, faults) are found on the router it made.
      return Object.assign(outer, { accounting: (inner as unknown as { accounting: unknown }).accounting });
    },
  };
  return { side, shut: () => (shut = true), open: () => open() };
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  await worker.exited;
}

(postgresUrl() ? describe : describe.skip)('Bulk send by two app processes on one database [pg]', () => {
  let t: TestDatabase | undefined;
  let h: SandboxHarness | undefined;
  const workers: WorkerProcess[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map(stopWorker));
    await h?.close();
    await t?.destroy();
  });

  it('when two worker processes work one run of 120 orders whose batches share 30 new customers, then each customer is created in Xero once and each order has exactly one invoice', async function () {
    this.timeout(240_000);
    t = await createTestDatabase('pg');
    const gate = gatedAccounting();
    h = await startSandboxHarness({ accounting: gate.side });
    const sa = syncApp(h, t.db);
    const { agent, org } = await signedIn(sa, h, t.db);
    const csrf = async () => csrfFrom((await agent.get('/dashboard')).text);
    // The invoices' mapping check reads the organisation's Xero settings: read them from the sandbox first.
    expect(
      (
        await agent
          .post('/settings/xero/refresh')
          .type('form')
          .send({ _csrf: await csrf() })
      ).status,
    ).to.equal(303);
    const ids = await seedOrders({ db: t.db, agent, csrf, org }, 'Twin', 120, 30);

    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ledgerside-data-')),
      ...TEST_SECRETS,
      DATABASE_URL: t.settings.kind === 'pg' ? t.settings.url : '',
      ...sandboxAppEnv(h),
      // One batch of the organisation at a time each: the run's first two batches (orders 1–50 and 51–100,
      // every one of the 30 customers in both) go to the two processes side by side.
      SYNC_WORKER_PER_ORGANISATION: '1',
    };
    workers.push(startWorker({ ...env, SYNC_WORKER_OWNER: 'process-a' }), startWorker({ ...env, SYNC_WORKER_OWNER: 'process-b' }));
    const started = [...workers];
    await Promise.all(started.map((w) => w.ready));

    const tdb = tenantDb(t.db, org.id);
    const bulk = sa.sync.bulk.forOrganisation(tdb);
    gate.shut();
    const run = await bulk.start('sales_order', { ids }, { userId: null, name: 'Alice Accountant' });
    // Each process holds one batch (50 orders, all 30 customers in each) before Xero answers either about contacts.
    while (Number((await t.db('xero_sync_operations').where({ run_id: run.id, status: 'running' }).count({ n: '*' }))[0]!.n) < 100)
      await new Promise((resolve) => setTimeout(resolve, 50));
    gate.open();
    let exitedEarly: number | null | undefined;
    for (const w of started) void w.exited.then((code) => (exitedEarly ??= code));
    for (;;) {
      const progress = await bulk.progress(run.id);
      if (progress.run.status === 'done') break;
      if (exitedEarly !== undefined) throw new Error(`a worker process exited (${exitedEarly}):\n${started.map((w) => w.output()).join('\n---\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await Promise.all(workers.splice(0).map(stopWorker));

    const progress = await bulk.progress(run.id);
    expect(progress.counts, JSON.stringify(await t.db('xero_sync_operations').whereNot('status', 'done').select('status', 'result_message'))).to.include({
      done: 120,
      failed: 0,
      waiting: 0,
    });
    // The processes' log lines: each batch finished, each call to Xero.
    const logOf = (w: WorkerProcess) =>
      w
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; xero?: string });
    const logs = started.map(logOf);
    const batches = logs.map((log) => log.filter((l) => l.msg === 'xero bulk batch finished').length);
    expect(Math.min(...batches), `both processes sent batches of the run (a, b: ${batches.join(', ')})`).to.be.at.least(1);
    // Whichever batch claimed the 30 new customers created them in one call; the other process's batches
    // waited for its claims and linked them: no second create, not even one Xero refuses by name.
    const creates = logs.flat().filter((l) => l.xero === 'createContacts');
    expect(creates, 'contact create calls of both processes').to.have.length(1);

    const customers = (await xeroContacts(sa, h, t.db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Twin Customer'));
    expect(customers.map((c) => c.name)).to.have.length(30);
    expect(new Set(customers.map((c) => c.name)).size, 'each customer once in Xero').to.equal(30);
    const invoices = await xeroInvoices({ db: t.db, h, sa, org });
    expect(invoices, 'one invoice per order').to.have.length(120);
    const orders = await t.db('sales_orders').where({ organisation_id: org.id }).select('id', 'xero_invoice_id');
    expect(new Set(orders.map((o) => String(o.xero_invoice_id))).size).to.equal(120);
    for (const o of orders)
      expect(
        invoices.filter((i) => i.url?.endsWith(`/sales-orders/${String(o.id)}`)),
        `order ${String(o.id)}`,
      ).to.have.length(1);
  });
});
