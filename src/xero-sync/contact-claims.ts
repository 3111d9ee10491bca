/**
 * Claims on contacts a bulk batch is about to create in Xero (`xero_contact_claims`), so two batches —
 * side by side in one process, or in two app processes on one PostgreSQL database — never both create
 * the same new customer. A batch claims its contacts that are not yet in Xero before it decides about
 * them; a contact another batch holds is waited for, and read again once free (the other batch has
 * linked it: nothing to create). A claim of a process that died lapses at `until`; the batch that takes
 * it over finds a create that reached Xero by its name before creating (ensureContacts' lost-answer step).
 * Batches with different contacts never wait for each other.
 */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { isUniqueViolation } from '../db/unique-violation.js';

const TABLE = 'xero_contact_claims';

export interface ContactClaim {
  /** The contacts this batch holds. */
  held: ReadonlySet<string>;
  /** Contacts whose claim lapsed in another's hands (its process died mid-create): look for a create that reached Xero. */
  takenOver: ReadonlySet<string>;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ClaimRow {
  contact_id: string;
  owner: string;
  until: string | number;
}

/**
 * Claims every one of `contactIds` for one batch. All at once when nobody holds any (one insert);
 * otherwise one by one in id order, waiting (polling every `pollMs`, at most `waitMs` in all) at the
 * first one another batch holds: two batches wanting some of the same contacts thus never each hold
 * one the other waits for. The ones not claimed by the deadline are left out of `held`.
 */
export async function claimContacts(
  tdb: TenantDb,
  contactIds: readonly string[],
  options: { leaseMs: number; waitMs?: number; pollMs?: number; owner?: string; now?: () => Date },
): Promise<ContactClaim> {
  // Leases follow the engine's clock (tests move it); the wait for another batch is real time.
  const clock = options.now ?? (() => new Date());
  const owner = options.owner ?? randomUUID();
  const held = new Set<string>();
  const takenOver = new Set<string>();
  const release = async () => {
    await tdb.delete(TABLE, { owner });
  };
  const ids = [...new Set(contactIds)].sort();
  if (ids.length === 0) return { held, takenOver, release };
  const until = () => clock().getTime() + options.leaseMs;
  try {
    await tdb.insert(
      TABLE,
      ids.map((id) => ({ contact_id: id, owner, until: until() })),
    );
    return { held: new Set(ids), takenOver, release };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const deadline = Date.now() + (options.waitMs ?? options.leaseMs);
  for (const id of ids) {
    for (;;) {
      const taken = await claimOne(tdb, id, owner, until(), clock().getTime());
      if (taken) {
        held.add(id);
        if (taken === 'lapsed') takenOver.add(id);
        break;
      }
      if (Date.now() >= deadline) return { held, takenOver, release };
      await sleep(options.pollMs ?? 200);
    }
  }
  return { held, takenOver, release };
}

/** One contact: claimed now (`'lapsed'`: taken over from a process that died), or false while another batch holds it. */
async function claimOne(tdb: TenantDb, id: string, owner: string, until: number, at: number): Promise<'claimed' | 'lapsed' | false> {
  const row: ClaimRow | undefined = await tdb.from(TABLE).where({ contact_id: id }).first('contact_id', 'owner', 'until');
  if (!row) {
    try {
      await tdb.insert(TABLE, { contact_id: id, owner, until });
      return 'claimed';
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  if (row.owner === owner) return 'claimed';
  if (Number(row.until) >= at) return false;
  // Lapsed: taken over only if nobody else took it meanwhile (the old owner and time as the condition).
  return (await tdb.update(TABLE, { contact_id: id, owner: row.owner, until: row.until }, { owner, until })) === 1 ? 'lapsed' : false;
}
