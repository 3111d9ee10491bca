/** A CRM contact: a company or a person (who may belong to a company), customer and/or supplier. */
export type ContactKind = 'company' | 'person';
export const CONTACT_KINDS: readonly ContactKind[] = ['company', 'person'];

/** Xero's PaymentTermType values. */
export const PAYMENT_TERMS_TYPES = ['DAYSAFTERBILLDATE', 'DAYSAFTERBILLMONTH', 'OFCURRENTMONTH', 'OFFOLLOWINGMONTH'] as const;
export type PaymentTermsType = (typeof PAYMENT_TERMS_TYPES)[number];

export interface Address {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface Contact {
  id: string;
  kind: ContactKind;
  name: string;
  firstName: string | null;
  lastName: string | null;
  companyId: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  postalAddress: Address;
  streetAddress: Address;
  taxNumber: string | null;
  defaultCurrency: string | null;
  paymentTermsDays: number | null;
  paymentTermsType: PaymentTermsType | null;
  notes: string | null;
  xeroContactId: string | null;
  xeroSentAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a user can set on a contact (the Xero link and archive state are set elsewhere). */
export type ContactInput = Omit<Contact, 'id' | 'xeroContactId' | 'xeroSentAt' | 'archivedAt' | 'createdAt' | 'updatedAt'>;

/**
 * A contact's list row, with its company's name: only what a list shows (reading these columns instead
 * of the whole row halves the cost of a page's rows; bench/README.md).
 */
export type ContactSummary = Pick<
  Contact,
  'id' | 'kind' | 'name' | 'companyId' | 'isCustomer' | 'isSupplier' | 'email' | 'phone' | 'mobile' | 'archivedAt' | 'updatedAt'
> & { companyName: string | null; xeroState: XeroState };

/**
 * Where a contact stands with Xero, for the list: never sent, sent and not edited since, or edited since
 * it was last sent (by its own updated time; the contact's page compares what would be sent).
 */
export type XeroState = 'not' | 'in' | 'changed';

export type ContactSort = 'name' | 'email' | 'created' | 'updated';
export const CONTACT_SORTS: readonly ContactSort[] = ['name', 'email', 'created', 'updated'];

export interface ContactFilters {
  q: string;
  role: 'customer' | 'supplier' | null;
  kind: ContactKind | null;
  /** 'active' (default), 'archived' or 'all'. */
  archived: 'active' | 'archived' | 'all';
  /** Only contacts in this state with Xero. */
  xero?: XeroState | null;
}

/** Trimmed, lower-cased name: how uniqueness among active contacts is judged (Xero ignores case). */
export const nameKey = (name: string): string => name.trim().toLowerCase();

const addressKey = (a: Address) => [a.line1, a.line2, a.city, a.region, a.postalCode, a.country];

/**
 * What Xero sees of a contact (the fields the Xero mapper sends; not notes): an update that changes
 * this makes the contact "changed since sent" in the list.
 */
export function xeroKey(c: ContactInput): string {
  return JSON.stringify([
    c.kind,
    c.name.trim(),
    c.firstName,
    c.lastName,
    c.isCustomer,
    c.isSupplier,
    c.email,
    c.phone,
    c.mobile,
    addressKey(c.postalAddress),
    addressKey(c.streetAddress),
    c.taxNumber,
    c.defaultCurrency,
    c.paymentTermsDays,
    c.paymentTermsType,
  ]);
}

/** What a company's Xero contact shows of one of its people (a ContactPerson), and which company. */
export function personKey(c: ContactInput): string {
  return c.kind === 'person' && c.companyId ? JSON.stringify([c.companyId, c.name.trim(), c.firstName, c.lastName, c.email]) : '';
}

/** An address as lines for a letterhead or PDF ("12 Main St", "Wellington 6011", "New Zealand"); none when nothing is recorded. */
export function addressLines(a: Address): string[] {
  const cityLine = [a.city, a.region, a.postalCode].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.country].filter((l): l is string => typeof l === 'string' && l.trim() !== '');
}
