/**
 * What other capabilities ask of contacts: the contacts offered in a document's or project's contact
 * dropdown (active contacts by name, capped so the form stays light for organisations with tens of
 * thousands of contacts; the current one is always there), a list's customer filter, and whether an
 * id is a usable contact of this organisation (validation goes through here, not through the table).
 */
import { whereContains } from '../db/contains.js';
import type { TenantDb } from '../db/tenant-db.js';
import { bool, requiredText } from '../db/row-values.js';
import type { Choice } from '../common/choice.js';
import { readPickerChoices, searchPickerView, type PickerChoices, type SearchPickerView } from '../common/search-picker.js';

export const CONTACT_CHOICE_LIMIT = 500;
/** Matches a "Find contact" search offers. */
export const CONTACT_SEARCH_LIMIT = 50;

export interface ContactChoices extends PickerChoices {
  choices: Choice[];
}

/**
 * Active contacts by name for a document form. With `search` (the form's "Find contact" box), the
 * contacts whose name or email contains it instead, so any of tens of thousands can be chosen.
 */
export function contactChoices(tdb: TenantDb, currentId: string | null = null, search = ''): Promise<ContactChoices> {
  return readPickerChoices({
    search,
    chosenId: currentId ?? '',
    listLimit: CONTACT_CHOICE_LIMIT,
    searchLimit: CONTACT_SEARCH_LIMIT,
    rows: (limit, text) => {
      const query = tdb.from('contacts').whereNull('archived_at');
      if (text) whereContains(query, ['contacts.search_key'], text);
      return query.orderBy('name_key').limit(limit).select('id', 'name');
    },
    chosen: async (id) => {
      const row: { id: string; name: string } | undefined = await tdb.from('contacts').where({ id }).first('id', 'name');
      return row ? { value: row.id, label: row.name } : null;
    },
  });
}

/** Active suppliers by name for a purchase document's form (or a "Find supplier" search's matches); the current one is always there. */
export function supplierChoices(tdb: TenantDb, currentId: string | null = null, search = ''): Promise<ContactChoices> {
  return readPickerChoices({
    search,
    chosenId: currentId ?? '',
    listLimit: CONTACT_CHOICE_LIMIT,
    searchLimit: CONTACT_SEARCH_LIMIT,
    rows: (limit, text) => {
      const query = tdb.from('contacts').where('contacts.is_supplier', true).whereNull('archived_at');
      if (text) whereContains(query, ['contacts.search_key'], text);
      return query.orderBy('name_key').limit(limit).select('id', 'name');
    },
    chosen: async (id) => {
      const row: { id: string; name: string } | undefined = await tdb.from('contacts').where({ id }).first('id', 'name');
      return row ? { value: row.id, label: row.name } : null;
    },
  });
}

/** The supplier picker of purchase documents (`views/partials/search-picker.ejs`). */
export function supplierPickerView(suppliers: ContactChoices, chosenId: string, noneLabel: string): SearchPickerView {
  return searchPickerView(suppliers, chosenId, noneLabel, {
    noun: 'supplier',
    plural: 'suppliers',
    fields: 'name or email',
    findLabel: 'Find supplier',
    listLimit: CONTACT_CHOICE_LIMIT,
    searchLimit: CONTACT_SEARCH_LIMIT,
  });
}

/** The contact picker of quotes, sales orders and projects (`views/partials/search-picker.ejs`). */
export function contactPickerView(contacts: ContactChoices, chosenId: string, noneLabel: string): SearchPickerView {
  return searchPickerView(contacts, chosenId, noneLabel, {
    noun: 'contact',
    plural: 'contacts',
    fields: 'name or email',
    findLabel: 'Find contact',
    listLimit: CONTACT_CHOICE_LIMIT,
    searchLimit: CONTACT_SEARCH_LIMIT,
  });
}

/** Beyond this many active contacts a list filter offers no dropdown: the list's search matches contact names. */
export const FILTER_CHOICE_LIMIT = 50;

/**
 * Contacts offered in a list page's "Customer" filter. A dropdown of hundreds of names is heavy on every
 * list page and no help to pick from, so past FILTER_CHOICE_LIMIT only the current choice is offered.
 */
export async function contactFilterChoices(tdb: TenantDb, currentId: string | null = null): Promise<ContactChoices> {
  const rows: { id: string; name: string }[] = await tdb
    .from('contacts')
    .whereNull('archived_at')
    .orderBy('name_key')
    .limit(FILTER_CHOICE_LIMIT + 1)
    .select('id', 'name');
  const truncated = rows.length > FILTER_CHOICE_LIMIT;
  const choices = truncated ? [] : rows.map((r) => ({ value: r.id, label: r.name }));
  if (currentId && !choices.some((c) => c.value === currentId)) {
    const current: { id: string; name: string } | undefined = await tdb.from('contacts').where({ id: currentId }).first('id', 'name');
    if (current) choices.unshift({ value: current.id, label: current.name });
  }
  return { choices, truncated };
}

/** What a form needs to know about a chosen contact; null when it is not a contact of this organisation. */
export interface ContactStanding {
  id: string;
  name: string;
  archived: boolean;
  isCustomer: boolean;
  isSupplier: boolean;
}

export async function contactStanding(tdb: TenantDb, contactId: string): Promise<ContactStanding | null> {
  const row: Record<string, unknown> | undefined = await tdb
    .from('contacts')
    .where({ id: contactId })
    .first('id', 'name', 'archived_at', 'is_customer', 'is_supplier');
  if (!row) return null;
  return {
    id: requiredText(row, 'id'),
    name: requiredText(row, 'name'),
    archived: Boolean(row.archived_at),
    isCustomer: bool(row, 'is_customer'),
    isSupplier: bool(row, 'is_supplier'),
  };
}

/**
 * Active supplier contacts by name (a product's default supplier, a purchase document's counterparty):
 * the first `limit`, or those whose name or email contains `search`.
 */
export async function supplierContacts(tdb: TenantDb, options: { limit: number; search?: string }): Promise<Array<{ id: string; name: string }>> {
  const query = tdb.from('contacts').where('contacts.is_supplier', true).whereNull('contacts.archived_at');
  if (options.search) whereContains(query, ['contacts.search_key'], options.search);
  const rows: Record<string, unknown>[] = await query.orderBy('name_key').limit(options.limit).select('id', 'name');
  return rows.map((row) => ({ id: requiredText(row, 'id'), name: requiredText(row, 'name') }));
}
