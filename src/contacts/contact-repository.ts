/** SQL for contacts, always through the organisation's TenantDb. */
import type { Knex } from 'knex';
import { inIdOrder, pageIdsAndTotal } from '../db/paging.js';
import type { TenantDb } from '../db/tenant-db.js';
import { whereContains } from '../db/contains.js';
import { sqlExpression } from '../db/sql-expression.js';
import {
  nameKey,
  PAYMENT_TERMS_TYPES,
  type Address,
  type Contact,
  type ContactFilters,
  type ContactInput,
  type ContactKind,
  type ContactSort,
  type ContactSummary,
  type PaymentTermsType,
} from './contact.js';
import { bool, date, dbTime, int, requiredDate, requiredText, text, type DbRow } from '../db/row-values.js';

const TABLE = 'contacts';

const SORT_COLUMNS: Record<ContactSort, string> = {
  name: 'contacts.name_key',
  email: 'contacts.email',
  created: 'contacts.created_at',
  updated: 'contacts.updated_at',
};

function addressFrom(row: DbRow, p: 'postal' | 'street'): Address {
  return {
    line1: text(row, `${p}_line1`),
    line2: text(row, `${p}_line2`),
    city: text(row, `${p}_city`),
    region: text(row, `${p}_region`),
    postalCode: text(row, `${p}_postal_code`),
    country: text(row, `${p}_country`),
  };
}

function addressColumns(a: Address, p: 'postal' | 'street'): DbRow {
  return {
    [`${p}_line1`]: a.line1,
    [`${p}_line2`]: a.line2,
    [`${p}_city`]: a.city,
    [`${p}_region`]: a.region,
    [`${p}_postal_code`]: a.postalCode,
    [`${p}_country`]: a.country,
  };
}

export function contactFromRow(row: DbRow): Contact {
  const termsType = text(row, 'payment_terms_type');
  return {
    ...summaryFields(row),
    firstName: text(row, 'first_name'),
    lastName: text(row, 'last_name'),
    postalAddress: addressFrom(row, 'postal'),
    streetAddress: addressFrom(row, 'street'),
    taxNumber: text(row, 'tax_number'),
    defaultCurrency: text(row, 'default_currency'),
    paymentTermsDays: int(row, 'payment_terms_days'),
    paymentTermsType: (PAYMENT_TERMS_TYPES as readonly string[]).includes(termsType ?? '') ? (termsType as PaymentTermsType) : null,
    notes: text(row, 'notes'),
    xeroContactId: text(row, 'xero_contact_id'),
    xeroSentAt: date(row, 'xero_sent_at'),
    createdAt: requiredDate(row, 'created_at'),
  };
}

const SUMMARY_COLUMNS = ['id', 'kind', 'name', 'company_id', 'is_customer', 'is_supplier', 'email', 'phone', 'mobile', 'archived_at', 'updated_at'] as const;

/** The fields a list row and a whole contact share (SUMMARY_COLUMNS). */
function summaryFields(row: DbRow): Omit<ContactSummary, 'companyName' | 'xeroState'> {
  return {
    id: requiredText(row, 'id'),
    kind: text(row, 'kind') === 'person' ? 'person' : 'company',
    name: requiredText(row, 'name'),
    companyId: text(row, 'company_id'),
    isCustomer: bool(row, 'is_customer'),
    isSupplier: bool(row, 'is_supplier'),
    email: text(row, 'email'),
    phone: text(row, 'phone'),
    mobile: text(row, 'mobile'),
    archivedAt: date(row, 'archived_at'),
    updatedAt: requiredDate(row, 'updated_at'),
  };
}

/**
 * Where the contact stands with Xero: not linked; "in" Xero as Ledgerside has it (last sent, or last
 * written by an import from Xero, no earlier than its last change Xero would see); or changed since.
 * The SQL twin for the list's filter is XERO_AGREED_AT / XERO_CHANGED_AT below.
 */
function xeroStateOf(row: DbRow): ContactSummary['xeroState'] {
  if (!text(row, 'xero_contact_id')) return 'not';
  const agreed = Math.max(date(row, 'xero_sent_at')?.getTime() ?? -Infinity, date(row, 'xero_imported_at')?.getTime() ?? -Infinity);
  const changed = (date(row, 'xero_changed_at') ?? requiredDate(row, 'updated_at')).getTime();
  return agreed >= changed ? 'in' : 'changed';
}

function summaryFromRow(row: DbRow): ContactSummary {
  return { ...summaryFields(row), companyName: text(row, 'company_name'), xeroState: xeroStateOf(row) };
}

function inputColumns(input: ContactInput): DbRow {
  return {
    kind: input.kind,
    name: input.name.trim(),
    name_key: nameKey(input.name),
    first_name: input.firstName,
    last_name: input.lastName,
    company_id: input.companyId,
    is_customer: input.isCustomer,
    is_supplier: input.isSupplier,
    email: input.email,
    phone: input.phone,
    mobile: input.mobile,
    ...addressColumns(input.postalAddress, 'postal'),
    ...addressColumns(input.streetAddress, 'street'),
    tax_number: input.taxNumber,
    default_currency: input.defaultCurrency,
    payment_terms_days: input.paymentTermsDays,
    payment_terms_type: input.paymentTermsType,
    notes: input.notes,
  };
}

/** A contact as a bulk send sees it: its company (a person of one is sent as one of its people) and its state with Xero. */
export interface ContactSendState {
  id: string;
  name: string;
  kind: 'company' | 'person';
  companyId: string | null;
  archived: boolean;
  inXero: boolean;
  changedSinceSent: boolean;
}

export interface ContactPage {
  contacts: ContactSummary[];
  total: number;
}

export interface ContactListOptions extends ContactFilters {
  sort: ContactSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** When the contact last changed as Xero would see it (see migration 20261202020000). */
const XERO_CHANGED_AT = 'coalesce(contacts.xero_changed_at, contacts.updated_at)';
/** When Ledgerside and Xero last agreed on the contact: the later of its last send and its last import (null: never). */
const XERO_AGREED_AT = `case when contacts.xero_imported_at is not null and (contacts.xero_sent_at is null or contacts.xero_imported_at > contacts.xero_sent_at)
  then contacts.xero_imported_at else contacts.xero_sent_at end`;

export function contactRepository(tdb: TenantDb) {
  function filtered(filters: ContactFilters): Knex.QueryBuilder {
    const query = tdb.from(TABLE);
    if (filters.q) {
      // search_key: name_key and lower-cased email, kept by the database (migration 20261126100200).
      whereContains(query, ['contacts.search_key'], filters.q);
    }
    if (filters.role === 'customer') query.where('contacts.is_customer', true);
    if (filters.role === 'supplier') query.where('contacts.is_supplier', true);
    if (filters.kind) query.where('contacts.kind', filters.kind);
    if (filters.archived === 'active') query.whereNull('contacts.archived_at');
    if (filters.archived === 'archived') query.whereNotNull('contacts.archived_at');
    if (filters.xero === 'not') query.whereNull('contacts.xero_contact_id');
    if (filters.xero === 'in') query.whereNotNull('contacts.xero_contact_id').whereRaw(`(${XERO_AGREED_AT}) >= ${XERO_CHANGED_AT}`);
    if (filters.xero === 'changed')
      query
        .whereNotNull('contacts.xero_contact_id')
        .where((q) => q.whereRaw(`(${XERO_AGREED_AT}) is null`).orWhereRaw(`(${XERO_AGREED_AT}) < ${XERO_CHANGED_AT}`));
    return query;
  }

  return {
    /** Ids of every contact the list's search and filters match (a bulk send's "Select all N matching"), by name. */
    async matchingIds(filters: ContactFilters, limit: number): Promise<string[]> {
      const rows: DbRow[] = await filtered(filters).orderBy('contacts.name_key').orderBy('contacts.id').limit(limit).select('contacts.id');
      return rows.map((row) => requiredText(row, 'id'));
    },

    /** What a bulk send needs to know of these contacts before recording it (the Xero link columns included). */
    async sendStates(ids: readonly string[]): Promise<ContactSendState[]> {
      const out: ContactSendState[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const rows: DbRow[] = await tdb
          .from(TABLE)
          .whereIn('id', ids.slice(i, i + 500))
          .select('id', 'name', 'kind', 'company_id', 'archived_at', 'xero_contact_id', 'xero_sent_at', 'xero_imported_at', 'xero_changed_at', 'updated_at');
        for (const row of rows) {
          out.push({
            id: requiredText(row, 'id'),
            name: requiredText(row, 'name'),
            kind: requiredText(row, 'kind') === 'person' ? 'person' : 'company',
            companyId: text(row, 'company_id'),
            archived: date(row, 'archived_at') !== null,
            inXero: text(row, 'xero_contact_id') !== null,
            changedSinceSent: xeroStateOf(row) === 'changed',
          });
        }
      }
      return out;
    },

    async list(options: ContactListOptions): Promise<ContactPage> {
      // The page's ids first (for active contacts by name, from contacts_active_list_idx alone), then
      // only those rows with their company: a deep page or a search skips index entries, not whole
      // rows each joined to its company (bench/README.md).
      const { ids, total } = await pageIdsAndTotal(
        filtered(options),
        'contacts.id',
        [
          [SORT_COLUMNS[options.sort], options.dir],
          ['contacts.id', options.dir],
        ],
        { page: options.page, pageSize: options.pageSize, search: options.q !== '' },
      );
      const rows: DbRow[] =
        ids.length === 0
          ? []
          : await tdb
              .from(TABLE)
              .leftJoin(tdb.scoped(TABLE, 'company'), 'company.id', 'contacts.company_id')
              .whereIn('contacts.id', ids)
              .select([
                ...SUMMARY_COLUMNS.map((c) => `contacts.${c}`),
                'contacts.xero_contact_id',
                'contacts.xero_sent_at',
                'contacts.xero_imported_at',
                'contacts.xero_changed_at',
                'company.name as company_name',
              ]);
      return { contacts: inIdOrder(ids, rows).map(summaryFromRow), total };
    },

    async findById(id: string): Promise<Contact | null> {
      const row: DbRow | undefined = await tdb.from(TABLE).where('id', id).first();
      return row ? contactFromRow(row) : null;
    },

    /**
     * What a contact's page needs of contacts, in one statement: the contact, a person's company, and
     * the people of the company the contact is or belongs to, by name (the contact itself may come
     * twice). Whole rows: the page's Xero panel reads the link columns from them. Three index lookups
     * joined by UNION ALL: written as one query with OR, SQLite walked the organisation's whole index.
     */
    async withCompanyAndPeople(id: string): Promise<DbRow[]> {
      const companyOf = (kind?: 'person') => {
        const query = tdb.from(TABLE).where('id', id).select('company_id');
        return kind ? query.where('kind', kind) : query;
      };
      const company = tdb.from(TABLE).where('id', companyOf());
      // A person's company's people; a company's own (a person without a company has none: no contact's company_id is a person's id).
      const people = tdb
        .from(TABLE)
        .where('kind', 'person')
        .where('company_id', sqlExpression(company, 'coalesce(?, ?)', [companyOf('person'), id]));
      return tdb.from(TABLE).where('id', id).unionAll([company, people]).orderBy('name_key');
    },

    /**
     * Active companies a person may belong to, by name: the first `limit`, or those whose name or email
     * contains `search`.
     */
    async companies(options: { limit: number; search?: string }): Promise<Array<{ id: string; name: string }>> {
      const query = tdb.from(TABLE).where('contacts.kind', 'company').whereNull('contacts.archived_at');
      if (options.search) whereContains(query, ['contacts.search_key'], options.search);
      const rows: DbRow[] = await query.orderBy('name_key').limit(options.limit).select('id', 'name');
      return rows.map((row) => ({ id: requiredText(row, 'id'), name: requiredText(row, 'name') }));
    },

    /** Contacts by id (missing ones absent), 500 ids a statement. */
    async findByIds(ids: readonly string[]): Promise<Contact[]> {
      const unique = [...new Set(ids)];
      const out: Contact[] = [];
      for (let i = 0; i < unique.length; i += 500) {
        const rows: DbRow[] = await tdb.from(TABLE).whereIn('id', unique.slice(i, i + 500));
        out.push(...rows.map(contactFromRow));
      }
      return out;
    },

    /** The people of each company (by name), for many companies in one statement per 500. */
    async peopleOfMany(companyIds: readonly string[]): Promise<Map<string, Contact[]>> {
      const unique = [...new Set(companyIds)];
      const out = new Map<string, Contact[]>(unique.map((id) => [id, []]));
      for (let i = 0; i < unique.length; i += 500) {
        const rows: DbRow[] = await tdb
          .from(TABLE)
          .whereIn('company_id', unique.slice(i, i + 500))
          .where('kind', 'person')
          .orderBy('name_key');
        for (const row of rows) out.get(String(row.company_id))?.push(contactFromRow(row));
      }
      return out;
    },

    async peopleOf(companyId: string): Promise<Contact[]> {
      const rows: DbRow[] = await tdb.from(TABLE).where({ company_id: companyId, kind: 'person' }).orderBy('name_key');
      return rows.map(contactFromRow);
    },

    async activeNameTaken(name: string, exceptId?: string): Promise<boolean> {
      const query = tdb.from(TABLE).where('name_key', nameKey(name)).whereNull('archived_at');
      if (exceptId) query.whereNot('id', exceptId);
      return (await query.first('id')) !== undefined;
    },

    async insert(id: string, input: ContactInput, now: Date): Promise<void> {
      await tdb.insert(TABLE, { id, ...inputColumns(input), created_at: dbTime(now), updated_at: dbTime(now), xero_changed_at: dbTime(now) });
    },

    /** `xeroChanged`: the change is one Xero would see (a mapped field), so "changed since sent" from now. */
    async update(id: string, input: ContactInput, now: Date, xeroChanged = true): Promise<boolean> {
      return (
        (await tdb.update(TABLE, { id }, { ...inputColumns(input), updated_at: dbTime(now), ...(xeroChanged ? { xero_changed_at: dbTime(now) } : {}) })) > 0
      );
    },

    /** A company's people changed (they are sent as its ContactPersons): the company changed as Xero sees it. */
    async touchXeroChanged(id: string, now: Date): Promise<void> {
      await tdb.update(TABLE, { id }, { xero_changed_at: dbTime(now) });
    },

    async setArchived(id: string, archivedAt: Date | null, now: Date): Promise<boolean> {
      return (await tdb.update(TABLE, { id }, { archived_at: archivedAt ? dbTime(archivedAt) : null, updated_at: dbTime(now) })) > 0;
    },

    /** Kinds of the given ids that exist in this organisation (for validating references). */
    async kindOf(id: string): Promise<{ kind: ContactKind; archived: boolean; isSupplier: boolean } | null> {
      const row: DbRow | undefined = await tdb.from(TABLE).where('id', id).first('kind', 'archived_at', 'is_supplier');
      if (!row) return null;
      return {
        kind: text(row, 'kind') === 'person' ? 'person' : 'company',
        archived: row.archived_at !== null && row.archived_at !== undefined,
        isSupplier: bool(row, 'is_supplier'),
      };
    },
  };
}

export type ContactRepository = ReturnType<typeof contactRepository>;
