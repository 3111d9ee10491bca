/**
 * Pure: the contact fields Ledgerside sends and compares with Xero's copy ("changed in Xero"), read
 * in the CRM's own terms. Xero's contact is read back through the import's mapper, so a value that
 * went to Xero and came back unchanged compares equal (phone parts and address lines 2–4 joined as the
 * import joins them). The people of a company (ContactPersons) and payment terms are not compared.
 */
import type { Address, Contact, ContactInput } from '../contacts/index.js';

export type FieldKey = 'name' | 'firstName' | 'lastName' | 'email' | 'phone' | 'mobile' | 'postalAddress' | 'streetAddress' | 'taxNumber' | 'defaultCurrency';

/** The compared fields' values: text, or an address. Absent and '' are the same as null. */
export type XeroFieldValues = Partial<Record<FieldKey, string | Address | null>>;

export interface FieldDifference {
  key: FieldKey;
  label: string;
  ledgerside: string;
  xero: string;
}

export const FIELD_LABELS: Record<FieldKey, string> = {
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  postalAddress: 'Postal address',
  streetAddress: 'Street address',
  taxNumber: 'Tax number',
  defaultCurrency: 'Default currency',
};

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
const EMPTY_ADDRESS: Address = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

/** A company's first and last name in Xero are its primary person's, kept as set there: compared for people only. */
export function fieldKeysFor(kind: Contact['kind']): FieldKey[] {
  const keys: FieldKey[] = ['name', 'email', 'phone', 'mobile', 'postalAddress', 'streetAddress', 'taxNumber', 'defaultCurrency'];
  return kind === 'person' ? ['name', 'firstName', 'lastName', ...keys.slice(1)] : keys;
}

const clean = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
};

function addressOf(v: unknown): Address {
  if (typeof v !== 'object' || v === null) return EMPTY_ADDRESS;
  const r = v as Record<string, unknown>;
  return Object.fromEntries(ADDRESS_PARTS.map((p) => [p, clean(r[p])])) as unknown as Address;
}

const isAddressKey = (key: FieldKey): key is 'postalAddress' | 'streetAddress' => key === 'postalAddress' || key === 'streetAddress';

function normal(key: FieldKey, v: unknown): string {
  if (isAddressKey(key)) return JSON.stringify(ADDRESS_PARTS.map((p) => addressOf(v)[p]));
  const t = clean(v);
  return key === 'defaultCurrency' ? (t?.toUpperCase() ?? '') : (t ?? '');
}

export const sameValue = (key: FieldKey, a: unknown, b: unknown): boolean => normal(key, a) === normal(key, b);

/** The compared values of a CRM contact (or what Xero has, mapped to CRM fields). */
export function fieldValuesOf(c: Pick<ContactInput, FieldKey | 'kind'>): XeroFieldValues {
  return Object.fromEntries(fieldKeysFor(c.kind).map((k) => [k, isAddressKey(k) ? addressOf(c[k]) : clean(c[k])]));
}

/** Stored JSON → values (unknown keys dropped); null when absent or unreadable. */
export function parseFieldValues(json: string | null): XeroFieldValues | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const r = parsed as Record<string, unknown>;
    const keys = Object.keys(FIELD_LABELS) as FieldKey[];
    return Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, isAddressKey(k) ? addressOf(r[k]) : clean(r[k])]));
  } catch {
    return null;
  }
}

export function displayValue(key: FieldKey, v: unknown): string {
  if (isAddressKey(key)) {
    const a = addressOf(v);
    return ADDRESS_PARTS.map((p) => a[p])
      .filter((x): x is string => x !== null)
      .join(', ');
  }
  return clean(v) ?? '';
}

/**
 * What Xero changed since Ledgerside last sent it and Ledgerside does not have: the fields where Xero's
 * value differs from the one sent and from the CRM's current one (`sent` null: every field where Xero
 * and the CRM differ).
 */
export function changedInXero(kind: Contact['kind'], crm: XeroFieldValues, xero: XeroFieldValues, sent: XeroFieldValues | null): FieldDifference[] {
  return fieldKeysFor(kind)
    .filter((k) => k in xero)
    .filter((k) => (sent === null || !sameValue(k, xero[k], sent[k])) && !sameValue(k, xero[k], crm[k]))
    .map((k) => ({ key: k, label: FIELD_LABELS[k], ledgerside: displayValue(k, crm[k]), xero: displayValue(k, xero[k]) }));
}

/** The CRM contact's input with Xero's values of `keys` taken. */
export function withXeroValues(contact: ContactInput, xero: XeroFieldValues, keys: readonly FieldKey[]): ContactInput {
  const next: ContactInput = { ...contact };
  for (const k of keys) {
    if (!(k in xero)) continue;
    const v = xero[k];
    if (isAddressKey(k)) next[k] = addressOf(v);
    else if (k === 'name') next.name = clean(v) ?? contact.name;
    else next[k] = k === 'defaultCurrency' ? (clean(v)?.toUpperCase() ?? null) : clean(v);
  }
  return next;
}

/** The user-editable part of a stored contact. */
export function inputOf(c: Contact): ContactInput {
  const { id: _id, xeroContactId: _x, xeroSentAt: _s, archivedAt: _a, createdAt: _c, updatedAt: _u, ...input } = c;
  return input;
}
