/** Contact pages: list, record (with its notes timeline), new/edit forms, archive (with a confirm page that works without JS). */
import { Router, type Request, type Response } from 'express';
import { ConflictError, ValidationError } from '../common/errors.js';
import { parseListQuery } from '../common/list-query.js';
import { flash } from '../http/flash.js';
import { requestContext } from '../http/request-context.js';
import { CONTACT_SORTS, type ContactFilters, type ContactSort } from './contact.js';
import { parseContactForm } from './contact-schema.js';
import { contactService, type LoadedContact } from './contact-service.js';
import { contactFormValues, contactFormView, contactListView, contactRecordView, newContactValues } from './contact-view-model.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import { idParam } from '../http/params.js';
import { contactSections, type ContactContribution } from './contact-contributions.js';
import { renderRecordPanels, type RecordPanel } from '../http/record-panels.js';
import { displayName } from '../common/tenancy.js';
import { contactNotesService, parseNoteForm } from './contact-notes-service.js';
import { notesPageOf, notesTimelineView } from './contact-notes-view-model.js';

/** The list's search and filters from a query (also what a bulk send's "Select all N matching" selects). */
export function contactListFilters(raw: Record<string, unknown>): ContactFilters {
  return {
    q: '',
    role: raw.role === 'customer' || raw.role === 'supplier' ? raw.role : null,
    kind: raw.kind === 'company' || raw.kind === 'person' ? raw.kind : null,
    archived: raw.archived === 'archived' || raw.archived === 'all' ? raw.archived : 'active',
    xero: raw.xero === 'in' || raw.xero === 'not' || raw.xero === 'changed' ? raw.xero : null,
  };
}

function isFindCompany(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).action === 'find-company';
}

async function renderForm(res: Response, mode: 'new' | 'edit', values: FormValues, errors: FieldErrors, id?: string): Promise<void> {
  const service = contactService(requestContext(res).tdb);
  const current = id ? await service.get(id) : undefined;
  const options = await service.formOptions(current, { companyId: values.company_id ?? current?.companyId ?? '', companySearch: values.company_search ?? '' });
  const view = contactFormView({ mode, ...(id ? { id } : {}), values, errors, options });
  res.status(view.errorCount ? 422 : 200).render('contacts/form', { title: view.title, form: view });
}

/** Saves the form, or re-renders it with the user's input and a message next to each bad field. */
async function save(req: Request, res: Response, mode: 'new' | 'edit', id?: string): Promise<void> {
  const service = contactService(requestContext(res).tdb);
  if (id) await service.get(id); // another organisation's id: 404 before anything else
  const parsed = parseContactForm(req.body);
  // "Find company" re-renders the form with the matching companies; nothing is written.
  if (isFindCompany(req.body)) return renderForm(res, mode, parsed.values, {}, id);
  if (!parsed.ok) {
    const nameError = parsed.fieldErrors.name ? null : await service.nameError(parsed.values.name ?? '', id);
    return renderForm(res, mode, parsed.values, nameError ? { ...parsed.fieldErrors, name: nameError } : parsed.fieldErrors, id);
  }
  try {
    const savedId = id ?? (await service.create(parsed.input));
    if (id) await service.update(id, parsed.input);
    flash(req, 'success', `Saved ${parsed.input.name}.`);
    res.redirect(303, `/contacts/${savedId}`);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(res, mode, parsed.values, error.fieldErrors, id);
    throw error;
  }
}

export interface ContactRouteDeps {
  /** What the contact's page lists inline (quotes, orders, projects…), wired in app.ts. */
  contributions?: readonly ContactContribution[];
  /** Other capabilities' parts of the contact's page, at its end (its History), wired in app.ts. */
  pagePanels?: readonly RecordPanel<LoadedContact>[];
}

export function contactRoutes(deps: ContactRouteDeps = {}): Router {
  const router = Router();

  router.get('/contacts', async (req, res) => {
    const query = parseListQuery<ContactSort>(req.query, { sorts: CONTACT_SORTS, defaultSort: 'name' });
    const filters = { ...contactListFilters(req.query), q: query.q };
    const page = await contactService(requestContext(res).tdb).list({ ...filters, ...query });
    res.render('contacts/list', { title: 'Contacts', list: contactListView(page, query, filters) });
  });

  router.get('/contacts/new', (req, res) => renderForm(res, 'new', newContactValues(req.query), {}));
  router.post('/contacts', (req, res) => save(req, res, 'new'));

  /** The contact's page; after a refused note, with the typed note and its message (422). */
  async function showContact(req: Request, res: Response, noteForm?: { value: string; error: string }): Promise<void> {
    const ctx = requestContext(res);
    const { tdb } = ctx;
    const record = await contactService(tdb).record(idParam(req, 'contact'));
    const { contact: c, ...loaded } = record;
    const ref = { id: c.id, isCustomer: c.isCustomer, isSupplier: c.isSupplier, archived: c.archivedAt !== null };
    const [sections, timeline, recordPanels] = await Promise.all([
      contactSections(tdb, deps.contributions ?? [], ref),
      contactNotesService(tdb).timeline(c.id, noteForm ? 1 : notesPageOf(req.query.notes)),
      renderRecordPanels(deps.pagePanels ?? [], ctx, { ...c, loaded }),
    ]);
    res.status(noteForm ? 422 : 200).render('contacts/show', {
      title: c.name,
      contact: contactRecordView(record),
      sections,
      notes: notesTimelineView(c.id, timeline, noteForm),
      recordPanels,
    });
  }

  router.get('/contacts/:id', (req, res) => showContact(req, res));

  router.post('/contacts/:id/notes', async (req, res) => {
    const ctx = requestContext(res);
    const parsed = parseNoteForm(req.body);
    if (!parsed.ok) return showContact(req, res, { value: parsed.values.note ?? '', error: parsed.fieldErrors.note ?? 'Write the note.' });
    await contactNotesService(ctx.tdb).add(idParam(req, 'contact'), parsed.input.note, { id: ctx.user.id, name: displayName(ctx.user) });
    flash(req, 'success', 'Note added.');
    res.redirect(303, `/contacts/${idParam(req, 'contact')}#notes`);
  });

  router.get('/contacts/:id/edit', async (req, res) => {
    const contact = await contactService(requestContext(res).tdb).get(idParam(req, 'contact'));
    await renderForm(res, 'edit', contactFormValues(contact), {}, contact.id);
  });
  router.post('/contacts/:id', (req, res) => save(req, res, 'edit', idParam(req, 'contact')));

  router.get('/contacts/:id/archive', async (req, res) => {
    const contact = await contactService(requestContext(res).tdb).get(idParam(req, 'contact'));
    res.render('contacts/archive', {
      title: `Archive ${contact.name}`,
      contact: { id: contact.id, name: contact.name, archived: contact.archivedAt !== null },
    });
  });

  router.post('/contacts/:id/archive', async (req, res) => {
    const contact = await contactService(requestContext(res).tdb).archive(idParam(req, 'contact'));
    flash(req, 'success', `Archived ${contact.name}. It no longer appears in lists or dropdowns; you can restore it from its page.`);
    res.redirect(303, `/contacts/${contact.id}`);
  });

  router.post('/contacts/:id/unarchive', async (req, res) => {
    try {
      const contact = await contactService(requestContext(res).tdb).unarchive(idParam(req, 'contact'));
      flash(req, 'success', `Restored ${contact.name}.`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/contacts/${idParam(req, 'contact')}`);
  });

  return router;
}
