/**
 * What the contact mapper needs from the contacts capability: plain values, no database rows. The
 * field names match `Contact` in src/contacts, so a contact read through `contactService` can be spread
 * in (plus `accountNumber` and, for a company, its `people`).
 */

/** Xero's PaymentTermType values (the same list as src/contacts' PAYMENT_TERMS_TYPES). */
export type XeroPaymentTermsType = 'DAYSAFTERBILLDATE' | 'DAYSAFTERBILLMONTH' | 'OFCURRENTMONTH' | 'OFFOLLOWINGMONTH';

export interface AddressForXero {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

interface ContactForXeroFields {
  /** The CRM contact's id (not sent: it keys the fingerprint and the sync log, not Xero's record). */
  id: string;
  name: string;
  /** Xero's AccountNumber (≤ 50). Ledgerside does not store one yet: pass null until it does. */
  accountNumber: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  email: string | null;
  /** Sent as Xero's DEFAULT phone. */
  phone: string | null;
  /** Sent as Xero's MOBILE phone. */
  mobile: string | null;
  /** Sent as Xero's POBOX address (Xero's "Postal address"). */
  postalAddress: AddressForXero;
  /** Sent as Xero's STREET address. */
  streetAddress: AddressForXero;
  taxNumber: string | null;
  /** ISO 4217 code; codes xero-node does not know are reported by `xeroContactProblems`, not sent. */
  defaultCurrency: string | null;
  paymentTermsDays: number | null;
  paymentTermsType: XeroPaymentTermsType | null;
  /** Not sent: Xero's Contact has no notes field (see README). Accepted so a whole contact can be passed. */
  notes?: string | null;
}

/** One person of a company, sent as one of the company's `ContactPersons`. */
export interface CompanyPersonForXero {
  id: string;
  /** Used as FirstName when the person has neither first nor last name. */
  name: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** When the person was added to Ledgerside: the earliest-added person is the primary one. */
  createdAt: Date;
}

/**
 * A company: one Xero contact. `people` are its **active** people (archived ones must not be passed),
 * in any order: the mapper sends the primary first, then the rest by first name, last name, id, at most
 * five (Xero's limit). Ledgerside has no primary flag on people yet, so the primary is
 * `primaryPersonId` when given, else the earliest-added person (`createdAt`, then id).
 */
export interface CompanyForXero extends ContactForXeroFields {
  kind: 'company';
  people: readonly CompanyPersonForXero[];
  primaryPersonId?: string | null;
}

/**
 * A person with no company: a Xero contact of their own (Name, FirstName, LastName). A person who
 * belongs to a company is never sent alone: send the company (the person goes as a ContactPerson).
 */
export interface PersonForXero extends ContactForXeroFields {
  kind: 'person';
  firstName: string | null;
  lastName: string | null;
}

export type ContactForXero = CompanyForXero | PersonForXero;

/** A value Xero would refuse (or that cannot be sent), named by the ContactForXero field it comes from. */
export interface ContactFieldProblem {
  field: string;
  message: string;
}
