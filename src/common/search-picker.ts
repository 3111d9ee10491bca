/**
 * A dropdown that cannot list everything (contacts, companies) plus a "Find …" box: what the
 * `views/partials/search-picker.ejs` partial shows. Pure: callers read the choices, this words them.
 */
export interface PickerChoice {
  value: string;
  label: string;
}

/** The choices read for a picker: the first `limit` by name, or a search's first matches. */
export interface PickerChoices {
  choices: PickerChoice[];
  /** More rows (or matches) than offered. */
  truncated: boolean;
  /** The "Find …" text these choices answer, with how many matched (at most the limit + 1). */
  search?: { text: string; matches: number };
}

export interface SearchPickerView {
  /** The chosen id: the form's, or a search's only match when nothing was chosen. */
  value: string;
  /** The dropdown's options, the "none" option first. */
  options: PickerChoice[];
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
