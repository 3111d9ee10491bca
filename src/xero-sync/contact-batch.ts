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
  matchCandidates,
  probableLookup,
  xeroContactProblems,
  type BatchElement,
  type OrganisationGateway,
  type XeroContactLookup,
} from '../xero/index.js';
import type { TenantDb } from '../db/tenant-db.js';
import { contactLinks } from './contact-links.js';
import { payloadOf } from './contact-payload.js';
import { CURRENCY_FIX, sendableContact, type EnsureResult } from './contact-send.js';
import { checkMapping } from './mapping-check.js';
import { elementRefused, SyncStop } from './failure.js';
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

  for (const requested of contactIds) {
    try {
      const contact = await sendableContact(ctx, requested);
      askers.set(contact.id, [...(askers.get(contact.id) ?? []), requested]);
      if (prepared.has(contact.id)) continue;
      if (contact.archivedAt) throw new SyncStop(`${contact.name} is archived in Ledgerside.`, 'Restore the contact on its page, then press Retry.');
      const people = contact.kind === 'company' ? await repo.peopleOf(contact.id) : [];
      const { input, payload, fingerprint } = payloadOf(contact, people);
      const problems = xeroContactProblems(input);
      if (problems.length) {
        throw new SyncStop(
          `${contact.name} cannot be sent to Xero as it is.`,
          'Edit the contact as the messages say, then press Retry.',
          problems.map((p) => `${p.field}: ${p.message}`),
        );
      }
      await checkMapping(ctx.tdb, {
        currencies: [contact.defaultCurrency ? { value: contact.defaultCurrency, where: `the default currency of ${contact.name}`, fix: CURRENCY_FIX } : null],
      });
      const state = await links.stateOf(contact.id);
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

  // Not linked: one lookup for the batch, then the shared decision for each.
  const creates: Prepared[] = [];
  if (unlinked.length) {
    let found: XeroContact[] | null = null;
    try {
      found = await lookup(ctx.gateway, batchLookups(unlinked.map((p) => p.contact)));
    } catch (error) {
      settleError(
        unlinked.map((p) => p.contact.id),
        error,
      );
    }
    if (found) {
      const exact = matchCandidates(found);
      const createNewOf = (contact: Contact) => (askers.get(contact.id) ?? []).some((r) => ctx.choice?.(r).createNew);
      const toMatchOf = (contact: Contact) => ({ name: contact.name, email: createNewOf(contact) ? null : contact.email, storedContactId: null });
      const decisions = new Map(unlinked.map((p) => [p.contact.id, decideContactMatch(toMatchOf(p.contact), exact)]));
      // As the single send: no exact match → probable matches (same name without case, punctuation and
      // company suffixes) are asked about, never created over. One `Name.Contains` lookup for the batch.
      const toProbe = unlinked.filter((p) => decisions.get(p.contact.id)?.action === 'create' && !createNewOf(p.contact));
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
          const lost = decision.by === 'name' && (askers.get(contact.id) ?? []).some((r) => ctx.writeStarted(r));
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
    for (const [i, p] of group.entries()) {
      const element = elements[i]!;
      if (!element.record?.contactID) {
        settle(p.contact.id, {
          kind: 'error',
          error: elementRefused(element.messages.length ? element.messages : ['Xero answered without the new contact’s ID.']),
        });
        continue;
      }
      await links.recordSent(p.contact.id, element.record.contactID, p.fingerprint, ctx.now());
      settle(p.contact.id, { kind: 'done', outcome: 'created', xeroId: element.record.contactID, message: 'Created in Xero.' });
    }
  }
  return results;
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
      },
      ctx.operations.map((op) => op.recordId),
    );
    return new Map(
      ctx.operations.map((op) => [op.id, results.get(op.recordId) ?? { kind: 'error', error: new Error('no outcome for this contact') }] as const),
    );
  },
};
