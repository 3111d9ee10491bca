/**
 * Contacts → Xero in batches (bulk runs, and the "ensure contacts" step of a batch of invoices or
 * purchase orders). The same decisions as the single send (contact-send.ts), with calls shared by
 * the whole batch:
 * - unchanged since last sent (fingerprint): no call;
 * - linked and changed: one `GET /Contacts?IDs=…` for all of them (missing or archived in Xero → stop,
 *   never reused), then one `POST /Contacts?summarizeErrors=false` with every update;
 * - not linked: one `GET /Contacts?where=Name=="a" OR EmailAddress=="a@…" OR Name=="b" …` for the batch,
 *   then per contact the shared matching decision (link and update, ask, archived, create); those it
 *   would create get the single send's probable-match step, batched (one `Name.Contains` lookup), so a
 *   probable match is asked about, never created again; the creates go in one `PUT /Contacts?summarizeErrors=false`.
 * Updates and creates are separate calls, each with its own Idempotency-Key made of the batch's keys and
 * the payloads' fingerprints. One element's validation errors fail that contact only. A create whose
 * answer was lost is found by its exact name on the re-run (the lookup above) and linked, never created again.
 */
import { createHash } from 'node:crypto';
import type { Contact as XeroContact } from 'xero-node';
import { contactRepository, type Contact } from '../contacts/index.js';
import {
  decideContactMatch,
  exactLookups,
  exactNameKey,
  matchCandidates,
  probableLookup,
  xeroContactProblems,
  type BatchElement,
  type MatchCandidate,
  type OrganisationGateway,
  type XeroContactLookup,
} from '../xero/index.js';
import type { TenantDb } from '../db/tenant-db.js';
import { contactLinks } from './contact-links.js';
import { payloadOf } from './contact-payload.js';
import { CURRENCY_FIX, type EnsureResult } from './contact-send.js';
import { mappingStops } from './mapping-check.js';
import { elementRefused, SyncLater, SyncStop } from './failure.js';
import type { ContactIndex } from './contact-index.js';
import type { ContactClaim } from './contact-claims.js';
import type { BatchContext, BatchHandler, BatchOutcome } from './send-context.js';

export type EnsureOutcome = EnsureResult | { kind: 'error'; error: unknown };

export interface EnsureContactsContext {
  tdb: TenantDb;
  gateway: OrganisationGateway;
  now(): Date;
  idempotencyKey(step: string, fingerprint: string): string;
  /** Just before the creates go: the contacts (requested ids) whose outcome becomes unknown if the process dies. */
  markWriteStarted(contactIds: readonly string[]): Promise<void>;
  /** A create of this contact (requested id) may have reached Xero before (its answer was lost). */
  writeStarted(contactId: string): boolean;
  /** The user's answer to probable matches for this contact, if any. */
  choice?(contactId: string): { linkTo?: string; createNew?: boolean };
  /**
   * A large run's copy of the organisation's Xero contacts (contact-index.ts): candidates come from it,
   * with no lookup call; absent (or the organisation too large to copy): looked up per batch.
   */
  index?: { organisationId: string; contacts: ContactIndex };
  /** Claims the contacts this batch may create (contact-claims.ts), so no other batch creates them too. */
  claim?(contactIds: readonly string[]): Promise<ContactClaim>;
}

/** Contacts per update / create call (Xero's advice: about 50 elements a request). */
export const CONTACT_BATCH_SIZE = 50;
/** Longest `where` of one lookup call (the URL stays well under common limits). */
const MAX_WHERE = 6_000;

interface Prepared {
  contact: Contact;
  payload: XeroContact;
  fingerprint: string;
  xeroContactId: string | null;
  unchanged: boolean;
}

const isActive = (c: XeroContact): boolean => String(c.contactStatus ?? 'ACTIVE') === 'ACTIVE';
const fingerprintOf = (items: readonly string[]): string => createHash('sha256').update(items.join(',')).digest('hex');
const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The `where` lookups for many contacts at once: OR-ed exact names and emails, split to stay short; the rest one by one. */
function batchLookups(contacts: readonly Contact[]): XeroContactLookup[] {
  const wheres: string[] = [];
  const single: XeroContactLookup[] = [];
  for (const contact of contacts) {
    const lookups = exactLookups({ name: contact.name, email: contact.email });
    for (const l of lookups) {
      if ('where' in l) wheres.push(l.where);
      else single.push(l);
    }
  }
  return [...joinWheres(wheres), ...single];
}

/**
 * The probable-match lookups for many contacts at once: `Name.Contains("<longest word of the normalised
 * name>")` OR-ed (the word has only letters and digits, so it always fits a `where`), split to stay short.
 * A superset: `decideContactMatch` compares the normalised names itself.
 */
function probableLookups(contacts: readonly Contact[]): XeroContactLookup[] {
  const words = new Set<string>();
  for (const contact of contacts) {
    const probe = probableLookup(contact.name);
    if (probe && 'searchTerm' in probe) words.add(probe.searchTerm);
  }
  return joinWheres([...words].map((w) => `Name.Contains("${w}")`));
}

/** OR-ed `where` terms, split so that no lookup is longer than MAX_WHERE. */
function joinWheres(wheres: readonly string[]): XeroContactLookup[] {
  const out: XeroContactLookup[] = [];
  let current = '';
  for (const w of wheres) {
    if (current && current.length + w.length + 4 > MAX_WHERE) {
      out.push({ where: current });
      current = '';
    }
    current = current ? `${current} OR ${w}` : w;
  }
  if (current) out.push({ where: current });
  return out;
}

async function lookup(gateway: OrganisationGateway, lookups: readonly XeroContactLookup[]): Promise<XeroContact[]> {
  const found = new Map<string, XeroContact>();
  for (const l of lookups) {
    const page = 'where' in l ? await gateway.lookupContacts(l.where) : await gateway.searchContacts(l.searchTerm);
    for (const c of page) found.set(c.contactID ?? `${found.size}`, c);
  }
  return [...found.values()];
}

/**
 * Makes sure Xero has each contact as Ledgerside has it now, in as few calls as the batch allows.
 * Answers an outcome per requested contact id (a person of a company answers for the company).
 */
export async function ensureContacts(ctx: EnsureContactsContext, contactIds: readonly string[]): Promise<Map<string, EnsureOutcome>> {
  const results = new Map<string, EnsureOutcome>();
  const repo = contactRepository(ctx.tdb);
  const links = contactLinks(ctx.tdb);
  /** Resolved (sent) contact id → the requested ids it answers for. */
  const askers = new Map<string, string[]>();
  const prepared = new Map<string, Prepared>();
  const settle = (resolvedId: string, outcome: EnsureOutcome) => {
    for (const id of askers.get(resolvedId) ?? []) results.set(id, outcome);
  };
  const settleError = (resolvedIds: readonly string[], error: unknown) => {
    for (const id of resolvedIds) settle(id, { kind: 'error', error });
  };

  // Everything the decisions need, read once for the batch: the contacts (a person of a company goes as
  // the company), the companies' people, their Xero states and the currencies in the settings cache.
  const asked = new Map((await repo.findByIds(contactIds)).map((c) => [c.id, c]));
  const companyIds = [...asked.values()].flatMap((c) => (c.kind === 'person' && c.companyId && !asked.has(c.companyId) ? [c.companyId] : []));
  const byId = new Map([...asked, ...(await repo.findByIds(companyIds)).map((c) => [c.id, c] as const)]);
  const sendableOf = (id: string): Contact | null => {
    const contact = byId.get(id);
    if (!contact || !asked.has(id)) return null;
    return contact.kind === 'person' && contact.companyId ? (byId.get(contact.companyId) ?? contact) : contact;
  };
  const sendable = [...new Map(contactIds.flatMap((id) => sendableOf(id) ?? []).map((c) => [c.id, c])).values()];
  const [peopleOf, states, mapping] = await Promise.all([
    repo.peopleOfMany(sendable.filter((c) => c.kind === 'company').map((c) => c.id)),
    links.statesOf(sendable.map((c) => c.id)),
    mappingStops(
      ctx.tdb,
      new Map(
        sendable.map((c) => [
          c.id,
          { currencies: [c.defaultCurrency ? { value: c.defaultCurrency, where: `the default currency of ${c.name}`, fix: CURRENCY_FIX } : null] },
        ]),
      ),
    ),
  ]);

  for (const requested of contactIds) {
    try {
      const contact = sendableOf(requested);
      if (!contact) throw new SyncStop('The contact no longer exists in Ledgerside.', 'Cancel this send.');
      askers.set(contact.id, [...(askers.get(contact.id) ?? []), requested]);
      if (prepared.has(contact.id)) continue;
      if (contact.archivedAt) throw new SyncStop(`${contact.name} is archived in Ledgerside.`, 'Restore the contact on its page, then press Retry.');
      const people = contact.kind === 'company' ? (peopleOf.get(contact.id) ?? []) : [];
      const { input, payload, fingerprint } = payloadOf(contact, people);
      const problems = xeroContactProblems(input);
      if (problems.length) {
        throw new SyncStop(
          `${contact.name} cannot be sent to Xero as it is.`,
          'Edit the contact as the messages say, then press Retry.',
          problems.map((p) => `${p.field}: ${p.message}`),
        );
      }
      const stop = mapping.get(contact.id);
      if (stop) throw stop;
      const state = states.get(contact.id);
      prepared.set(contact.id, {
        contact,
        payload,
        fingerprint,
        xeroContactId: state?.xeroContactId ?? null,
        unchanged: Boolean(state?.xeroContactId) && state?.fingerprint === fingerprint,
      });
    } catch (error) {
      results.set(requested, { kind: 'error', error });
    }
  }

  const updates: Array<{ id: string; xeroId: string; outcome: 'updated' | 'linked'; message: string }> = [];
  const toCheck: Array<{ id: string; xeroId: string; linkedByChoice: boolean }> = [];
  const unlinked: Prepared[] = [];
  for (const [id, p] of prepared) {
    const chosen = (askers.get(id) ?? []).map((r) => ctx.choice?.(r) ?? {}).find((c) => c.linkTo || c.createNew) ?? {};
    if (p.unchanged && p.xeroContactId) {
      settle(id, { kind: 'done', outcome: 'unchanged', xeroId: p.xeroContactId, message: 'Xero already has this contact as it is: nothing sent.' });
    } else if (p.xeroContactId) toCheck.push({ id, xeroId: p.xeroContactId, linkedByChoice: false });
    else if (chosen.linkTo) toCheck.push({ id, xeroId: chosen.linkTo, linkedByChoice: true });
    else unlinked.push(p);
  }

  // Linked (or chosen) and changed: read them all at once; missing or archived in Xero is never reused.
  for (const group of chunks(toCheck, CONTACT_BATCH_SIZE)) {
    let current: XeroContact[];
    try {
      current = await ctx.gateway.getContactsByIds(group.map((g) => g.xeroId));
    } catch (error) {
      settleError(
        group.map((g) => g.id),
        error,
      );
      continue;
    }
    const byXeroId = new Map(current.map((c) => [String(c.contactID ?? '').toLowerCase(), c]));
    for (const g of group) {
      const found = byXeroId.get(g.xeroId.toLowerCase());
      const name = prepared.get(g.id)!.contact.name;
      if (!found) {
        settle(g.id, {
          kind: 'error',
          error: new SyncStop(
            `The Xero contact ${name} was linked to no longer exists in Xero.`,
            'Check it in Xero; if it was deleted or merged there, tell your administrator to unlink it.',
          ),
        });
      } else if (!isActive(found)) {
        settle(g.id, {
          kind: 'error',
          error: new SyncStop(`${found.name ?? name} is archived in Xero.`, 'Restore it in Xero (Contacts → Archived), then press Retry.'),
        });
      } else {
        updates.push({
          id: g.id,
          xeroId: g.xeroId,
          outcome: g.linkedByChoice ? 'linked' : 'updated',
          message: g.linkedByChoice ? `Linked to “${found.name ?? ''}” in Xero and updated it.` : 'Updated in Xero.',
        });
      }
    }
  }

  // Not linked: claimed first (another batch creating one of them is waited for, then it is linked).
  let claim: ContactClaim | null = null;
  try {
    if (unlinked.length && ctx.claim) {
      claim = await ctx.claim(unlinked.map((p) => p.contact.id));
      const free: Prepared[] = [];
      // Read again once claimed: another batch may have sent them meanwhile.
      const claimedStates = await links.statesOf(unlinked.filter((p) => claim!.held.has(p.contact.id)).map((p) => p.contact.id));
      for (const p of unlinked) {
        const id = p.contact.id;
        if (!claim.held.has(id)) {
          settle(id, {
            kind: 'error',
            error: new SyncLater(`Another batch is still sending ${p.contact.name} to Xero.`, new Date(ctx.now().getTime() + 5_000)),
          });
          continue;
        }
        const state = claimedStates.get(id);
        if (!state?.xeroContactId) free.push(p);
        else if (state.fingerprint === p.fingerprint)
          settle(id, { kind: 'done', outcome: 'unchanged', xeroId: state.xeroContactId, message: 'Xero already has this contact as it is: nothing sent.' });
        else updates.push({ id, xeroId: state.xeroContactId, outcome: 'updated', message: 'Updated in Xero.' });
      }
      unlinked.splice(0, unlinked.length, ...free);
    }
    return await sendUnlinked(ctx, { unlinked, prepared, askers, updates, results, takenOver: claim?.takenOver ?? new Set(), settle, settleError });
  } finally {
    await claim?.release();
  }
}

interface BatchState {
  unlinked: Prepared[];
  prepared: Map<string, Prepared>;
  askers: Map<string, string[]>;
  updates: Array<{ id: string; xeroId: string; outcome: 'updated' | 'linked'; message: string }>;
  results: Map<string, EnsureOutcome>;
  /** Contacts whose claim lapsed in a process that died: their create may have reached Xero. */
  takenOver: ReadonlySet<string>;
  settle(resolvedId: string, outcome: EnsureOutcome): void;
  settleError(resolvedIds: readonly string[], error: unknown): void;
}

/** The candidates for contacts not linked yet: from the run's copy of Xero's contacts, or one lookup for the batch; plus the probable-match lookup when looked up. */
async function candidatesFor(
  ctx: EnsureContactsContext,
  unlinked: readonly Prepared[],
  mayExist: ReadonlySet<string>,
): Promise<{ exact: XeroContact[]; indexed: MatchCandidate[] | null }> {
  const indexed = ctx.index
    ? await ctx.index.contacts.candidatesFor(
        ctx.index.organisationId,
        ctx.gateway,
        unlinked.map((p) => p.contact),
      )
    : null;
  if (indexed === null) return { exact: await lookup(ctx.gateway, batchLookups(unlinked.map((p) => p.contact))), indexed };
  // A create whose answer was lost may be newer than the copy: those are looked up by name and email.
  const lost = unlinked.filter((p) => mayExist.has(p.contact.id));
  const exact = lost.length ? await lookup(ctx.gateway, batchLookups(lost.map((p) => p.contact))) : [];
  ctx.index!.contacts.remember(ctx.index!.organisationId, exact);
  return { exact, indexed };
}

async function sendUnlinked(ctx: EnsureContactsContext, state: BatchState): Promise<Map<string, EnsureOutcome>> {
  const { unlinked, prepared, askers, updates, results, settle, settleError } = state;
  const links = contactLinks(ctx.tdb);
  const mayExist = new Set(
    unlinked.filter((p) => state.takenOver.has(p.contact.id) || (askers.get(p.contact.id) ?? []).some((r) => ctx.writeStarted(r))).map((p) => p.contact.id),
  );
  const creates: Prepared[] = [];
  if (unlinked.length) {
    let found: XeroContact[] | null = null;
    let indexed: MatchCandidate[] | null = null;
    try {
      ({ exact: found, indexed } = await candidatesFor(ctx, unlinked, mayExist));
    } catch (error) {
      settleError(
        unlinked.map((p) => p.contact.id),
        error,
      );
    }
    if (found) {
      const exact = indexed ? [...indexed, ...matchCandidates(found)] : matchCandidates(found);
      const createNewOf = (contact: Contact) => (askers.get(contact.id) ?? []).some((r) => ctx.choice?.(r).createNew);
      const toMatchOf = (contact: Contact) => ({ name: contact.name, email: createNewOf(contact) ? null : contact.email, storedContactId: null });
      const decisions = new Map(unlinked.map((p) => [p.contact.id, decideContactMatch(toMatchOf(p.contact), exact)]));
      // As the single send: no exact match → probable matches (same name without case, punctuation and
      // company suffixes) are asked about, never created over. One `Name.Contains` lookup for the batch.
      const toProbe = indexed ? [] : unlinked.filter((p) => decisions.get(p.contact.id)?.action === 'create' && !createNewOf(p.contact));
      if (toProbe.length) {
        try {
          const probable = matchCandidates([...found, ...(await lookup(ctx.gateway, probableLookups(toProbe.map((p) => p.contact))))]);
          for (const p of toProbe) decisions.set(p.contact.id, decideContactMatch(toMatchOf(p.contact), probable));
        } catch (error) {
          settleError(
            toProbe.map((p) => p.contact.id),
            error,
          );
          for (const p of toProbe) decisions.delete(p.contact.id);
        }
      }
      for (const p of unlinked) {
        const { contact } = p;
        const createNew = createNewOf(contact);
        const decision = decisions.get(contact.id);
        if (!decision) continue;
        const holderConflict = async (xeroId: string): Promise<boolean> => {
          const holder = await links.linkedTo(xeroId);
          if (holder && holder.id !== contact.id) {
            settle(contact.id, {
              kind: 'error',
              error: new SyncStop(
                `The Xero contact “${contact.name}” is already linked to ${holder.name} in Ledgerside.`,
                'Rename one of them so they differ, or archive the duplicate in Ledgerside, then press Retry.',
              ),
            });
            return true;
          }
          return false;
        };
        if (decision.action === 'update') {
          if (await holderConflict(decision.contactId)) continue;
          const lost = decision.by === 'name' && mayExist.has(contact.id);
          if (lost) {
            // A create whose answer never came: the contact of that name is the one this send created.
            await links.recordSent(contact.id, decision.contactId, p.fingerprint, ctx.now());
            settle(contact.id, {
              kind: 'done',
              outcome: 'created',
              xeroId: decision.contactId,
              message: 'Created in Xero (confirmed after Xero’s answer was lost).',
            });
          } else {
            updates.push({ id: contact.id, xeroId: decision.contactId, outcome: 'linked', message: decision.message });
          }
        } else if (decision.action === 'ask' && !createNew) {
          settle(contact.id, {
            kind: 'choose',
            candidates: decision.candidates.map((c) => ({ contactId: c.contactId, name: c.name, email: c.email })),
            message: decision.message,
          });
        } else if (decision.action === 'archived') {
          settle(contact.id, { kind: 'error', error: new SyncStop(decision.message, 'Restore it in Xero, then press Retry.') });
        } else {
          creates.push(p);
        }
      }
    }
  }

  // Updates: one call per 50, each element's result on its own contact.
  for (const group of chunks(updates, CONTACT_BATCH_SIZE)) {
    const payloads = group.map((u) => ({ ...prepared.get(u.id)!.payload, contactID: u.xeroId }));
    const key = ctx.idempotencyKey('update', fingerprintOf(group.map((u) => `${u.xeroId}:${prepared.get(u.id)!.fingerprint}`)));
    let elements: BatchElement<XeroContact>[];
    try {
      elements = await ctx.gateway.saveContacts('update', payloads, key);
    } catch (error) {
      settleError(
        group.map((u) => u.id),
        error,
      );
      continue;
    }
    for (const [i, u] of group.entries()) {
      const element = elements[i]!;
      const p = prepared.get(u.id)!;
      if (!element.record) settle(u.id, { kind: 'error', error: elementRefused(element.messages) });
      else if (!isActive(element.record))
        settle(u.id, {
          kind: 'error',
          error: new SyncStop(`${element.record.name ?? p.contact.name} is archived in Xero.`, 'Restore it in Xero (Contacts → Archived), then press Retry.'),
        });
      else {
        await links.recordSent(u.id, u.xeroId, p.fingerprint, ctx.now());
        settle(u.id, { kind: 'done', outcome: u.outcome, xeroId: u.xeroId, message: u.message });
      }
    }
  }

  // Creates: marked first (a lost answer is reconciled by name), then one call per 50.
  for (const group of chunks(creates, CONTACT_BATCH_SIZE)) {
    const key = ctx.idempotencyKey('create', fingerprintOf(group.map((p) => p.fingerprint)));
    let elements: BatchElement<XeroContact>[];
    try {
      await ctx.markWriteStarted(group.flatMap((p) => askers.get(p.contact.id) ?? []));
      elements = await ctx.gateway.saveContacts(
        'create',
        group.map((p) => p.payload),
        key,
      );
    } catch (error) {
      settleError(
        group.map((p) => p.contact.id),
        error,
      );
      continue;
    }
    const nameTaken: Prepared[] = [];
    for (const [i, p] of group.entries()) {
      const element = elements[i]!;
      if (!element.record?.contactID) {
        if (element.messages.some((m) => NAME_TAKEN.test(m))) nameTaken.push(p);
        else
          settle(p.contact.id, {
            kind: 'error',
            error: elementRefused(element.messages.length ? element.messages : ['Xero answered without the new contact’s ID.']),
          });
        continue;
      }
      if (ctx.index) ctx.index.contacts.remember(ctx.index.organisationId, [element.record]);
      await links.recordSent(p.contact.id, element.record.contactID, p.fingerprint, ctx.now());
      settle(p.contact.id, { kind: 'done', outcome: 'created', xeroId: element.record.contactID, message: 'Created in Xero.' });
    }
    await linkNameTaken(ctx, nameTaken, settle);
  }
  return results;
}

/** Xero's refusal of a second active contact of a name (xero-facts §4). */
const NAME_TAKEN = /^The contact name .* is already assigned to another contact/;

/**
 * Creates Xero refused because an active contact of that name appeared since the copy of Xero's
 * contacts was read (someone made it in Xero meanwhile): looked up by name (one call for them) and
 * linked, as the single send links a contact of the same name; never created twice. The fingerprint is
 * not stored, so the next send brings Xero's copy up to date with Ledgerside's.
 */
async function linkNameTaken(ctx: EnsureContactsContext, taken: readonly Prepared[], settle: (id: string, outcome: EnsureOutcome) => void): Promise<void> {
  if (taken.length === 0) return;
  const links = contactLinks(ctx.tdb);
  let found: MatchCandidate[];
  try {
    found = matchCandidates(await lookup(ctx.gateway, batchLookups(taken.map((p) => p.contact)))).filter((c) => c.status === 'ACTIVE');
  } catch (error) {
    for (const p of taken) settle(p.contact.id, { kind: 'error', error });
    return;
  }
  for (const p of taken) {
    const same = found.find((c) => exactNameKey(c.name) === exactNameKey(p.contact.name));
    const holder = same ? await links.linkedTo(same.contactId) : null;
    if (!same || (holder && holder.id !== p.contact.id)) {
      settle(p.contact.id, {
        kind: 'error',
        error: new SyncStop(
          `Xero already has an active contact named “${p.contact.name}”${holder ? `, linked to ${holder.name} in Ledgerside` : ''}.`,
          'Rename one of them so they differ, then press Retry.',
        ),
      });
      continue;
    }
    await links.recordSent(p.contact.id, same.contactId, null, ctx.now());
    settle(p.contact.id, {
      kind: 'done',
      outcome: 'linked',
      xeroId: same.contactId,
      message: `Linked to the Xero contact “${same.name}”, which has the same name.`,
    });
  }
}

/** How a bulk batch matches and claims the contacts it may create (both kinds of batch share it). */
export function matchingFor(ctx: BatchContext): Pick<EnsureContactsContext, 'index' | 'claim'> {
  return {
    ...(ctx.contactIndex ? { index: { organisationId: ctx.organisation.id, contacts: ctx.contactIndex } } : {}),
    claim: (contactIds) => ctx.claimContacts(contactIds),
  };
}

/** A bulk run's contacts, 50 a batch. */
export const contactBatch: BatchHandler = {
  size: CONTACT_BATCH_SIZE,
  async send(ctx: BatchContext): Promise<Map<string, BatchOutcome>> {
    const opsOf = new Map<string, string[]>();
    for (const op of ctx.operations) opsOf.set(op.recordId, [...(opsOf.get(op.recordId) ?? []), op.id]);
    const byRecord = new Map(ctx.operations.map((op) => [op.recordId, op]));
    const results = await ensureContacts(
      {
        tdb: ctx.tdb,
        gateway: ctx.gateway,
        now: ctx.now,
        idempotencyKey: ctx.idempotencyKey,
        markWriteStarted: (contactIds) => ctx.markWriteStarted(contactIds.flatMap((id) => opsOf.get(id) ?? [])),
        writeStarted: (contactId) => Boolean(byRecord.get(contactId)?.writeStartedAt),
        choice: (contactId) => {
          const op = byRecord.get(contactId);
          return { ...(op?.createNew ? { createNew: true } : {}), ...(op?.xeroId ? { linkTo: op.xeroId } : {}) };
        },
        ...matchingFor(ctx),
      },
      ctx.operations.map((op) => op.recordId),
    );
    return new Map(
      ctx.operations.map((op) => [op.id, results.get(op.recordId) ?? { kind: 'error', error: new Error('no outcome for this contact') }] as const),
    );
  },
};
