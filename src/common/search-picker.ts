/**
 * A dropdown that cannot list everything (contacts, companies) plus a "Find …" box: what the
 * `views/partials/search-picker.ejs` partial shows. Pure: callers read the choices, this words them.
 */
import type { Choice } from './choice.js';

/** The choices read for a picker: the first `limit` by name, or a search's first matches. */
export interface PickerChoices {
  choices: Choice[];
  /** More rows (or matches) than offered. */
  truncated: boolean;
  /** The "Find …" text these choices answer, with how many matched (at most the limit + 1). */
  search?: { text: string; matches: number };
}

export interface SearchPickerView {
  /** The chosen id: the form's, or a search's only match when nothing was chosen. */
  value: string;
  /** The dropdown's options, the "none" option first. */
  options: Choice[];
  hint: string;
  /** Offer the "Find …" box: the dropdown cannot list every row, or a search is showing. */
  showFind: boolean;
  search: string;
}

export interface PickerWords {
  /** "contact", "company". */
  noun: string;
  plural: string;
  /** What the search matches, for the hint: "name or email". */
  fields: string;
  /** The button's text, quoted in the hint: "Find contact". */
  findLabel: string;
  listLimit: number;
  searchLimit: number;
}

export function searchPickerView(read: PickerChoices, chosenId: string, noneLabel: string, words: PickerWords): SearchPickerView {
  const { search } = read;
  const onlyMatch = search && search.matches === 1 && !chosenId ? read.choices[0]?.value : undefined;
  let hint = '';
  if (search) {
    if (search.matches === 0) hint = `No active ${words.noun}'s ${words.fields} contains "${search.text}".`;
    else if (read.truncated) hint = `Showing the first ${words.searchLimit} ${words.plural} matching "${search.text}": type more to narrow it.`;
    else hint = `${search.matches} ${search.matches === 1 ? `${words.noun} matches` : `${words.plural} match`} "${search.text}".`;
  } else if (read.truncated) {
    hint = `Showing the first ${words.listLimit} ${words.plural} by name: use "${words.findLabel}" for the others.`;
  }
  return {
    value: onlyMatch ?? chosenId,
    options: [{ value: '', label: noneLabel }, ...read.choices],
    hint,
    showFind: read.truncated || search !== undefined,
    search: search?.text ?? '',
  };
}

/**
 * Reads a picker's choices: `rows(limit + 1, search)` gives the first rows by name (or the search's
 * matches), and `chosen(id)` the chosen row when it is not among them (archived, or past the limit).
 * `exclude` is never offered (a contact cannot be its own company).
 */
export async function readPickerChoices(input: {
  search: string;
  chosenId: string;
  listLimit: number;
  searchLimit: number;
  rows: (limit: number, search: string | undefined) => Promise<Array<{ id: string; name: string }>>;
  chosen: (id: string) => Promise<Choice | null>;
  exclude?: string;
}): Promise<PickerChoices> {
  const text = input.search.trim().slice(0, 200);
  const limit = text ? input.searchLimit : input.listLimit;
  const rows = (await input.rows(limit + 1, text || undefined)).filter((r) => r.id !== input.exclude);
  const choices = rows.slice(0, limit).map((r) => ({ value: r.id, label: r.name }));
  const { chosenId } = input;
  if (chosenId && chosenId !== input.exclude && !choices.some((c) => c.value === chosenId)) {
    const row = await input.chosen(chosenId);
    if (row) choices.unshift(row);
  }
  return { choices, truncated: rows.length > limit, ...(text ? { search: { text, matches: rows.length } } : {}) };
}
