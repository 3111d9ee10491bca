/**
 * The database part of each page on its own: the repository calls a page makes, one at a time, no HTTP,
 * no rendering. Separates "the queries are slow" from "the page is slow" when a page misses its target.
 */
import type { Database } from '../src/db/database.js';
import { tenantDb } from '../src/db/tenant-db.js';
import { contactRepository } from '../src/contacts/contact-repository.js';
import { contactService } from '../src/contacts/contact-service.js';
import { salesOrderRepository } from '../src/sales-orders/sales-order-repository.js';
import { parseDocumentListQuery } from '../src/documents/index.js';
import { contactChoices } from '../src/contacts/index.js';

export interface QueryTiming {
  label: string;
  wallMs: number;
  cpuMs: number;
}

const ROUNDS = 100;

async function time(label: string, work: () => Promise<unknown>): Promise<QueryTiming> {
  for (let i = 0; i < 10; i += 1) await work();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i += 1) await work();
  const cpu = process.cpuUsage(cpu0);
  return { label, wallMs: (performance.now() - t0) / ROUNDS, cpuMs: (cpu.user + cpu.system) / 1000 / ROUNDS };
}

export async function queryTimings(
  db: Database,
  organisationId: string,
  ids: { contacts: string[]; orders: string[] },
  lastPages: { contacts: number; orders: number },
): Promise<QueryTiming[]> {
  const tdb = tenantDb(db, organisationId);
  const contacts = contactRepository(tdb);
  const records = contactService(tdb);
  const list = { q: '', role: null, kind: null, archived: 'active' as const, sort: 'name' as const, dir: 'asc' as const, page: 1, pageSize: 25 };
  const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)] ?? '';
  const timings = [
    await time('Contacts list, page 1', () => contacts.list(list)),
    await time(`Contacts list, page ${lastPages.contacts}`, () => contacts.list({ ...list, page: lastPages.contacts })),
    await time('Contacts search "smith"', () => contacts.list({ ...list, q: 'smith' })),
    await time('Contacts search, no match', () => contacts.list({ ...list, q: 'nobody-here' })),
    await time('Contact record (random ids)', () => records.record(pick(ids.contacts))),
  ];
  if (ids.orders.length === 0) return timings;
  const orders = salesOrderRepository(tdb);
  const query = (raw: Record<string, string>) => parseDocumentListQuery(raw, ['open', 'completed', 'cancelled']);
  timings.push(
    await time('Sales orders list, page 1', () => orders.list(query({}))),
    await time(`Sales orders list, page ${lastPages.orders}`, () => orders.list(query({ page: String(lastPages.orders) }))),
    await time('Sales orders search "SO-12"', () => orders.list(query({ q: 'SO-12' }))),
    await time('Sales orders search "smith"', () => orders.list(query({ q: 'smith' }))),
    await time('Sales order record (random ids)', () => orders.find(pick(ids.orders))),
    await time('Contact dropdown (500) on list pages', () => contactChoices(tdb)),
  );
  return timings;
}
