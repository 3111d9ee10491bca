/**
 * Contacts offered in a document's contact dropdown: active contacts by name, capped so the form
 * stays light for organisations with tens of thousands of contacts; the current one is always there.
 */
import { whereContains } from '../db/contains.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { Choice } from './sales-lookups.js';

export const CONTACT_CHOICE_LIMIT = 500;
/** Matches a "Find contact" search offers. */
export const CONTACT_SEARCH_LIMIT = 50;

export interface ContactChoices {
  choices: Choice[];
  /** True when there were more active contacts (or matches) than offered. */
  truncated: boolean;
  /** The "Find contact" text these choices answer, with how many matched (at most the limit + 1). */
  search?: { text: string; matches: number };
}

/**
 * Active contacts by name for a document form. With `search` (the form's "Find contact" box), the
 * contacts whose name or email contains it instead, so any of tens of thousands can be chosen.
 */
export async function contactChoices(tdb: TenantDb, currentId: string | null = null, search = ''): Promise<ContactChoices> {
  const text = search.trim().slice(0, 200);
  const limit = text ? CONTACT_SEARCH_LIMIT : CONTACT_CHOICE_LIMIT;
  const query = tdb.from('contacts').whereNull('archived_at');
  if (text) whereContains(query, ['contacts.search_key'], text);
  const rows: { id: string; name: string }[] = await query.orderBy('name_key').limit(limit + 1).select('id', 'name');
  const truncated = rows.length > limit;
  const choices = rows.slice(0, limit).map((r) => ({ value: r.id, label: r.name }));
  if (currentId && !choices.some((c) => c.value === currentId)) {
    const current: { id: string; name: string } | undefined = await tdb.from('contacts').where({ id: currentId }).first('id', 'name');
    if (current) choices.unshift({ value: current.id, label: current.name });
  }
  return text ? { choices, truncated, search: { text, matches: rows.length } } : { choices, truncated };
}

/** What a form's contact picker shows (`views/partials/contact-picker.ejs`). */
export interface ContactPickerView {
  /** The chosen contact id: the form's, or a "Find contact" search's only match when none was chosen. */
  value: string;
  /** The dropdown's options, the "none" option first. */
  options: Choice[];
  hint: string;
  /** Offer the "Find contact" box: the dropdown cannot list every contact, or a search is showing. */
  showFind: boolean;
  search: string;
}

export function contactPickerView(contacts: ContactChoices, chosenId: string, noneLabel: string): ContactPickerView {
  const { search } = contacts;
  const onlyMatch = search && search.matches === 1 && !chosenId ? contacts.choices[0]?.value : undefined;
  let hint = '';
  if (search) {
    if (search.matches === 0) hint = `No active contact's name or email contains "${search.text}".`;
    else if (contacts.truncated) hint = `Showing the first ${CONTACT_SEARCH_LIMIT} contacts matching "${search.text}": type more to narrow it.`;
    else hint = `${search.matches} ${search.matches === 1 ? 'contact matches' : 'contacts match'} "${search.text}".`;
  } else if (contacts.truncated) {
    hint = `Showing the first ${CONTACT_CHOICE_LIMIT} contacts by name: use "Find contact" for the others.`;
  }
  return {
    value: onlyMatch ?? chosenId,
    options: [{ value: '', label: noneLabel }, ...contacts.choices],
    hint,
    showFind: contacts.truncated || search !== undefined,
    search: search?.text ?? '',
  };
}

/** Beyond this many active contacts a list filter offers no dropdown: the list's search matches contact names. */
export const FILTER_CHOICE_LIMIT = 50;

/**
 * Contacts offered in a list page's "Customer" filter. A dropdown of hundreds of names is heavy on every
 * list page and no help to pick from, so past FILTER_CHOICE_LIMIT only the current choice is offered.
 */
export async function contactFilterChoices(tdb: TenantDb, currentId: string | null = null): Promise<ContactChoices> {
  const rows: { id: string; name: string }[] = await tdb.from('contacts').whereNull('archived_at')
    .orderBy('name_key').limit(FILTER_CHOICE_LIMIT + 1).select('id', 'name');
  const truncated = rows.length > FILTER_CHOICE_LIMIT;
  const choices = truncated ? [] : rows.map((r) => ({ value: r.id, label: r.name }));
  if (currentId && !choices.some((c) => c.value === currentId)) {
    const current: { id: string; name: string } | undefined = await tdb.from('contacts').where({ id: currentId }).first('id', 'name');
    if (current) choices.unshift({ value: current.id, label: current.name });
  }
  return { choices, truncated };
}
