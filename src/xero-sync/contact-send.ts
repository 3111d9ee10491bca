/**
 * Contacts → Xero, and the "ensure contact" step every later send (invoice, purchase order…) uses:
 * 1. linked (stored ContactID): unchanged fingerprint → no call; else check it is still active in Xero
 *    (archived is never silently reused) and update it;
 * 2. not linked: an exact name match in Xero (names are unique among active contacts) → link and update;
 *    else one active contact with the same email → link and update; else probable matches (same name
 *    without case, punctuation, company suffixes) → the user chooses Link one or Create new; else create.
 * A create whose answer was lost is found again by step 2 (exact name) before anything is re-created,
 * and its retry carries the same Idempotency-Key.
 */
import type { Contact as XeroContact } from 'xero-node';
import { contactRepository, type Contact } from '../contacts/index.js';
import { contactLinks } from './contact-links.js';
import { fingerprintOf, mapContactToXero, normaliseName } from './contact-mapping.js';
import { contactXeroPath } from './deep-link.js';
import { SyncStop } from './failure.js';
import type { RecordHandler, SendContext, SendResult } from './send-context.js';
import type { Candidate } from './sync-operation.js';

export type EnsureResult = Extract<SendResult, { kind: 'done' }> | Extract<SendResult, { kind: 'choose' }>;

const isActive = (c: XeroContact): boolean => String(c.contactStatus ?? 'ACTIVE') === 'ACTIVE';
const quoted = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The record actually sent for a contact: a person who belongs to a company goes as one of its ContactPersons. */
export async function sendableContact(ctx: Pick<SendContext, 'tdb'>, contactId: string): Promise<Contact> {
  const repo = contactRepository(ctx.tdb);
  const contact = await repo.findById(contactId);
  if (!contact) throw new SyncStop('The contact no longer exists in Ledgerside.', 'Cancel this send.');
  if (contact.kind === 'person' && contact.companyId) {
    const company = await repo.findById(contact.companyId);
    if (company) return company;
  }
  return contact;
}

async function payloadOf(ctx: SendContext, contact: Contact): Promise<XeroContact> {
  const people = contact.kind === 'company' ? await contactRepository(ctx.tdb).peopleOf(contact.id) : [];
  return mapContactToXero(contact, people);
}

function candidateOf(c: XeroContact): Candidate | null {
  if (!c.contactID || !c.name) return null;
  return { contactId: c.contactID, name: c.name, email: c.emailAddress ?? null };
}

/**
 * Makes sure Xero has the contact as Ledgerside has it now; answers its ContactID (or candidates to choose
 * from). `linkTo`: the user chose this Xero contact; `createNew`: the user chose Create new.
 */
export async function ensureContact(ctx: SendContext, contactId: string, choice: { linkTo?: string; createNew?: boolean } = {}): Promise<EnsureResult> {
  const contact = await sendableContact(ctx, contactId);
  if (contact.archivedAt) throw new SyncStop(`${contact.name} is archived in Ledgerside.`, 'Restore the contact on its page, then press Retry.');
  const links = contactLinks(ctx.tdb);
  const state = await links.stateOf(contact.id);
  const payload = await payloadOf(ctx, contact);
  const fingerprint = fingerprintOf(payload);
  const { gateway } = ctx;

  const update = async (xeroId: string, outcome: 'updated' | 'linked', message: string): Promise<EnsureResult> => {
    const saved = await gateway.updateContact(xeroId, { ...payload, contactID: xeroId }, ctx.idempotencyKey(`update-${xeroId}`, fingerprint));
    if (!isActive(saved)) throw new SyncStop(`${saved.name ?? contact.name} is archived in Xero.`, 'Restore it in Xero (Contacts → Archived), then press Retry.');
    await links.recordSent(contact.id, xeroId, fingerprint, ctx.now());
    return { kind: 'done', outcome, xeroId, message };
  };

  const link = async (found: XeroContact, outcome: 'linked' | 'created', message: string, alsoUpdate: boolean): Promise<EnsureResult> => {
    const xeroId = found.contactID;
    if (!xeroId) throw new SyncStop('Xero returned a contact without an ID.', 'Press Retry.');
    const holder = await links.linkedTo(xeroId);
    if (holder && holder.id !== contact.id) {
      throw new SyncStop(`Xero's contact "${found.name ?? ''}" is already linked to ${holder.name} in Ledgerside.`, `Rename one of them so they differ, or archive the duplicate in Ledgerside, then press Retry.`);
    }
    if (alsoUpdate) return update(xeroId, outcome === 'created' ? 'linked' : outcome, message);
    await links.recordSent(contact.id, xeroId, fingerprint, ctx.now());
    return { kind: 'done', outcome, xeroId, message };
  };

  if (state?.xeroContactId) {
    if (state.fingerprint === fingerprint) {
      return { kind: 'done', outcome: 'unchanged', xeroId: state.xeroContactId, message: 'Xero already has this contact as it is: nothing sent.' };
    }
    const current = await gateway.getContact(state.xeroContactId);
    if (!current) throw new SyncStop(`The Xero contact ${contact.name} was linked to no longer exists in Xero.`, 'Check it in Xero; if it was deleted or merged there, tell your administrator to unlink it.');
    if (!isActive(current)) throw new SyncStop(`${current.name ?? contact.name} is archived in Xero, so it was not updated.`, 'Restore it in Xero (Contacts → Archived), then press Retry.');
    return update(state.xeroContactId, 'updated', 'Updated in Xero.');
  }

  if (choice.linkTo) {
    const chosen = await gateway.getContact(choice.linkTo);
    if (!chosen) throw new SyncStop('The Xero contact you chose no longer exists.', 'Press Retry to look for matches again.');
    if (!isActive(chosen)) throw new SyncStop(`${chosen.name ?? 'That contact'} is archived in Xero.`, 'Restore it in Xero first, or choose Create new.');
    return link(chosen, 'linked', `Linked to ${chosen.name ?? 'the chosen contact'} in Xero and updated it.`, true);
  }

  // A create whose answer never came (or any earlier Xero contact of this name): exact name first.
  const byName = await gateway.findContacts(`Name==${quoted(contact.name.trim())}`);
  const activeByName = byName.find(isActive);
  const archivedNote = byName.some((c) => !isActive(c)) ? ' An archived Xero contact with the same name was left alone.' : '';
  if (activeByName) {
    if (ctx.operation.writeStartedAt) return link(activeByName, 'created', 'Created in Xero (confirmed after Xero\'s answer was lost).', false);
    return link(activeByName, 'linked', `Linked to the Xero contact with the same name and updated it.${archivedNote}`, true);
  }

  if (!choice.createNew) {
    const email = contact.email?.trim();
    if (email) {
      const byEmail = (await gateway.findContacts(`EmailAddress==${quoted(email)}`)).filter(isActive);
      if (byEmail.length === 1 && byEmail[0]) return link(byEmail[0], 'linked', `Linked to ${byEmail[0].name ?? 'the Xero contact'} (same email address) and updated it.`, true);
      if (byEmail.length > 1) {
        const candidates = byEmail.map(candidateOf).filter((c): c is Candidate => c !== null);
        return { kind: 'choose', candidates, message: `Xero has ${candidates.length} contacts with the email ${email}. Choose one to link, or create a new one.` };
      }
    }
    const key = normaliseName(contact.name);
    const term = key.split(' ').sort((a, b) => b.length - a.length)[0];
    if (term) {
      const probable = (await gateway.searchContacts(term)).filter((c) => isActive(c) && normaliseName(c.name ?? '') === key);
      const candidates = probable.map(candidateOf).filter((c): c is Candidate => c !== null);
      if (candidates.length) {
        return { kind: 'choose', candidates, message: `Xero has a contact that looks like the same one (${candidates.map((c) => c.name).join(', ')}). Link it, or create a new contact.` };
      }
    }
  }

  await ctx.markWriteStarted();
  const created = await gateway.createContact(payload, ctx.idempotencyKey('create', fingerprint));
  if (!created.contactID) throw new SyncStop('Xero answered without the new contact\'s ID.', 'Press Retry: the contact is looked up by name before anything is created again.');
  await links.recordSent(contact.id, created.contactID, fingerprint, ctx.now());
  return { kind: 'done', outcome: 'created', xeroId: created.contactID, message: `Created in Xero.${archivedNote}` };
}

export const contactHandler: RecordHandler = {
  kind: 'contact',
  noun: 'Contact',
  href: (id) => `/contacts/${encodeURIComponent(id)}`,
  xeroPath: contactXeroPath,
  send: (ctx) => ensureContact(ctx, ctx.operation.recordId, {
    ...(ctx.operation.createNew ? { createNew: true } : {}),
    // Set on an unfinished operation only by the user's Link choice.
    ...(ctx.operation.xeroId ? { linkTo: ctx.operation.xeroId } : {}),
  }),
};
