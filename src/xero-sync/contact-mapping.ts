/**
 * Stand-in for the pure contact mapper of src/xero/mappers/ (branch contact-map): CRM contact (+ its
 * people) → xero-node Contact, a fingerprint of that payload, and Xero-style name normalisation. The
 * engine only uses these three functions, so switching to the shared mapper is an import change.
 */
import { createHash } from 'node:crypto';
import { Address as XeroAddress, ContactPerson, CurrencyCode, PaymentTermType, Phone, type Contact as XeroContact } from 'xero-node';
import type { Address, Contact } from '../contacts/index.js';

/** Xero keeps at most five contact persons. */
export const MAX_CONTACT_PERSONS = 5;

const clean = (value: string | null | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

function address(a: Address, type: XeroAddress.AddressTypeEnum): XeroAddress | undefined {
  const out: XeroAddress = { addressType: type };
  const line1 = clean(a.line1), line2 = clean(a.line2), city = clean(a.city), region = clean(a.region), postalCode = clean(a.postalCode), country = clean(a.country);
  if (line1) out.addressLine1 = line1;
  if (line2) out.addressLine2 = line2;
  if (city) out.city = city;
  if (region) out.region = region;
  if (postalCode) out.postalCode = postalCode;
  if (country) out.country = country;
  return Object.keys(out).length > 1 ? out : undefined;
}

function person(p: Contact, primary: boolean): ContactPerson {
  const out: ContactPerson = { includeInEmails: primary };
  const first = clean(p.firstName) ?? clean(p.name);
  const last = clean(p.lastName);
  if (first) out.firstName = first;
  if (last) out.lastName = last;
  const email = clean(p.email);
  if (email) out.emailAddress = email;
  return out;
}

/** The Xero contact for a CRM company (with up to five of its people, the first as primary) or person. */
export function mapContactToXero(contact: Contact, people: Contact[] = []): XeroContact {
  const out: XeroContact = { name: contact.name.trim() };
  if (contact.kind === 'person' || people.length === 0) {
    const first = clean(contact.firstName), last = clean(contact.lastName);
    if (first) out.firstName = first;
    if (last) out.lastName = last;
  }
  const email = clean(contact.email);
  if (email) out.emailAddress = email;
  const phones: Phone[] = [];
  const phone = clean(contact.phone), mobile = clean(contact.mobile);
  if (phone) phones.push({ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: phone });
  if (mobile) phones.push({ phoneType: Phone.PhoneTypeEnum.MOBILE, phoneNumber: mobile });
  if (phones.length) out.phones = phones;
  const addresses = [address(contact.postalAddress, XeroAddress.AddressTypeEnum.POBOX), address(contact.streetAddress, XeroAddress.AddressTypeEnum.STREET)]
    .filter((a): a is XeroAddress => a !== undefined);
  if (addresses.length) out.addresses = addresses;
  const tax = clean(contact.taxNumber);
  if (tax) out.taxNumber = tax;
  const currency = clean(contact.defaultCurrency);
  if (currency && currency in CurrencyCode) out.defaultCurrency = CurrencyCode[currency as keyof typeof CurrencyCode];
  if (contact.paymentTermsDays !== null && contact.paymentTermsType) {
    const terms = { day: contact.paymentTermsDays, type: PaymentTermType[contact.paymentTermsType] };
    out.paymentTerms = contact.isSupplier && !contact.isCustomer ? { bills: terms } : { sales: terms };
  }
  const active = people.filter((p) => p.archivedAt === null).slice(0, MAX_CONTACT_PERSONS);
  if (active.length) out.contactPersons = active.map((p, i) => person(p, i === 0));
  return out;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** A stable hash of a mapped payload: equal payloads, equal fingerprints. */
export function fingerprintOf(payload: XeroContact): string {
  return createHash('sha256').update(JSON.stringify(canonical(payload))).digest('hex');
}

const SUFFIXES = new Set(['ltd', 'limited', 'pty', 'inc', 'llc', 'gmbh', 'co', 'company', 'corp', 'plc']);

/** A name as Xero users mean it: case, punctuation and company suffixes dropped ("ACME Limited" = "Acme Ltd"). */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').split(/\s+/).filter((w) => w && !SUFFIXES.has(w)).join(' ');
}
