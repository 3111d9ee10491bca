/**
 * Contacts → Xero, and the "ensure contact" step every later send (invoice, purchase order…) uses.
 * The shared mapper (src/xero/mappers) makes the payload, its fingerprint and the match decision:
 * 1. linked (stored ContactID): unchanged fingerprint → no call; else read it (archived in Xero is
 *    never silently reused: the send stops and says so) and update it;
 * 2. not linked: one lookup by exact name or email; an active contact of that name, or the one active
 *    contact with that email → link and update; else probable matches (same name without case,
 *    punctuation, company suffixes) → the user chooses Link one or Create new; else create.
 * A create whose answer was lost is found again by name before anything is re-created, and its retry
 * carries the same Idempotency-Key.
 */
import type { Contact as XeroContact } from 'xero-node';
import { contactRepository, type Contact } from '../contacts/index.js';
import { decideContactMatch, exactLookups, matchCandidates, probableLookup, type ContactMatchDecision, type XeroContactLookup } from '../xero/index.js';
import { xeroContactProblems } from '../xero/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import { contactChanges } from './contact-changes.js';
import { contactLinks } from './contact-links.js';
import { fieldValuesOf } from './contact-xero-fields.js';
import { payloadOf } from './contact-payload.js';
import { contactXeroPath } from './deep-link.js';
import { SyncStop } from './failure.js';
import { checkMapping } from './mapping-check.js';
import type { RecordHandler, SendContext, SendResult } from './send-context.js';
import type { Candidate } from './sync-operation.js';

export const CURRENCY_FIX =
  "Choose one of the organisation's currencies on the contact, or add it in Xero (Settings → Currencies) and press Refresh from Xero on the Xero settings page";

export type EnsureResult = Extract<SendResult, { kind: 'done' }> | Extract<SendResult, { kind: 'choose' }>;

const isActive = (c: XeroContact): boolean => String(c.contactStatus ?? 'ACTIVE') === 'ACTIVE';

/** Form labels for the mapper's field names, so a stop names the field the user can correct. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  taxNumber: 'Tax number',
  defaultCurrency: 'Default currency',
  accountNumber: 'Account number',
};
const fieldLabel = (field: string): string =>
  FIELD_LABELS[field] ?? (field.startsWith('postalAddress') ? 'Postal address' : field.startsWith('streetAddress') ? 'Street address' : field);

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

async function lookup(gateway: OrganisationGateway, lookups: readonly XeroContactLookup[]): Promise<XeroContact[]> {
  const found: XeroContact[] = [];
  for (const l of lookups) found.push(...('where' in l ? await gateway.findContacts(l.where) : await gateway.searchContacts(l.searchTerm)));
  return found;
}

const candidatesOf = (decision: Extract<ContactMatchDecision, { action: 'ask' }>): Candidate[] =>
  decision.candidates.map((c) => ({ contactId: c.contactId, name: c.name, email: c.email }));

/**
 * Makes sure Xero has the contact as Ledgerside has it now; answers its ContactID (or candidates to
 * choose from). `linkTo`: the user chose this Xero contact; `createNew`: the user chose Create new.
 */
export async function ensureContact(ctx: SendContext, contactId: string, choice: { linkTo?: string; createNew?: boolean } = {}): Promise<EnsureResult> {
  const contact = await sendableContact(ctx, contactId);
  if (contact.archivedAt) throw new SyncStop(`${contact.name} is archived in Ledgerside.`, 'Restore the contact on its page, then press Retry.');
  const people = contact.kind === 'company' ? await contactRepository(ctx.tdb).peopleOf(contact.id) : [];
  const { input, payload, fingerprint } = payloadOf(contact, people);
  const problems = xeroContactProblems(input);
  if (problems.length) {
    throw new SyncStop(
      `${contact.name} cannot be sent to Xero as it is.`,
      `Edit the contact (${[...new Set(problems.map((p) => fieldLabel(p.field)))].join(', ')}), then press Retry.`,
      problems.map((p) => `${fieldLabel(p.field)}: ${p.message}`),
    );
  }
  await checkMapping(ctx.tdb, {
    currencies: [contact.defaultCurrency ? { value: contact.defaultCurrency, where: `the default currency of ${contact.name}`, fix: CURRENCY_FIX } : null],
  });
  const sentFields = fieldValuesOf(contact);
  const links = contactLinks(ctx.tdb);
  const state = await links.stateOf(contact.id);
  const { gateway } = ctx;

  const update = async (xeroId: string, outcome: 'updated' | 'linked', message: string): Promise<EnsureResult> => {
    const saved = await gateway.updateContact(xeroId, { ...payload, contactID: xeroId }, ctx.idempotencyKey(`update-${xeroId}`, fingerprint));
    if (!isActive(saved))
      throw new SyncStop(`${saved.name ?? contact.name} is archived in Xero.`, 'Restore it in Xero (Contacts → Archived), then press Retry.');
    await links.recordSent(contact.id, xeroId, fingerprint, ctx.now(), sentFields);
    return { kind: 'done', outcome, xeroId, message };
  };

  /** Stores a Xero contact found for this one, unless another Ledgerside contact already holds it. */
  const link = async (xeroId: string, name: string, outcome: 'linked' | 'created', message: string, alsoUpdate: boolean): Promise<EnsureResult> => {
    const holder = await links.linkedTo(xeroId);
    if (holder && holder.id !== contact.id) {
      throw new SyncStop(
        `The Xero contact “${name}” is already linked to ${holder.name} in Ledgerside.`,
        'Rename one of them so they differ, or archive the duplicate in Ledgerside, then press Retry.',
      );
    }
    if (alsoUpdate) return update(xeroId, 'linked', message);
    await links.recordSent(contact.id, xeroId, fingerprint, ctx.now(), sentFields);
    return { kind: 'done', outcome, xeroId, message };
  };

  if (state?.xeroContactId) {
    if (state.fingerprint === fingerprint) {
      return { kind: 'done', outcome: 'unchanged', xeroId: state.xeroContactId, message: 'Xero already has this contact as it is: nothing sent.' };
    }
    const current = await gateway.getContact(state.xeroContactId);
    if (!current)
      throw new SyncStop(
        `The Xero contact ${contact.name} was linked to no longer exists in Xero.`,
        'Check it in Xero; if it was deleted or merged there, tell your administrator to unlink it.',
      );
    const decision = decideContactMatch({ name: contact.name, email: contact.email, storedContactId: state.xeroContactId }, matchCandidates([current]));
    if (decision.action === 'archived') throw new SyncStop(decision.message, 'Restore it in Xero (Contacts → Archived), then press Retry.');
    // Never overwrite silently what someone changed in Xero since Ledgerside sent it: the user chooses.
    const changed = await contactChanges(ctx.tdb).noteXeroVersion(contact, current, ctx.now());
    if (changed.length) {
      throw new SyncStop(
        `${contact.name} was changed in Xero since Ledgerside sent it (${changed.map((d) => d.label).join(', ')}).`,
        "On the contact's page, press Take Xero's values or Keep Ledgerside's values, then press Retry.",
      );
    }
    return update(state.xeroContactId, 'updated', 'Updated in Xero.');
  }

  if (choice.linkTo) {
    const chosen = await gateway.getContact(choice.linkTo);
    if (!chosen) throw new SyncStop('The Xero contact you chose no longer exists.', 'Press Retry to look for matches again.');
    if (!isActive(chosen)) throw new SyncStop(`${chosen.name ?? 'That contact'} is archived in Xero.`, 'Restore it in Xero first, or choose Create new.');
    return link(choice.linkTo, chosen.name ?? '', 'linked', `Linked to “${chosen.name ?? ''}” in Xero and updated it.`, true);
  }

  const toMatch = { name: contact.name, email: choice.createNew ? null : contact.email, storedContactId: null };
  const exact = await lookup(gateway, exactLookups(toMatch));
  let decision = decideContactMatch(toMatch, matchCandidates(exact));
  // A create whose answer never came: the contact of that name is the one this operation created.
  if (decision.action === 'update' && decision.by === 'name' && ctx.operation.writeStartedAt) {
    return link(decision.contactId, contact.name, 'created', 'Created in Xero (confirmed after Xero’s answer was lost).', false);
  }
  if (decision.action === 'create' && !choice.createNew) {
    const probable = probableLookup(contact.name);
    if (probable) decision = decideContactMatch(toMatch, matchCandidates([...exact, ...(await lookup(gateway, [probable]))]));
  }
  switch (decision.action) {
    case 'update':
      return link(decision.contactId, contact.name, 'linked', decision.message, true);
    case 'ask':
      if (!choice.createNew) return { kind: 'choose', candidates: candidatesOf(decision), message: decision.message };
      break;
    case 'archived':
      throw new SyncStop(decision.message, 'Restore it in Xero, then press Retry.');
    case 'create':
      break;
  }

  await ctx.markWriteStarted();
  const created = await gateway.createContact(payload, ctx.idempotencyKey('create', fingerprint));
  if (!created.contactID)
    throw new SyncStop('Xero answered without the new contact’s ID.', 'Press Retry: the contact is looked up by name before anything is created again.');
  await links.recordSent(contact.id, created.contactID, fingerprint, ctx.now(), sentFields);
  const note = decision.action === 'create' ? decision.message.replace('No matching contact in Xero: a new one is created.', '').trim() : '';
  return { kind: 'done', outcome: 'created', xeroId: created.contactID, message: `Created in Xero.${note ? ` ${note}` : ''}` };
}

export const contactHandler: RecordHandler = {
  kind: 'contact',
  noun: 'Contact',
  href: (id) => `/contacts/${encodeURIComponent(id)}`,
  xeroPath: contactXeroPath,
  send: (ctx) =>
    ensureContact(ctx, ctx.operation.recordId, {
      ...(ctx.operation.createNew ? { createNew: true } : {}),
      // Set on an unfinished operation only by the user's Link choice.
      ...(ctx.operation.xeroId ? { linkTo: ctx.operation.xeroId } : {}),
    }),
};
