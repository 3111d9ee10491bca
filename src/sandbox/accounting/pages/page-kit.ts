/**
 * Pieces every accountant page shares: the organisation's layout and navigation, money and date
 * formats, small POST forms carrying the CSRF token, field errors, notices, filters and paging.
 */
import { html, layout, SafeHtml } from '../../web/html.js';
import type { OrganisationPage } from './page-context.js';

export type Area = 'invoices' | 'purchase-orders' | 'repeating-invoices' | 'contacts';

const AREAS: readonly { area: Area; text: string }[] = [
  { area: 'invoices', text: 'Invoices' },
  { area: 'purchase-orders', text: 'Purchase orders' },
  { area: 'repeating-invoices', text: 'Repeating invoices' },
  { area: 'contacts', text: 'Contacts' },
];

export function orgLayout(page: OrganisationPage, input: { title: string; area: Area; body: SafeHtml }): string {
  return layout({
    title: input.title,
    signedInAs: page.visitor.email,
    wide: true,
    nav: { label: page.org.name, items: AREAS.map((a) => ({ href: `${page.base}/${a.area}`, text: a.text, current: a.area === input.area })) },
    body: input.body,
  });
}

/** `1,234.50`: Xero's display of amounts. */
export function money(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** `26 Nov 2026` from a stored `2026-11-26T00:00:00`; empty when absent. */
export function displayDate(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '';
  const ms = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function displayDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const csrfField = (page: OrganisationPage): SafeHtml => html`<input type="hidden" name="csrf" value="${page.visitor.csrfToken}" />`;

/** A one-button form (Approve, Void, Delete, …). */
export function actionButton(page: OrganisationPage, action: string, label: string, accessibleName?: string): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">
    ${csrfField(page)}<button type="submit" ${accessibleName === undefined ? '' : html` aria-label="${accessibleName}"`}>${label}</button>
  </form>`;
}

/** Errors of one field (`for` the field's id) or of the whole form (no field). */
export interface FieldError {
  field?: string;
  message: string;
}

export function fieldErrors(errors: readonly FieldError[], field: string): SafeHtml {
  const mine = errors.filter((e) => e.field === field);
  return html`${mine.map((e) => html`<p class="field-error" id="${field}-error">${e.message}</p>`)}`;
}

/** aria attributes tying an input to its error message. */
export function invalidAttrs(errors: readonly FieldError[], field: string): SafeHtml {
  return errors.some((e) => e.field === field) ? html` aria-invalid="true" aria-describedby="${field}-error"` : html``;
}

export function formErrors(errors: readonly FieldError[]): SafeHtml {
  const general = errors.filter((e) => e.field === undefined);
  if (errors.length === 0) return html``;
  return html`<div class="errors" role="alert">
    <p>${errors.length === 1 ? 'This could not be done:' : 'These need fixing:'}</p>
    ${
      general.length > 0
        ? html`<ul>
            ${general.map((e) => html`<li>${e.message}</li>`)}
          </ul>`
        : ''
    }${general.length < errors.length ? html`<p>See the messages next to the fields.</p>` : ''}
  </div>`;
}

export const notice = (text: string | undefined): SafeHtml => (text === undefined ? html`` : html`<p class="notice" role="status">${text}</p>`);

export interface Paged<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

export const PAGE_SIZE = 25;

export function paginate<T>(items: readonly T[], requested: number, size = PAGE_SIZE): Paged<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(1, Number.isInteger(requested) ? requested : 1), pageCount);
  return { items: items.slice((page - 1) * size, page * size), page, pageCount, total: items.length };
}

/** Previous / next links keeping the list's filters. */
export function pager(path: string, filters: Record<string, string>, paged: Paged<unknown>, noun: string): SafeHtml {
  const counted = `${paged.total} ${paged.total === 1 ? noun.replace(/s$/, '') : noun}`;
  if (paged.pageCount <= 1) return html`<p class="muted">${counted}.</p>`;
  const href = (p: number) =>
    `${path}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')), page: String(p) }).toString()}`;
  return html`<nav aria-label="Pages">
    <p>
      Page ${paged.page} of ${paged.pageCount} (${counted}) ${paged.page > 1 ? html` · <a href="${href(paged.page - 1)}" rel="prev">Previous page</a>` : ''}
      ${paged.page < paged.pageCount ? html` · <a href="${href(paged.page + 1)}" rel="next">Next page</a>` : ''}
    </p>
  </nav>`;
}

export function selectOptions(options: readonly { value: string; label: string }[], selected: string): SafeHtml {
  return html`${options.map((o) => html`<option value="${o.value}" ${o.value === selected ? new SafeHtml(' selected') : ''}>${o.label}</option>`)}`;
}

/** A query string value (the first, when repeated). */
export function queryValue(query: unknown, name: string): string {
  if (typeof query !== 'object' || query === null) return '';
  const value: unknown = (query as Record<string, unknown>)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export function pageNumber(query: unknown): number {
  const n = Number(queryValue(query, 'page'));
  return Number.isInteger(n) && n > 0 ? n : 1;
}
