/**
 * Pure: a CRM contact → the xero-node `Contact` to create or update, typed with the SDK's own models so
 * the compiler checks every field name. Ledgerside owns the fields it maps: an empty one is sent as ""
 * so an update empties it in Xero too (Xero keeps whatever an update leaves out). Fields Ledgerside
 * does not hold, or that Xero cannot empty, are left out when empty: AccountNumber, DefaultCurrency,
 * PaymentTerms, and FirstName/LastName of a company (Xero's "primary person", kept as set in Xero).
 */
import { Address, ObjectSerializer, Phone, PaymentTermType, CurrencyCode, type Contact, type ContactPerson, type PaymentTerm } from 'xero-node';
import type { AddressForXero, CompanyForXero, CompanyPersonForXero, ContactFieldProblem, ContactForXero } from './contact-for-xero.js';

/** Xero's limit on ContactPersons. */
export const MAX_CONTACT_PERSONS = 5;

export interface ContactMappingContext {
  /** The Xero ContactID when updating (from the stored link or the match decision); absent to create. */
  contactId?: string | null;
}

/** The JSON Xero receives for one contact: PascalCase, as xero-node serialises it. */
export type XeroContactWire = Record<string, unknown>;

const text = (value: string | null | undefined): string => value?.trim() ?? '';

/** The SDK's enum value for a currency code, or undefined when xero-node does not know it. */
export function xeroCurrencyCode(code: string | null): CurrencyCode | undefined {
  const key = code?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{3}$/.test(key) || !Object.hasOwn(CurrencyCode, key)) return undefined;
  return CurrencyCode[key as keyof typeof CurrencyCode];
}

function address(type: Address.AddressTypeEnum, a: AddressForXero): Address {
  return {
    addressType: type,
    addressLine1: text(a.line1),
    addressLine2: text(a.line2),
    // Lines 3–4 are emptied: an import joins Xero's lines 2–4 into Ledgerside's line 2.
    addressLine3: '',
    addressLine4: '',
    city: text(a.city),
    region: text(a.region),
    postalCode: text(a.postalCode),
    country: text(a.country),
  };
}

/** The whole number in PhoneNumber; area and country codes emptied (an import joins them into it). */
function phone(type: Phone.PhoneTypeEnum, number: string | null): Phone {
  return { phoneType: type, phoneNumber: text(number), phoneAreaCode: '', phoneCountryCode: '' };
}

function paymentTerms(c: ContactForXero): PaymentTerm | undefined {
  if (c.paymentTermsDays === null || c.paymentTermsType === null) return undefined;
  const bill = { day: c.paymentTermsDays, type: PaymentTermType[c.paymentTermsType] };
  // One set of terms in Ledgerside: a customer's are Xero's Sales terms, a supplier's its Bills terms
  // (both for both); a contact that is neither yet gets Sales terms, the ones an import reads back.
  const sales = c.isCustomer || !c.isSupplier;
  return { ...(sales ? { sales: bill } : {}), ...(c.isSupplier ? { bills: { ...bill } } : {}) };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The company's people in the order they are sent: the primary first (`primaryPersonId`, else the
 * earliest `createdAt`, then id), then the others by first name, last name and id (case-insensitive),
 * cut to Xero's five.
 */
export function orderedContactPersons(company: Pick<CompanyForXero, 'people' | 'primaryPersonId'>): CompanyPersonForXero[] {
  const people = [...company.people];
  if (people.length === 0) return [];
  const earliest = people.reduce((best, p) => {
    const d = p.createdAt.getTime() - best.createdAt.getTime();
    return d < 0 || (d === 0 && p.id < best.id) ? p : best;
  });
  const primary = people.find((p) => p.id === company.primaryPersonId) ?? earliest;
  const key = (p: CompanyPersonForXero) => [text(p.firstName ?? p.name).toLowerCase(), text(p.lastName).toLowerCase(), p.id];
  const rest = people
    .filter((p) => p !== primary)
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      return byText(ka[0]!, kb[0]!) || byText(ka[1]!, kb[1]!) || byText(ka[2]!, kb[2]!);
    });
  return [primary, ...rest].slice(0, MAX_CONTACT_PERSONS);
}

function contactPerson(p: CompanyPersonForXero): ContactPerson {
  const first = text(p.firstName);
  const last = text(p.lastName);
  const email = text(p.email);
  const firstName = first || (last ? '' : text(p.name));
  // Xero replaces the whole list on update, so empty values are simply left out. A person known only
  // by one name still shows in Xero: that name goes as FirstName.
  return {
    ...(firstName ? { firstName } : {}),
    ...(last ? { lastName: last } : {}),
    ...(email ? { emailAddress: email } : {}),
  };
}

export function mapContactToXero(c: ContactForXero, context: ContactMappingContext = {}): Contact {
  const currency = xeroCurrencyCode(c.defaultCurrency);
  const terms = paymentTerms(c);
  const account = text(c.accountNumber);
  return {
    ...(context.contactId ? { contactID: context.contactId } : {}),
    name: text(c.name),
    ...(c.kind === 'person' ? { firstName: text(c.firstName), lastName: text(c.lastName) } : {}),
    ...(account ? { accountNumber: account } : {}),
    emailAddress: text(c.email),
    ...(c.kind === 'company' ? { contactPersons: orderedContactPersons(c).map(contactPerson) } : {}),
    taxNumber: text(c.taxNumber),
    addresses: [address(Address.AddressTypeEnum.POBOX, c.postalAddress), address(Address.AddressTypeEnum.STREET, c.streetAddress)],
    phones: [phone(Phone.PhoneTypeEnum.DEFAULT, c.phone), phone(Phone.PhoneTypeEnum.MOBILE, c.mobile)],
    ...(currency !== undefined ? { defaultCurrency: currency } : {}),
    ...(terms ? { paymentTerms: terms } : {}),
  };
}

/** What xero-node puts on the wire for this contact (its ObjectSerializer, then JSON). */
export function contactToWire(contact: Contact): XeroContactWire {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(contact, 'Contact'))) as XeroContactWire;
}

// Xero's field lengths (xero_accounting.yaml, Contact/Address/Phone schemas; xero-facts.md §5).
const LIMITS: Array<[field: string, label: string, max: number, read: (c: ContactForXero) => string | null]> = [
  ['name', 'the name', 255, (c) => c.name],
  ['accountNumber', 'the account number', 50, (c) => c.accountNumber],
  ['email', 'the email address', 255, (c) => c.email],
  ['taxNumber', 'the tax number', 50, (c) => c.taxNumber],
  ['phone', 'a phone number', 50, (c) => c.phone],
  ['mobile', 'a phone number', 50, (c) => c.mobile],
  ...(['postalAddress', 'streetAddress'] as const).flatMap((a): Array<[string, string, number, (c: ContactForXero) => string | null]> => [
    [`${a}.line1`, 'an address line', 500, (c) => c[a].line1],
    [`${a}.line2`, 'an address line', 500, (c) => c[a].line2],
    [`${a}.city`, 'a town or city', 255, (c) => c[a].city],
    [`${a}.region`, 'a region', 255, (c) => c[a].region],
    [`${a}.postalCode`, 'a postal code', 50, (c) => c[a].postalCode],
    [`${a}.country`, 'a country', 50, (c) => c[a].country],
  ]),
];

/**
 * What Xero would refuse, or what could not be sent, found before any call: empty name, values over
 * Xero's lengths, a currency xero-node does not know. Empty when the contact can be sent. (More than
 * five people is not a problem: the first five go, see `orderedContactPersons`.)
 */
export function xeroContactProblems(c: ContactForXero): ContactFieldProblem[] {
  const problems: ContactFieldProblem[] = [];
  if (text(c.name) === '') problems.push({ field: 'name', message: 'Xero needs a name for every contact.' });
  for (const [field, label, max, read] of LIMITS) {
    const value = text(read(c));
    if (value.length > max) problems.push({ field, message: `Xero allows at most ${max} characters in ${label} (this one has ${value.length}).` });
  }
  if (c.defaultCurrency && xeroCurrencyCode(c.defaultCurrency) === undefined) {
    problems.push({ field: 'defaultCurrency', message: `Xero does not know the currency ${c.defaultCurrency}: choose one of your organisation's currencies.` });
  }
  return problems;
}
