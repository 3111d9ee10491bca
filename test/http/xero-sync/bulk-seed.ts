/** Records for bulk-send tests: contacts written straight into the table, purchase orders made through the app's form, and the sandbox's purchase orders read back. */
import { expect } from 'chai';
import type request from 'supertest';
import type { PurchaseOrder as XeroPurchaseOrder } from 'xero-node';
import type { TenantDb } from '../../../src/db/tenant-db.js';
import type { Database } from '../../../src/db/database.js';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import type { SandboxHarness } from '../../helpers/sandbox-harness.js';
import { documentBody } from '../../fixtures/documents.js';
import { createSupplier } from '../../fixtures/purchase-orders.js';
import type { SyncApp } from './sync-app.js';

/** `count` companies named `<prefix> 001 Pty`…, straight into the table (fast); `bad` gets an email Xero refuses. */
export async function seedContacts(tdb: TenantDb, prefix: string, count: number, bad: number[] = []): Promise<string[]> {
  const ids: string[] = [];
  const at = new Date().toISOString();
  const rows = [];
  for (let i = 1; i <= count; i++) {
    const name = `${prefix} ${String(i).padStart(3, '0')} Pty`;
    const id = `${prefix.toLowerCase().replace(/\W/g, '')}-${String(i).padStart(4, '0')}`;
    ids.push(id);
    rows.push({
      id,
      kind: 'company',
      name,
      name_key: name.toLowerCase(),
      email: bad.includes(i) ? 'not-an-email' : `${prefix.toLowerCase().replace(/\W/g, '')}${i}@example.com`,
      is_customer: true,
      is_supplier: false,
      created_at: at,
      updated_at: at,
    });
  }
  await tdb.insert('contacts', rows);
  return ids;
}

/**
 * `count` purchase orders from `suppliers` new suppliers (in turn) through the app's form, referenced
 * `<prefix> <i>`; those whose index is in `bad` use account `badAccount`. Answers their ids in the order made.
 */
export async function seedPurchaseOrders(
  agent: ReturnType<typeof request.agent>,
  db: Database,
  organisationId: string,
  options: { prefix: string; count: number; suppliers: number; bad?: number[]; badAccount?: string },
): Promise<string[]> {
  const suppliers: string[] = [];
  for (let s = 1; s <= options.suppliers; s++)
    suppliers.push(await createSupplier(db, organisationId, `${options.prefix} Supplier ${String(s).padStart(2, '0')} Pty`));
  const csrf = csrfFrom((await agent.get('/purchase-orders/new')).text);
  const ids: string[] = [];
  for (let i = 1; i <= options.count; i++) {
    const res = await agent
      .post('/purchase-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId: suppliers[(i - 1) % options.suppliers]!,
            number: '',
            projectId: '',
            issueDate: '2026-11-20',
            deliveryDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: `${options.prefix} ${i}`,
            notes: '',
            deliveryAddress: '',
            attentionTo: '',
            telephone: '',
            deliveryInstructions: '',
          },
          [
            {
              description: `Part ${i}`,
              quantity: '2',
              unitPrice: `${10 + i}.50`,
              accountCode: options.bad?.includes(i) ? (options.badAccount ?? '399') : '310',
              taxType: 'INPUT',
            },
          ],
        ),
      );
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    ids.push(String(res.headers.location).split('/').pop()!);
  }
  return ids;
}

/** Every purchase order the sandbox has for the organisation, read through xero-node with the app's token. */
export async function xeroPurchaseOrders(sa: SyncApp, h: SandboxHarness, db: Database, tenantId: string): Promise<XeroPurchaseOrder[]> {
  const grant = await db('xero_grants').first();
  const client = h.xeroClient();
  client.setTokenSet((await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet);
  const all: XeroPurchaseOrder[] = [];
  for (let page = 1; ; page++) {
    const { body } = await client.accountingApi.getPurchaseOrders(tenantId, undefined, undefined, undefined, undefined, undefined, page, 100);
    all.push(...(body.purchaseOrders ?? []));
    if ((body.purchaseOrders ?? []).length < 100) break;
  }
  return all;
}
