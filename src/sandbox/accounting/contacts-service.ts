/**
 * Contacts: Xero's rules for creating and updating them (unique active names, valid e-mail, at most
 * five contact persons) and the link/create behaviour of a document's Contact element.
 */
import { randomUUID } from 'node:crypto';
import { reject } from './batch.js';
import type { ChangeEvent } from './http.js';
import type { TenantStore } from './store.js';
import { addHistory, SYSTEM_USER } from './history.js';
import { isJsonObject, type JsonObject } from './types.js';
import { msToIso } from './wire.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const READ_ONLY = ['IsCustomer', 'IsSupplier', 'Balances', 'HasAttachments', 'HasValidationErrors', 'ValidationErrors', 'StatusAttributeString', 'Attachments', 'MergedToContactID'];

export const duplicateNameMessage = (name: string): string =>
  `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`;

export async function findActiveContactByName(store: TenantStore, name: string, exceptId?: string): Promise<JsonObject | undefined> {
  const contacts = await store.findAllByNumberIgnoringCase('Contacts', name.trim());
  return contacts.find((c) => c.status === 'ACTIVE' && c.id !== exceptId?.toLowerCase())?.data;
}

function validate(contact: JsonObject): string[] {
  const errors: string[] = [];
  const name = typeof contact['Name'] === 'string' ? contact['Name'].trim() : '';
  if (name === '') errors.push('The contact name must be specified.');
  if (name.length > 255) errors.push('The contact name must not exceed 255 characters.');
  const email = contact['EmailAddress'];
  if (typeof email === 'string' && email !== '' && !EMAIL.test(email)) errors.push('Email address must be valid.');
  const persons = contact['ContactPersons'];
  if (Array.isArray(persons)) {
    if (persons.length > 5) errors.push('A contact can have a maximum of 5 contact persons.');
    for (const p of persons) {
      const e = isJsonObject(p) ? p['EmailAddress'] : undefined;
      if (typeof e === 'string' && e !== '' && !EMAIL.test(e)) errors.push('Email address must be valid.');
    }
  }
  const status = contact['ContactStatus'];
  if (status !== undefined && status !== 'ACTIVE' && status !== 'ARCHIVED') errors.push(`Contact status '${String(status)}' cannot be set through the API.`);
  return errors;
}

/** Creates or (when the element carries an existing ContactID) updates one contact. */
export async function saveContact(store: TenantStore, input: JsonObject, nowMs: number, events: ChangeEvent[]): Promise<JsonObject> {
  const fields: JsonObject = { ...input };
  for (const key of READ_ONLY) delete fields[key];
  const id = typeof fields['ContactID'] === 'string' ? fields['ContactID'] : undefined;
  const existing = id ? await store.get('Contacts', id) : undefined;
  if (id && !existing) reject(`The contact with ContactID ${id} could not be found.`);
  const base: JsonObject = existing?.data ?? {
    ContactID: randomUUID(), ContactStatus: 'ACTIVE', IsSupplier: false, IsCustomer: false, HasAttachments: false,
    Addresses: [], Phones: [], ContactPersons: [],
  };
  const merged: JsonObject = { ...base, ...fields, ContactID: String(base['ContactID']), UpdatedDateUTC: msToIso(nowMs) };
  if (typeof merged['Name'] === 'string') merged['Name'] = merged['Name'].trim();
  const errors = validate(merged);
  const name = String(merged['Name'] ?? '');
  if (errors.length === 0 && merged['ContactStatus'] === 'ACTIVE' && await findActiveContactByName(store, name, String(merged['ContactID']))) {
    errors.push(duplicateNameMessage(name));
  }
  if (errors.length > 0) reject(...errors);
  const meta = { number: name, status: String(merged['ContactStatus']), updatedAt: nowMs };
  const contactId = String(merged['ContactID']);
  if (existing) await store.update('Contacts', contactId, merged, meta);
  else await store.insert('Contacts', contactId, merged, meta);
  await addHistory(store, 'Contacts', contactId, existing ? 'Updated' : 'Created', `${existing ? 'Updated' : 'Created'} contact ${name}.`, SYSTEM_USER, nowMs);
  events.push({ category: 'CONTACT', type: existing ? 'UPDATE' : 'CREATE', resourceId: contactId, atMs: nowMs });
  return merged;
}

/**
 * The Contact element of an invoice, quote or repeating invoice: by ContactID it links (and other
 * fields update the contact); by Name alone it links an active contact of that name or creates one.
 * `allowCreate: false` is the PurchaseOrders rule: the contact must exist.
 */
export async function resolveDocumentContact(
  store: TenantStore, input: JsonObject | undefined, nowMs: number, events: ChangeEvent[], allowCreate: boolean,
): Promise<JsonObject> {
  if (!input) reject('A Contact must be specified for this type of transaction');
  const id = typeof input['ContactID'] === 'string' && input['ContactID'] !== '' ? input['ContactID'] : undefined;
  const extra = Object.keys(input).filter((k) => k !== 'ContactID' && !READ_ONLY.includes(k) && k !== 'ContactStatus' && k !== 'UpdatedDateUTC');
  if (id) {
    const existing = await store.get('Contacts', id);
    if (!existing) reject(`The contact with ContactID ${id} could not be found.`);
    if (extra.length === 0 || (extra.length === 1 && extra[0] === 'Name' && input['Name'] === existing.data['Name'])) return existing.data;
    return saveContact(store, input, nowMs, events);
  }
  const name = typeof input['Name'] === 'string' ? input['Name'].trim() : '';
  if (name === '') reject('A Contact must be specified for this type of transaction');
  const byName = await findActiveContactByName(store, name);
  if (byName) return extra.length > 1 ? saveContact(store, { ...input, ContactID: String(byName['ContactID']) }, nowMs, events) : byName;
  if (!allowCreate) reject(`The contact ${name} could not be found. Contacts must exist before they are used on this document.`);
  return saveContact(store, input, nowMs, events);
}

/** Marks a contact as customer/supplier once a document of that kind uses it (Xero derives these). */
export async function markContactRole(store: TenantStore, contact: JsonObject, role: 'IsCustomer' | 'IsSupplier'): Promise<void> {
  if (contact[role] === true) return;
  const id = String(contact['ContactID']);
  const stored = await store.get('Contacts', id);
  if (!stored) return;
  await store.update('Contacts', id, { ...stored.data, [role]: true }, { number: stored.number, status: stored.status, updatedAt: stored.updatedAt });
}

/** The contact as it appears nested in a document. */
export function contactSummary(contact: JsonObject): JsonObject {
  const out: JsonObject = { ContactID: String(contact['ContactID']), Name: String(contact['Name'] ?? '') };
  for (const key of ['ContactStatus', 'EmailAddress', 'FirstName', 'LastName', 'ContactNumber', 'AccountNumber', 'HasAttachments', 'UpdatedDateUTC', 'Addresses', 'Phones', 'IsSupplier', 'IsCustomer', 'DefaultCurrency']) {
    const v = contact[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
