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
const READ_ONLY = [
  'IsCustomer',
  'IsSupplier',
  'Balances',
  'HasAttachments',
  'HasValidationErrors',
  'ValidationErrors',
  'StatusAttributeString',
  'Attachments',
  'MergedToContactID',
];

export const duplicateNameMessage = (name: string): string =>
  `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`;

export const duplicateContactNumberMessage = (number: string): string =>
  `The contact number ${number} is already assigned to another contact. The contact number must be unique across all contacts.`;
export const DUPLICATE_ACCOUNT_NUMBER = 'The Account Number already exists. Please enter a different Account Number.';
export const ARCHIVED_CONTACT =
  'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.';

/** Xero's field limits for contacts (its OpenAPI description: "max length = …"). */
const MAX_LENGTHS: [field: string, label: string, max: number][] = [
  ['ContactNumber', 'Contact Number', 50],
  ['AccountNumber', 'Account Number', 50],
  ['FirstName', 'First Name', 255],
  ['LastName', 'Last Name', 255],
  ['EmailAddress', 'Email Address', 255],
  ['CompanyNumber', 'Company Number', 50],
  ['TaxNumber', 'Tax Number', 50],
];

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** ContactNumber is unique across all contacts, archived ones too; AccountNumber is unique as well. */
async function uniqueNumberErrors(store: TenantStore, contact: JsonObject): Promise<string[]> {
  const contactNumber = trimmed(contact['ContactNumber']);
  const accountNumber = trimmed(contact['AccountNumber']);
  if (contactNumber === '' && accountNumber === '') return [];
  const id = String(contact['ContactID']).toLowerCase();
  const others = (await store.list('Contacts')).filter((c) => c.id !== id);
  const same = (field: string, value: string) => value !== '' && others.some((c) => trimmed(c.data[field]).toLowerCase() === value.toLowerCase());
  const errors: string[] = [];
  if (same('ContactNumber', contactNumber)) errors.push(duplicateContactNumberMessage(contactNumber));
  if (same('AccountNumber', accountNumber)) errors.push(DUPLICATE_ACCOUNT_NUMBER);
  return errors;
}

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
  for (const [field, label, max] of MAX_LENGTHS) {
    const value = contact[field];
    if (typeof value === 'string' && value.length > max) errors.push(`The ${label} must not exceed ${max} characters.`);
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
    ContactID: randomUUID(),
    ContactStatus: 'ACTIVE',
    IsSupplier: false,
    IsCustomer: false,
    HasAttachments: false,
    Addresses: [],
    Phones: [],
    ContactPersons: [],
  };
  const merged: JsonObject = { ...base, ...fields, ContactID: String(base['ContactID']), UpdatedDateUTC: msToIso(nowMs) };
  if (typeof merged['Name'] === 'string') merged['Name'] = merged['Name'].trim();
  const errors = validate(merged);
  const name = String(merged['Name'] ?? '');
  if (errors.length === 0 && merged['ContactStatus'] === 'ACTIVE' && (await findActiveContactByName(store, name, String(merged['ContactID'])))) {
    errors.push(duplicateNameMessage(name));
  }
  if (errors.length === 0) errors.push(...(await uniqueNumberErrors(store, merged)));
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
  store: TenantStore,
  input: JsonObject | undefined,
  nowMs: number,
  events: ChangeEvent[],
  allowCreate: boolean,
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
  for (const key of [
    'ContactStatus',
    'EmailAddress',
    'FirstName',
    'LastName',
    'ContactNumber',
    'AccountNumber',
    'HasAttachments',
    'UpdatedDateUTC',
    'Addresses',
    'Phones',
    'IsSupplier',
    'IsCustomer',
    'DefaultCurrency',
  ]) {
    const v = contact[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
