/**
 * Pure: a Xero Contact (xero-node model) → the CRM contact fields Xero owns. The SDK types enums as
 * numeric TypeScript enums but carries Xero's strings at run time ('ARCHIVED', 'POBOX'), so they are
 * read as text. Values are trimmed and clipped to the CRM's column sizes, which match Xero's limits
 * except where the CRM joins several Xero fields into one (phone parts, address lines 2–4).
 */
import type { Address as XeroAddress, Contact as XeroContact, Phone as XeroPhone } from 'xero-node';
import { PAYMENT_TERMS_TYPES, type Address, type PaymentTermsType } from '../contacts/index.js';
import type { ImportedContact, Mapped } from './xero-import.js';

/** Text of an SDK value (enums included), trimmed and clipped; '' and absent become null. */
export function textOf(value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s.slice(0, max);
}

const EMPTY_ADDRESS: Address = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

function addressOf(addresses: XeroAddress[] | undefined, type: 'POBOX' | 'STREET'): Address {
  const a = (addresses ?? []).find((x) => String(x.addressType) === type);
  if (!a) return EMPTY_ADDRESS;
  const rest = [a.addressLine2, a.addressLine3, a.addressLine4].map((l) => textOf(l, 500)).filter((l): l is string => l !== null);
  return {
    line1: textOf(a.addressLine1, 500),
    line2: rest.length ? rest.join(', ').slice(0, 500) : null,
    city: textOf(a.city, 255),
    region: textOf(a.region, 255),
    postalCode: textOf(a.postalCode, 50),
    country: textOf(a.country, 50),
  };
}

function phoneOf(phones: XeroPhone[] | undefined, type: 'DEFAULT' | 'MOBILE'): string | null {
  const p = (phones ?? []).find((x) => String(x.phoneType) === type);
  if (!p || !textOf(p.phoneNumber, 50)) return null;
  const parts = [p.phoneCountryCode, p.phoneAreaCode, p.phoneNumber].map((x) => textOf(x, 50)).filter((x): x is string => x !== null);
  return parts.join(' ').slice(0, 50);
}

/** Sales payment terms, only when the CRM form would accept them too. */
function termsOf(contact: XeroContact): { days: number | null; type: PaymentTermsType | null } {
  const sales = contact.paymentTerms?.sales;
  const type = textOf(sales?.type, 32);
  const day = sales?.day;
  if (!type || !(PAYMENT_TERMS_TYPES as readonly string[]).includes(type) || typeof day !== 'number' || !Number.isInteger(day)) {
    return { days: null, type: null };
  }
  const ofMonth = type === 'OFCURRENTMONTH' || type === 'OFFOLLOWINGMONTH';
  if (day < 0 || day > 365 || (ofMonth && (day < 1 || day > 31))) return { days: null, type: null };
  return { days: day, type: type as PaymentTermsType };
}

export function mapXeroContact(contact: XeroContact): Mapped<ImportedContact> {
  const xeroContactId = textOf(contact.contactID, 36);
  const name = textOf(contact.name, 255);
  if (!xeroContactId) return { ok: false, reason: 'Xero sent it without a ContactID.' };
  if (!name) return { ok: false, reason: 'It has no name in Xero.' };
  const firstName = textOf(contact.firstName, 255);
  const lastName = textOf(contact.lastName, 255);
  // Xero has one kind of contact; one whose name is just its person's name is an individual.
  const personName = [firstName, lastName].filter(Boolean).join(' ');
  const isPerson = firstName !== null && lastName !== null && personName.toLowerCase() === name.toLowerCase();
  const currency = textOf(contact.defaultCurrency, 10)?.toUpperCase() ?? null;
  const terms = termsOf(contact);
  return {
    ok: true,
    value: {
      xeroContactId,
      // GDPRREQUEST (erased in Xero) is as good as archived: it must not be offered for new work.
      archived: String(contact.contactStatus ?? 'ACTIVE') !== 'ACTIVE',
      fields: {
        kind: isPerson ? 'person' : 'company',
        name,
        firstName,
        lastName,
        isCustomer: contact.isCustomer === true,
        isSupplier: contact.isSupplier === true,
        email: textOf(contact.emailAddress, 255),
        phone: phoneOf(contact.phones, 'DEFAULT'),
        mobile: phoneOf(contact.phones, 'MOBILE'),
        postalAddress: addressOf(contact.addresses, 'POBOX'),
        streetAddress: addressOf(contact.addresses, 'STREET'),
        taxNumber: textOf(contact.taxNumber, 50),
        defaultCurrency: currency && /^[A-Z]{3}$/.test(currency) ? currency : null,
        paymentTermsDays: terms.days,
        paymentTermsType: terms.type,
      },
    },
  };
}
