/** Validation of the contact form. Checks that need the database (company, currency, name) live in the service. */
import { z } from 'zod';
import { CONTACT_KINDS, PAYMENT_TERMS_TYPES, type ContactInput, type ContactKind, type PaymentTermsType } from './contact.js';
import { checkbox, optionalText, parseForm, type FormResult } from '../http/form-input.js';

export const CONTACT_FIELDS = [
  'kind',
  'name',
  'first_name',
  'last_name',
  'company_id',
  'is_customer',
  'is_supplier',
  'email',
  'phone',
  'mobile',
  'postal_line1',
  'postal_line2',
  'postal_city',
  'postal_region',
  'postal_postal_code',
  'postal_country',
  'street_line1',
  'street_line2',
  'street_city',
  'street_region',
  'street_postal_code',
  'street_country',
  'street_same_as_postal',
  'tax_number',
  'default_currency',
  'payment_terms_days',
  'payment_terms_type',
  'notes',
  // The "Find company" box: kept when the form comes back, never saved.
  'company_search',
] as const;

function address<P extends 'postal' | 'street'>(prefix: P) {
  const text = optionalText;
  return {
    [`${prefix}_line1`]: text('Address line 1', 500),
    [`${prefix}_line2`]: text('Address line 2', 500),
    [`${prefix}_city`]: text('Town or city', 255),
    [`${prefix}_region`]: text('Region', 255),
    [`${prefix}_postal_code`]: text('Postal code', 50),
    [`${prefix}_country`]: text('Country', 50),
  } as Record<`${P}_${'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country'}`, ReturnType<typeof text>>;
}

const shape = z.object({
  kind: z.string().refine((v): v is ContactKind => (CONTACT_KINDS as readonly string[]).includes(v), 'Choose company or person.'),
  name: optionalText('Name', 255),
  first_name: optionalText('First name', 255),
  last_name: optionalText('Last name', 255),
  company_id: optionalText('Company', 36),
  is_customer: checkbox,
  is_supplier: checkbox,
  email: optionalText('Email', 255).refine((v) => v === null || z.email().safeParse(v).success, 'Enter an email address like name@example.com.'),
  phone: optionalText('Phone', 50),
  mobile: optionalText('Mobile', 50),
  ...address('postal'),
  ...address('street'),
  /** "Same as postal address": the street address is the postal one, whatever the street fields hold. */
  street_same_as_postal: checkbox,
  tax_number: optionalText('Tax number', 50),
  default_currency: optionalText('Default currency', 3)
    .transform((v) => v?.toUpperCase() ?? null)
    .refine((v) => v === null || /^[A-Z]{3}$/.test(v), 'Choose a three-letter currency code, like NZD.'),
  payment_terms_days: optionalText('Payment terms days', 4)
    .refine((v) => v === null || /^\d{1,3}$/.test(v), 'Enter a whole number of days, 0 or more.')
    .transform((v) => (v === null ? null : Number(v))),
  payment_terms_type: z
    .string()
    .refine((v) => v === '' || (PAYMENT_TERMS_TYPES as readonly string[]).includes(v), 'Choose one of the listed payment terms.')
    .transform((v) => (v === '' ? null : (v as PaymentTermsType))),
  notes: optionalText('Notes', 10000),
});

type Shape = z.infer<typeof shape>;
const addressOf = (v: Shape, p: 'postal' | 'street') => ({
  line1: v[`${p}_line1`] ?? null,
  line2: v[`${p}_line2`] ?? null,
  city: v[`${p}_city`] ?? null,
  region: v[`${p}_region`] ?? null,
  postalCode: v[`${p}_postal_code`] ?? null,
  country: v[`${p}_country`] ?? null,
});

export const contactSchema = shape
  .superRefine((v, ctx) => {
    const personName = [v.first_name, v.last_name].filter(Boolean).join(' ');
    if (!v.name && !(v.kind === 'person' && personName)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: v.kind === 'person' ? 'Enter a name, or a first and last name.' : 'Enter the name.' });
    }
    if (v.kind === 'company' && v.company_id) ctx.addIssue({ code: 'custom', path: ['company_id'], message: 'Only a person can belong to a company.' });
    if ((v.payment_terms_days === null) !== (v.payment_terms_type === null)) {
      const path = v.payment_terms_days === null ? 'payment_terms_days' : 'payment_terms_type';
      ctx.addIssue({ code: 'custom', path: [path], message: 'Give both the number of days and the kind of payment terms, or neither.' });
    }
    const ofMonth = v.payment_terms_type === 'OFCURRENTMONTH' || v.payment_terms_type === 'OFFOLLOWINGMONTH';
    if (ofMonth && v.payment_terms_days !== null && (v.payment_terms_days < 1 || v.payment_terms_days > 31)) {
      ctx.addIssue({ code: 'custom', path: ['payment_terms_days'], message: 'A day of the month is between 1 and 31.' });
    }
    if (v.payment_terms_days !== null && v.payment_terms_days > 365) {
      ctx.addIssue({ code: 'custom', path: ['payment_terms_days'], message: 'Payment terms can be at most 365 days.' });
    }
  })
  .transform((v): ContactInput => ({
    kind: v.kind as ContactKind,
    name: v.name ?? [v.first_name, v.last_name].filter(Boolean).join(' '),
    firstName: v.kind === 'person' ? v.first_name : null,
    lastName: v.kind === 'person' ? v.last_name : null,
    companyId: v.kind === 'person' ? v.company_id : null,
    isCustomer: v.is_customer,
    isSupplier: v.is_supplier,
    email: v.email,
    phone: v.phone,
    mobile: v.mobile,
    postalAddress: addressOf(v, 'postal'),
    streetAddress: addressOf(v, v.street_same_as_postal ? 'postal' : 'street'),
    taxNumber: v.tax_number,
    defaultCurrency: v.default_currency,
    paymentTermsDays: v.payment_terms_days,
    paymentTermsType: v.payment_terms_type,
    notes: v.notes,
  }));

export function parseContactForm(body: unknown): FormResult<ContactInput> {
  return parseForm(body, CONTACT_FIELDS, contactSchema);
}
