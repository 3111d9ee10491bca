/**
 * The contacts list's bulk send: "Select all N matching" is the list's search and filters; a person
 * of a company is sent as one of the company's people (so the company is what goes, once); archived
 * contacts are left out and named. The plan counts contacts Xero will get new, updated or not at all
 * (the list's own judgement: linked, and changed since last sent).
 */
import { contactListFilters, contactRepository, type ContactSendState } from '../contacts/index.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { BulkPlan, BulkSource } from './bulk-runs.js';
import { CONTACT_BATCH_SIZE } from './contact-batch.js';

/** Calls a batch of contacts takes: an exact and a probable-match lookup and a create for new ones; a read and an update for changed ones. */
export function contactCalls(toCreate: number, toUpdate: number): number {
  return Math.ceil(toCreate / CONTACT_BATCH_SIZE) * 3 + Math.ceil(toUpdate / CONTACT_BATCH_SIZE) * 2;
}

/** The contacts to send for `ids` (people of a company → the company, once), and the counts for the plan. */
export async function planContacts(tdb: TenantDb, ids: readonly string[]): Promise<BulkPlan> {
  const repo = contactRepository(tdb);
  const states = new Map((await repo.sendStates(ids)).map((s) => [s.id, s]));
  const companyIds = [...states.values()].filter((s) => s.kind === 'person' && s.companyId && !states.has(s.companyId)).map((s) => s.companyId!);
  for (const s of await repo.sendStates([...new Set(companyIds)])) states.set(s.id, s);
  const seen = new Set<string>();
  const plan: BulkPlan = { records: [], skipped: [], contactsToCreate: 0, contactsToUpdate: 0, contactsUnchanged: 0, calls: 0 };
  for (const id of ids) {
    const asked = states.get(id);
    if (!asked) continue;
    const sent: ContactSendState = asked.kind === 'person' && asked.companyId ? (states.get(asked.companyId) ?? asked) : asked;
    if (seen.has(sent.id)) continue;
    seen.add(sent.id);
    if (sent.archived) {
      plan.skipped.push({ label: sent.name, reason: 'archived in Ledgerside' });
      continue;
    }
    plan.records.push({ id: sent.id, label: sent.name });
    if (!sent.inXero) plan.contactsToCreate += 1;
    else if (sent.changedSinceSent) plan.contactsToUpdate += 1;
    else plan.contactsUnchanged += 1;
  }
  plan.calls = contactCalls(plan.contactsToCreate, plan.contactsToUpdate);
  return plan;
}

export const contactBulkSource: BulkSource = {
  kind: 'contact',
  noun: 'contact',
  plural: 'contacts',
  listPath: '/contacts',
  filterParams: ['q', 'role', 'kind', 'archived', 'xero'],
  async matchingIds(tdb, query, limit) {
    const filters = { ...contactListFilters(query), q: (query.q ?? '').trim().slice(0, 200) };
    return contactRepository(tdb).matchingIds(filters, limit);
  },
  plan: planContacts,
};
