/**
 * The measured organisations' larger histories, added to a seeded (or reused) database when their
 * tables exist and the organisation has none yet: so a cached database gains them when a capability
 * lands, without seeding a hundred organisations again.
 *
 * - Sync log (`xero_sync_operations`): BENCH_SYNC_LOG entries per measured organisation (50,000),
 *   over the year before the seed's clock, newest first on the page: 92% done, 5% failed with Xero's
 *   messages, 2.9% cancelled, and a few still waiting (one unfinished send per record, as the unique
 *   index requires).
 */
import type { Knex } from 'knex';
import { CLOCK, insertChunked } from './seed.js';
import { between, pick, prng, seededUuid, type ContactRow } from './seed-data.js';

export interface ExtraParams {
  syncLogPerOrganisation: number;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
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
  if (added.length && (db.client as { dialect?: string }).dialect === 'postgresql') await db.raw('analyze');
  return added;
}
