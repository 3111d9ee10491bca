/**
 * "Changed in Xero": when Xero's copy of a contact Ledgerside sent has compared fields that differ both
 * from what Ledgerside sent and from the CRM's current values (an accountant fixed an address in Xero),
 * Xero's values are kept beside the contact and its page shows the difference side by side. Nothing is
 * overwritten silently either way: the CRM changes only when the user takes Xero's values (per field or
 * all), Xero only when the user keeps Ledgerside's values (which records a send) — and a send of a
 * contact with such a difference stops until the user chooses (`ensureContact`).
 */
import type { Contact as XeroContact } from 'xero-node';
import { contactRepository, contactService, type Contact } from '../contacts/index.js';
import type { TenantDb } from '../db/tenant-db.js';
import { mapXeroContact } from '../xero-import/index.js';
import type { OrganisationGateway, XeroGateway } from '../xero/index.js';
import type { Organisation } from '../common/tenancy.js';
import { contactLinks, type ContactXeroState } from './contact-links.js';
import { payloadOf } from './contact-payload.js';
import {
  changedInXero,
  fieldKeysFor,
  fieldValuesOf,
  inputOf,
  sameValue,
  withXeroValues,
  type FieldDifference,
  type FieldKey,
  type XeroFieldValues,
} from './contact-xero-fields.js';

/** Xero's contact in the CRM's terms (the compared fields), or null when it cannot be read as one. */
export function xeroValuesOf(xero: XeroContact, kind: Contact['kind']): XeroFieldValues | null {
  const mapped = mapXeroContact(xero);
  return mapped.ok ? fieldValuesOf({ ...mapped.value.fields, kind }) : null;
}

/** What was last sent: stored, or (sent before Ledgerside kept it) the CRM's values when unchanged since. */
async function sentBase(tdb: TenantDb, contact: Contact, state: ContactXeroState): Promise<XeroFieldValues | null> {
  if (state.sentFields) return state.sentFields;
  const people = contact.kind === 'company' ? await contactRepository(tdb).peopleOf(contact.id) : [];
  return state.fingerprint === payloadOf(contact, people).fingerprint ? fieldValuesOf(contact) : null;
}

export interface ContactChanges {
  differences: FieldDifference[];
  seenAt: Date | null;
}

export function contactChanges(tdb: TenantDb) {
  const links = contactLinks(tdb);
  const repo = contactRepository(tdb);

  async function load(contactId: string): Promise<{ contact: Contact; state: ContactXeroState } | null> {
    const contact = await repo.findById(contactId);
    const state = contact ? await links.stateOf(contact.id) : null;
    return contact && state ? { contact, state } : null;
  }

  /** The differences Xero's stored values make with the CRM's current ones (empty: nothing to show). */
  async function current(contactId: string): Promise<ContactChanges & { remote: XeroFieldValues | null }> {
    const found = await load(contactId);
    if (!found?.state.remoteFields) return { differences: [], seenAt: null, remote: null };
    const { contact, state } = found;
    if (!state.remoteFields) return { differences: [], seenAt: null, remote: null };
    const sent = await sentBase(tdb, contact, state);
    const remote = state.remoteFields;
    return { differences: changedInXero(contact.kind, fieldValuesOf(contact), remote, sent), seenAt: state.remoteAt, remote };
  }

  return {
    current,

    /**
     * Xero's current copy of a linked contact: remembers Xero's values when it changed something the
     * CRM does not have (answers those differences), forgets them when nothing differs any more.
     */
    async noteXeroVersion(contact: Contact, xero: XeroContact, at: Date): Promise<FieldDifference[]> {
      const state = await links.stateOf(contact.id);
      const values = xeroValuesOf(xero, contact.kind);
      // Sent before Ledgerside kept what it sent, and changed in the CRM since: who changed what cannot be told.
      const sent = state && values ? await sentBase(tdb, contact, state) : null;
      if (!state || !values || !sent) return [];
      const differences = changedInXero(contact.kind, fieldValuesOf(contact), values, sent);
      if (differences.length) await links.recordRemote(contact.id, values, at);
      else if (state.remoteFields) await links.recordRemote(contact.id, null, at);
      return differences;
    },

    /**
     * Takes Xero's values of `keys` (or every differing field) into the CRM contact, through the contacts
     * service (its checks apply: a name another contact has, a currency the organisation lacks). When the
     * contact is then exactly as Xero has it, that is recorded as sent: the next send costs no call.
     */
    async take(contactId: string, keys: readonly FieldKey[] | 'all', at: Date): Promise<FieldDifference[]> {
      const found = await load(contactId);
      const { differences, remote } = await current(contactId);
      if (!found || !remote || differences.length === 0) return [];
      const { contact, state } = found;
      const sent = await sentBase(tdb, contact, state);
      const chosen = differences.map((d) => d.key).filter((k) => keys === 'all' || keys.includes(k));
      await contactService(tdb).update(contact.id, withXeroValues(inputOf(contact), remote, chosen));
      const after = (await repo.findById(contact.id))!;
      const left = (await current(contact.id)).differences;
      if (left.length === 0) await links.recordRemote(contact.id, null, at);
      // In step with Xero when every compared field equals Xero's and nothing else changed since the send.
      const people = after.kind === 'company' ? await repo.peopleOf(after.id) : [];
      const crm = fieldValuesOf(after);
      const allEqual = fieldKeysFor(after.kind).every((k) => sameValue(k, crm[k], remote[k]));
      if (allEqual && sent && state.xeroContactId) {
        const asSent = { ...after, ...withXeroValues(inputOf(after), sent, fieldKeysFor(after.kind)) };
        if (payloadOf(asSent, people).fingerprint === state.fingerprint) {
          await links.recordSent(after.id, state.xeroContactId, payloadOf(after, people).fingerprint, at, crm);
        }
      }
      return differences.filter((d) => chosen.includes(d.key));
    },

    /** Keep Ledgerside's values: Xero's become the base, the fingerprint is forgotten; the caller records a send. */
    async keep(contactId: string): Promise<boolean> {
      const { remote } = await current(contactId);
      if (!remote) return false;
      await links.keepLedgerside(contactId, remote);
      return true;
    },
  };
}

/** A CONTACT event's work: fetch the Xero contact and note Xero's version on the CRM contact linked to it. */
export async function contactChangedInXero(
  tdb: TenantDb,
  gateway: OrganisationGateway,
  xeroContactId: string,
  at: Date,
): Promise<{ outcome: 'handled' | 'ignored'; reason: string }> {
  const linked = await contactLinks(tdb).linkedTo(xeroContactId);
  if (!linked) return { outcome: 'ignored', reason: 'no Ledgerside contact is linked to this Xero contact' };
  const contact = await contactRepository(tdb).findById(linked.id);
  if (!contact) return { outcome: 'ignored', reason: 'no Ledgerside contact is linked to this Xero contact' };
  const xero = await gateway.getContact(xeroContactId);
  if (!xero) return { outcome: 'ignored', reason: 'Xero no longer has this contact' };
  const differences = await contactChanges(tdb).noteXeroVersion(contact, xero, at);
  return differences.length
    ? { outcome: 'handled', reason: `changed in Xero: ${differences.map((d) => d.label).join(', ')} (shown on ${contact.name}'s page)` }
    : { outcome: 'handled', reason: 'nothing Ledgerside sends differs from Xero' };
}

/** `contactChangedInXero` over the app's gateway, in the shape a CONTACT webhook handler is given. */
export function contactChangedVia(gateway: XeroGateway) {
  return (ctx: { tdb: TenantDb; organisation: Organisation; now(): Date }, xeroContactId: string) =>
    contactChangedInXero(ctx.tdb, gateway.forOrganisation(ctx.organisation), xeroContactId, ctx.now());
}
