/** Contacts: list and page with Archive and Edit name / email (changes made "in Xero" for Ledgerside to notice). */
import type { Request, Response, Router } from 'express';
import { html } from '../../web/html.js';
import { formField } from '../../web/form.js';
import { archiveContact, editContactNameAndEmail } from '../accountant-actions.js';
import { listHistory } from '../history.js';
import type { StoredRecord } from '../types.js';
import { toContactDetail, toContactRow } from './document-view-model.js';
import { historyTable } from './invoices-views.js';
import { loadRecord } from './not-found.js';
import { pageOf } from './page-context.js';
import {
  actionButton,
  csrfField,
  displayDateTime,
  fieldErrors,
  formErrors,
  invalidAttrs,
  notice,
  orgLayout,
  pager,
  paginate,
  pageNumber,
  queryValue,
  selectOptions,
  type FieldError,
} from './page-kit.js';

const DONE: Record<string, string> = { archived: 'Contact archived.', saved: 'Contact saved.' };
const STATUS_CHOICES = [
  { value: '', label: 'Active' },
  { value: 'ARCHIVED', label: 'Archived' },
  { value: 'ALL', label: 'Active and archived' },
];

async function showContact(req: Request, res: Response, found: StoredRecord, form?: { name: string; email: string; errors: FieldError[] }): Promise<void> {
  const page = pageOf(res);
  const c = toContactDetail(found.data);
  const self = `${page.base}/contacts/${c.id}`;
  const errors = form?.errors ?? [];
  const values = form ?? { name: c.name, email: c.email };
  res
    .status(errors.length > 0 ? 400 : 200)
    .type('html')
    .send(
      orgLayout(page, {
        title: c.name,
        area: 'contacts',
        body: html` <p><a href="${page.base}/contacts">All contacts</a></p>
          ${notice(DONE[queryValue(req.query, 'done')])}
          <dl class="grid">
            <div>
              <dt>Status</dt>
              <dd><strong>${c.status === 'ARCHIVED' ? 'Archived' : 'Active'}</strong></dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>${c.email || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>Person</dt>
              <dd>${`${c.firstName} ${c.lastName}`.trim() || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>Customer or supplier</dt>
              <dd>${c.roles || html`<span class="muted">Neither yet</span>`}</dd>
            </div>
            <div>
              <dt>Contact number</dt>
              <dd>${c.contactNumber || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>Account number</dt>
              <dd>${c.accountNumber || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>${c.phone || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>City</dt>
              <dd>${c.city || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>Last changed</dt>
              <dd>${c.updated === '' ? '' : displayDateTime(Date.parse(c.updated))}</dd>
            </div>
          </dl>
          ${c.status === 'ACTIVE' ? html`<div class="actions" aria-label="Actions">${actionButton(page, `${self}/archive`, 'Archive')}</div>` : ''}
          <section aria-labelledby="edit-contact">
            <h2 id="edit-contact">Edit name / email</h2>
            ${formErrors(errors)}
            <form method="post" action="${self}/edit" novalidate>
              ${csrfField(page)}
              <label for="contact-name">Contact name</label>
              <input
                type="text"
                id="contact-name"
                name="name"
                required
                maxlength="255"
                value="${values.name}"
                ${invalidAttrs(errors, 'contact-name')}
              />${fieldErrors(errors, 'contact-name')}
              <label for="contact-email">Email address</label>
              <input
                type="email"
                id="contact-email"
                name="email"
                maxlength="255"
                value="${values.email}"
                ${invalidAttrs(errors, 'contact-email')}
              />${fieldErrors(errors, 'contact-email')}
              <button type="submit">Save contact</button>
            </form>
          </section>
          <h2>History and notes</h2>
          ${historyTable(await listHistory(page.store, 'Contacts', found.id))}`,
      }),
    );
}

export function mountContactPages(router: Router): void {
  router.get('/contacts', async (req, res) => {
    const page = pageOf(res);
    const path = `${page.base}/contacts`;
    const status = queryValue(req.query, 'status');
    const search = queryValue(req.query, 'search').trim();
    const term = search.toLowerCase();
    const all = (await page.store.list('Contacts')).map((r) => toContactRow(r.data));
    const shown = all
      .filter(
        (c) =>
          (status === 'ALL' || (status === 'ARCHIVED' ? c.status === 'ARCHIVED' : c.status !== 'ARCHIVED')) &&
          (term === '' || c.name.toLowerCase().includes(term) || c.email.toLowerCase().includes(term)),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    const rows = paginate(shown, pageNumber(req.query));
    res.type('html').send(
      orgLayout(page, {
        title: 'Contacts',
        area: 'contacts',
        body: html` <form method="get" action="${path}" class="filters" role="search">
            <div>
              <label for="filter-search">Search</label><input type="search" id="filter-search" name="search" value="${search}" placeholder="Name or email" />
            </div>
            <div>
              <label for="filter-status">Show</label
              ><select id="filter-status" name="status">
                ${selectOptions(STATUS_CHOICES, status)}
              </select>
            </div>
            <div><button type="submit">Filter</button></div>
          </form>
          ${
            rows.total === 0
              ? html`<p>${all.length === 0 ? 'No contacts yet.' : 'No contacts match these filters.'}</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Customer or supplier</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.items.map(
                      (c) =>
                        html`<tr>
                          <td><a href="${path}/${c.id}">${c.name}</a></td>
                          <td>${c.email}</td>
                          <td>${c.roles}</td>
                          <td>${c.status === 'ARCHIVED' ? 'Archived' : 'Active'}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
          ${pager(path, { search, status }, rows, 'contacts')}`,
      }),
    );
  });

  const load = (req: Request, res: Response) => loadRecord(req, res, 'Contacts', 'This organisation has no such contact.');

  router.get('/contacts/:id', async (req, res) => {
    const found = await load(req, res);
    if (found) await showContact(req, res, found);
  });

  router.post('/contacts/:id/archive', async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const page = pageOf(res);
    const outcome = await page.perform((store, ctx) => archiveContact(store, found.id, ctx));
    if (outcome.ok) return res.redirect(303, `${page.base}/contacts/${found.id}?done=archived`);
    const c = toContactRow(found.data);
    await showContact(req, res, found, { name: c.name, email: c.email, errors: outcome.errors.map((message) => ({ message })) });
  });

  router.post('/contacts/:id/edit', async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const page = pageOf(res);
    const name = (formField(req.body, 'name') ?? '').trim();
    const email = (formField(req.body, 'email') ?? '').trim();
    const errors: FieldError[] = [];
    if (name === '') errors.push({ field: 'contact-name', message: 'Enter the contact name.' });
    else if (name.length > 255) errors.push({ field: 'contact-name', message: 'Keep the name to 255 characters or fewer.' });
    if (email.length > 255) errors.push({ field: 'contact-email', message: 'Keep the email address to 255 characters or fewer.' });
    if (errors.length > 0) return showContact(req, res, found, { name, email, errors });
    const outcome = await page.perform((store, ctx) => editContactNameAndEmail(store, found.id, { name, email }, ctx));
    if (outcome.ok) return res.redirect(303, `${page.base}/contacts/${found.id}?done=saved`);
    const fieldOf = (m: string) => (/email/i.test(m) ? 'contact-email' : /name/i.test(m) ? 'contact-name' : undefined);
    await showContact(req, res, found, { name, email, errors: outcome.errors.map((message) => ({ field: fieldOf(message), message })) });
  });
}
