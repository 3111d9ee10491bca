/** Plain objects for the contact templates: no rows, no Dates, nothing the template must work out. */
import { formatDay } from '../common/dates.js';
import { paginationView, type ListQuery, type PaginationView } from '../common/list-query.js';
import type { Choice } from '../common/choice.js';
import {
  PAYMENT_TERMS_TYPES,
  type Address,
  type Contact,
  type ContactFilters,
  type ContactSort,
  type ContactSummary,
  type PaymentTermsType,
} from './contact.js';
import type { ContactPage } from './contact-repository.js';
import { COMPANY_CHOICE_LIMIT, COMPANY_SEARCH_LIMIT, type ContactFormOptions, type ContactRecord } from './contact-service.js';
import { searchPickerView } from '../common/search-picker.js';
import { CONTACT_FIELDS } from './contact-schema.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';

export const PAYMENT_TERMS_LABELS: Record<PaymentTermsType, string> = {
  DAYSAFTERBILLDATE: 'day(s) after the invoice date',
  DAYSAFTERBILLMONTH: 'day(s) after the end of the invoice month',
  OFCURRENTMONTH: 'of the current month',
  OFFOLLOWINGMONTH: 'of the following month',
};

const SORT_LABELS: Record<ContactSort, string> = { name: 'Name', email: 'Email', created: 'Created', updated: 'Last updated' };

const dateText = (d: Date): string => formatDay(d);

export function rolesText(c: Pick<Contact, 'isCustomer' | 'isSupplier'>): string {
  return [c.isCustomer ? 'Customer' : '', c.isSupplier ? 'Supplier' : ''].filter(Boolean).join(', ') || '—';
}

export function paymentTermsText(c: Pick<Contact, 'paymentTermsDays' | 'paymentTermsType'>): string | null {
  if (c.paymentTermsDays === null || c.paymentTermsType === null) return null;
  const ofMonth = c.paymentTermsType === 'OFCURRENTMONTH' || c.paymentTermsType === 'OFFOLLOWINGMONTH';
  return ofMonth
    ? `Due on day ${c.paymentTermsDays} ${PAYMENT_TERMS_LABELS[c.paymentTermsType]}`
    : `Due ${c.paymentTermsDays} ${PAYMENT_TERMS_LABELS[c.paymentTermsType]}`;
}

export function addressLines(a: Address): string[] {
  const cityLine = [a.city, a.region, a.postalCode].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.country].filter((l): l is string => Boolean(l));
}

const XERO_BADGES: Record<ContactSummary['xeroState'], { label: string; badge: string }> = {
  not: { label: 'Not yet', badge: '' },
  in: { label: 'In Xero', badge: 'badge-ok' },
  changed: { label: 'Changed since sent', badge: 'badge-warn' },
};

/** The list's query string without paging, for links that keep the filters. */
export function contactListParams(query: ListQuery<ContactSort>, filters: ContactFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.q) params.q = query.q;
  if (filters.role) params.role = filters.role;
  if (filters.kind) params.kind = filters.kind;
  if (filters.archived !== 'active') params.archived = filters.archived;
  if (filters.xero) params.xero = filters.xero;
  params.sort = query.sort;
  params.dir = query.dir;
  return params;
}

export function contactListView(page: ContactPage, query: ListQuery<ContactSort>, filters: ContactFilters) {
  const params = contactListParams(query, filters);
  const filtered = Boolean(query.q || filters.role || filters.kind || filters.archived !== 'active' || filters.xero);
  const sortLink = (sort: ContactSort) => {
    const dir = query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc';
    return {
      label: SORT_LABELS[sort],
      href: `/contacts?${new URLSearchParams({ ...params, sort, dir }).toString()}`,
      current: query.sort === sort ? (query.dir === 'asc' ? 'ascending' : 'descending') : null,
    };
  };
  return {
    rows: page.contacts.map((c: ContactSummary) => ({
      id: c.id,
      href: `/contacts/${c.id}`,
      name: c.name,
      kind: c.kind === 'company' ? 'Company' : 'Person',
      companyName: c.companyName,
      companyHref: c.companyId ? `/contacts/${c.companyId}` : null,
      roles: rolesText(c),
      email: c.email ?? '',
      phone: c.phone ?? c.mobile ?? '',
      updated: dateText(c.updatedAt),
      archived: c.archivedAt !== null,
      xero: XERO_BADGES[c.xeroState],
    })),
    search: {
      q: query.q,
      role: filters.role ?? '',
      kind: filters.kind ?? '',
      archived: filters.archived,
      xero: filters.xero ?? '',
      sort: query.sort,
      dir: query.dir,
    },
    sorts: { name: sortLink('name'), email: sortLink('email'), updated: sortLink('updated') },
    pagination: paginationView('/contacts', params, query.page, query.pageSize, page.total) satisfies PaginationView,
    /** Bulk send to Xero: "Select all N matching" keeps the search and filters (src/xero-sync/bulk-routes.ts). */
    bulk: {
      total: page.total,
      totalText: page.total.toLocaleString('en'),
      allHref: `/bulk-sends/new?${new URLSearchParams({
        records: 'contact',
        all: '1',
        ...(query.q ? { q: query.q } : {}),
        ...(filters.role ? { role: filters.role } : {}),
        ...(filters.kind ? { kind: filters.kind } : {}),
        ...(filters.archived !== 'active' ? { archived: filters.archived } : {}),
        ...(filters.xero ? { xero: filters.xero } : {}),
      }).toString()}`,
    },
    empty: page.total === 0 ? (filtered ? 'no-match' : 'none') : null,
  };
}

export function contactRecordView(record: Pick<ContactRecord, 'contact' | 'company' | 'people'>) {
  const { contact: c, company, people } = record;
  const details: Array<{ label: string; value: string; href?: string; lines?: string[] }> = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) details.push({ label, value });
  };
  add('Kind', c.kind === 'company' ? 'Company' : 'Person');
  if (company) details.push({ label: 'Company', value: company.name, href: `/contacts/${company.id}` });
  add('First name', c.firstName);
  add('Last name', c.lastName);
  add('Customer or supplier', rolesText(c) === '—' ? null : rolesText(c));
  // Email and phones are links: one click writes or calls.
  const link = (label: string, value: string | null | undefined, scheme: 'mailto:' | 'tel:') => {
    if (value) details.push({ label, value, href: `${scheme}${scheme === 'tel:' ? value.replace(/[^\d+]/g, '') : value}` });
  };
  link('Email', c.email, 'mailto:');
  link('Phone', c.phone, 'tel:');
  link('Mobile', c.mobile, 'tel:');
  const postal = addressLines(c.postalAddress);
  if (postal.length) details.push({ label: 'Postal address', value: postal.join(', '), lines: postal });
  const street = addressLines(c.streetAddress);
  if (street.length) details.push({ label: 'Street address', value: street.join(', '), lines: street });
  add('Tax number', c.taxNumber);
  add('Default currency', c.defaultCurrency);
  add('Payment terms', paymentTermsText(c));
  add('In Xero', c.xeroContactId ? (c.xeroSentAt ? `Linked, last sent ${dateText(c.xeroSentAt)}` : 'Linked') : null);
  add('Archived', c.archivedAt ? dateText(c.archivedAt) : null);
  return {
    id: c.id,
    name: c.name,
    archived: c.archivedAt !== null,
    isCompany: c.kind === 'company',
    isSupplier: c.isSupplier,
    details,
    notes: c.notes,
    people: people.map((p) => ({
      name: p.name,
      href: `/contacts/${p.id}`,
      email: p.email ?? '',
      phone: p.phone ?? p.mobile ?? '',
      archived: p.archivedAt !== null,
    })),
    editHref: `/contacts/${c.id}/edit`,
    addPersonHref: `/contacts/new?kind=person&company_id=${encodeURIComponent(c.id)}`,
    archiveAction: `/contacts/${c.id}/archive`,
    unarchiveAction: `/contacts/${c.id}/unarchive`,
    createdText: dateText(c.createdAt),
    updatedText: dateText(c.updatedAt),
  };
}

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
/** A street address that repeats a (non-empty) postal address: the edit form ticks "Same as postal address". */
const sameAddress = (postal: Address, street: Address): boolean =>
  ADDRESS_PARTS.some((k) => postal[k]) && ADDRESS_PARTS.every((k) => (postal[k] ?? '') === (street[k] ?? ''));

/** The form's values from a saved contact (what "edit" starts from). */
export function contactFormValues(c: Contact): FormValues {
  const a = (p: 'postal' | 'street', x: Address): FormValues => ({
    [`${p}_line1`]: x.line1 ?? '',
    [`${p}_line2`]: x.line2 ?? '',
    [`${p}_city`]: x.city ?? '',
    [`${p}_region`]: x.region ?? '',
    [`${p}_postal_code`]: x.postalCode ?? '',
    [`${p}_country`]: x.country ?? '',
  });
  return {
    kind: c.kind,
    name: c.name,
    first_name: c.firstName ?? '',
    last_name: c.lastName ?? '',
    company_id: c.companyId ?? '',
    is_customer: c.isCustomer ? '1' : '',
    is_supplier: c.isSupplier ? '1' : '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    mobile: c.mobile ?? '',
    ...a('postal', c.postalAddress),
    ...a('street', c.streetAddress),
    street_same_as_postal: sameAddress(c.postalAddress, c.streetAddress) ? '1' : '',
    tax_number: c.taxNumber ?? '',
    default_currency: c.defaultCurrency ?? '',
    payment_terms_days: c.paymentTermsDays === null ? '' : String(c.paymentTermsDays),
    payment_terms_type: c.paymentTermsType ?? '',
    notes: c.notes ?? '',
  };
}

/** Blank values for "new", optionally preset from the query (?kind=person&company_id=…). */
export function newContactValues(preset: unknown): FormValues {
  const raw = typeof preset === 'object' && preset !== null ? (preset as Record<string, unknown>) : {};
  const values: FormValues = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, '']));
  values.kind = raw.kind === 'person' ? 'person' : 'company';
  values.is_customer = '1';
  if (typeof raw.company_id === 'string') values.company_id = raw.company_id.slice(0, 36);
  return values;
}

export function contactFormView(input: { mode: 'new' | 'edit'; id?: string; values: FormValues; errors: FieldErrors; options: ContactFormOptions }) {
  const { mode, id, values, errors, options } = input;
  const withBlank = (blank: string, list: Choice[]): Choice[] => [{ value: '', label: blank }, ...list];
  return {
    mode,
    title: mode === 'new' ? 'New contact' : `Edit ${values.name || 'contact'}`,
    action: mode === 'new' ? '/contacts' : `/contacts/${id ?? ''}`,
    cancelHref: mode === 'new' ? '/contacts' : `/contacts/${id ?? ''}`,
    values,
    errors,
    errorCount: Object.keys(errors).length,
    kindOptions: [
      { value: 'company', label: 'Company' },
      { value: 'person', label: 'Person' },
    ],
    companyPicker: searchPickerView(options.companies, values.company_id ?? '', 'No company', {
      noun: 'company',
      plural: 'companies',
      fields: 'name or email',
      findLabel: 'Find company',
      listLimit: COMPANY_CHOICE_LIMIT,
      searchLimit: COMPANY_SEARCH_LIMIT,
    }),
    // With the organisation's Xero currencies cached, a dropdown; before that a code typed by hand.
    currencyOptions: options.currencies.length ? withBlank('No default', options.currencies) : null,
    termsTypeOptions: withBlank(
      'No payment terms',
      PAYMENT_TERMS_TYPES.map((t) => ({ value: t, label: PAYMENT_TERMS_LABELS[t] })),
    ),
  };
}
