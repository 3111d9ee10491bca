/**
 * The pages every document kind has, under its `basePath`: list, new/edit with the no-JS line editor,
 * record page, status changes, delete with a confirmation page. Routes stay thin: parse, call the
 * kind's service, render its templates (`views/<kind.views>/list|form|show.ejs`, and the shared
 * `views/documents/delete.ejs`) or redirect. A kind's extra routes live in its own folder.
 */
import { Router, type Request, type Response } from 'express';
import type { Choice } from '../common/choice.js';
import { ValidationError } from '../common/errors.js';
import { addressLines, contactFilterChoices, contactService } from '../contacts/index.js';
import { documentPdf } from './document-pdf.js';
import { documentTotals } from './totals.js';
import { flash } from '../http/flash.js';
import type { FormValues } from '../http/form-input.js';
import { idParam } from '../http/params.js';
import { requestContext, type RequestContext } from '../http/request-context.js';
import { readDocumentForm, type DocumentForm } from './document-form.js';
import type { DocumentKind } from './document-kind.js';
import { parseDocumentListQuery, type DocumentListFilter, type DocumentListQuery } from './document-list.js';
import { buildFormView, lookupsFor } from './document-page.js';
import type { DocumentService, StoredDocument } from './document-service.js';
import type { DocumentHeaderBase } from './document-validation.js';
import { applyLineAction } from './line-form.js';
import type { LineLabels, LineLookupsLoader } from './line-lookups.js';
import { loadLineLabels } from './load-line-lookups.js';
import { renderPanels, type PagePanel } from './page-panels.js';

export interface DocumentRoutesSpec<D extends StoredDocument, H extends DocumentHeaderBase, S> {
  kind: DocumentKind;
  service(ctx: RequestContext, lookups: LineLookupsLoader): DocumentService<D, H, S>;
  statuses: readonly D['status'][];
  /** The kind's own header fields a form submits, beyond the shared ones. */
  formFields: readonly string[];
  /** Query parameters a "New …" link may preset (e.g. `?contactId=`). */
  presetFields: readonly string[];
  /** The kind's own list filters (the same ones its store spec applies): parsed from the query and kept in the list's links. */
  listFilters?: readonly DocumentListFilter[];
  listView(result: { rows: S[]; total: number }, query: DocumentListQuery, contacts: Choice[]): unknown;
  pageView(doc: D, labels: LineLabels): unknown;
  /** The name the record page's template reads its view under ('quote'). */
  pageLocal: string;
  /**
   * Other capabilities' parts of the record page, called with the loaded record (never for an id that
   * is not this organisation's); the page renders them with views/documents/page-panels.ejs.
   */
  pagePanels?: readonly PagePanel<D>[];
  /** More for the form template, e.g. the project dropdown. */
  formLocals?(ctx: RequestContext, values: FormValues): Promise<Record<string, unknown>>;
  /**
   * A PDF of the record to send to the customer (GET <base>/:id/pdf): its heading ('Quote') and the
   * dates it shows beside the number. Kinds without it have no PDF route.
   */
  pdf?: { heading: string; facts(doc: D): [string, string][] };
  /**
   * Status changes that undo work (cancelling an order) and so ask first: GET <base>/:id/status?to=<status>
   * is a confirmation page whose button posts the change. `action` is the button's words ('Cancel order').
   */
  confirmStatuses?: Partial<Record<D['status'], { action: string; explanation: string }>>;
}

interface FormPage {
  title: string;
  formAction: string;
  cancelHref: string;
  suggestedNumber: string;
}

export function documentRoutes<D extends StoredDocument, H extends DocumentHeaderBase, S>(spec: DocumentRoutesSpec<D, H, S>): Router {
  const { kind } = spec;
  const { basePath: base, messages } = kind;
  const router = Router();
  /** The posted status when it is one of the kind's. */
  const postedStatus = (body: unknown): D['status'] | undefined => {
    const wanted = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).status : undefined;
    return spec.statuses.find((s) => s === wanted);
  };

  function serviceFor(res: Response) {
    const ctx = requestContext(res);
    return { ctx, service: spec.service(ctx, lookupsFor(ctx, kind)) };
  }

  async function renderForm(
    ctx: RequestContext,
    res: Response,
    status: number,
    page: FormPage,
    input: Pick<DocumentForm, 'values' | 'drafts'>,
    error?: ValidationError,
  ) {
    const [form, more] = await Promise.all([buildFormView(ctx, kind, input.values, input.drafts, error), spec.formLocals?.(ctx, input.values) ?? {}]);
    res.status(status).render(`${kind.views}/form`, { ...page, form, ...more });
  }

  /** Add/remove line and the "Find …" buttons re-render with what was typed; save validates and writes, or re-renders with messages. */
  async function handleForm(req: Request, res: Response, page: FormPage, save: (input: DocumentForm) => Promise<string>) {
    const { ctx } = serviceFor(res);
    const input = readDocumentForm(req.body, spec.formFields);
    if (input.action.kind !== 'save') return renderForm(ctx, res, 200, page, { values: input.values, drafts: applyLineAction(input.drafts, input.action) });
    try {
      const id = await save(input);
      flash(req, 'success', `${messages.title} saved.`);
      res.redirect(303, `${base}/${id}`);
    } catch (error) {
      if (error instanceof ValidationError) return renderForm(ctx, res, 422, page, input, error);
      throw error;
    }
  }

  const editPage = (doc: D): FormPage => ({
    title: `Edit ${messages.noun} ${doc.number}`,
    formAction: `${base}/${doc.id}/edit`,
    cancelHref: `${base}/${doc.id}`,
    suggestedNumber: '',
  });

  router.get(base, async (req, res) => {
    const { ctx, service } = serviceFor(res);
    const query = parseDocumentListQuery(req.query, spec.statuses, spec.listFilters);
    const [result, contacts] = await Promise.all([service.list(query), contactFilterChoices(ctx.tdb, query.contactId || null)]);
    res.render(`${kind.views}/list`, { title: messages.plural, list: spec.listView(result, query, contacts.choices) });
  });

  router.get(`${base}/new`, async (req, res) => {
    const { ctx, service } = serviceFor(res);
    const preset: FormValues = {};
    for (const field of spec.presetFields) preset[field] = typeof req.query[field] === 'string' ? req.query[field].slice(0, 36) : '';
    const blank = await service.newForm(ctx.organisation.baseCurrency ?? 'AUD', preset);
    await renderForm(
      ctx,
      res,
      200,
      { title: `New ${messages.noun}`, formAction: `${base}/new`, cancelHref: base, suggestedNumber: blank.suggestedNumber },
      blank,
    );
  });

  router.post(`${base}/new`, async (req, res) => {
    const { ctx, service } = serviceFor(res);
    // The "Leave blank for QU-0001" hint stays after Add line, Remove line and Find.
    const { suggestedNumber } = await service.newForm(ctx.organisation.baseCurrency ?? 'AUD', {});
    await handleForm(req, res, { title: `New ${messages.noun}`, formAction: `${base}/new`, cancelHref: base, suggestedNumber }, (input) =>
      service.create(input),
    );
  });

  router.get(`${base}/:id`, async (req, res) => {
    const { ctx, service } = serviceFor(res);
    const doc = await service.get(idParam(req, messages.noun));
    const [labels, panels] = await Promise.all([loadLineLabels(ctx.tdb, doc.lines), renderPanels(spec.pagePanels ?? [], ctx, doc)]);
    res.render(`${kind.views}/show`, { title: `${messages.title} ${doc.number}`, [spec.pageLocal]: spec.pageView(doc, labels), panels });
  });

  const pdf = spec.pdf;
  if (pdf) {
    router.get(`${base}/:id/pdf`, async (req, res) => {
      const { ctx, service } = serviceFor(res);
      const doc = await service.get(idParam(req, messages.noun));
      const [lookups, contact] = await Promise.all([lookupsFor(ctx, kind)(), contactService(ctx.tdb).get(doc.contactId)]);
      const totals = documentTotals(doc.lines, doc.lineAmountTypes);
      const bytes = await documentPdf({
        heading: pdf.heading,
        number: doc.number,
        facts: pdf.facts(doc),
        from: { name: ctx.organisation.name, address: [] },
        to: { name: contact.name, address: addressLines(contact.postalAddress), taxNumber: contact.taxNumber },
        currency: doc.currency,
        lines: doc.lines,
        amounts: { lineAmountTypes: doc.lineAmountTypes, subTotal: totals.subTotal, totalTax: totals.totalTax, total: totals.total },
        taxLabels: new Map(lookups.taxRates.map((r) => [r.taxType, r.label])),
        notes: doc.notes,
      });
      const fileName = `${doc.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
      res.type('application/pdf').set('Content-Disposition', `inline; filename="${fileName}"`).send(bytes);
    });
  }

  router.get(`${base}/:id/edit`, async (req, res) => {
    const { ctx, service } = serviceFor(res);
    const { doc, values, drafts } = await service.editForm(idParam(req, messages.noun));
    await renderForm(ctx, res, 200, editPage(doc), { values, drafts });
  });

  router.post(`${base}/:id/edit`, async (req, res) => {
    const { service } = serviceFor(res);
    const doc = await service.get(idParam(req, messages.noun));
    await handleForm(req, res, editPage(doc), async (input) => {
      await service.update(doc.id, input);
      return doc.id;
    });
  });

  router.post(`${base}/:id/status`, async (req, res) => {
    const { service } = serviceFor(res);
    const status = postedStatus(req.body);
    if (status === undefined) throw new ValidationError('Choose a valid status.', { status: 'Choose a valid status.' });
    const doc = await service.setStatus(idParam(req, messages.noun), status);
    flash(req, 'success', `${messages.title} ${doc.number} is now ${status}.`);
    res.redirect(303, `${base}/${doc.id}`);
  });

  const confirmStatuses = spec.confirmStatuses;
  if (confirmStatuses) {
    router.get(`${base}/:id/status`, async (req, res) => {
      const { service } = serviceFor(res);
      const doc = await service.get(idParam(req, messages.noun));
      const to = spec.statuses.find((s) => s === req.query.to);
      const confirm = to === undefined ? undefined : confirmStatuses[to];
      if (to === undefined || !confirm) {
        res.redirect(303, `${base}/${doc.id}`);
        return;
      }
      res.render('documents/confirm-status', {
        title: `${confirm.action}: ${messages.noun} ${doc.number}`,
        confirm: { ...confirm, status: to, number: doc.number, contactName: doc.contactName, noun: messages.noun },
        href: `${base}/${doc.id}`,
        action: `${base}/${doc.id}/status`,
      });
    });
  }

  router.get(`${base}/:id/delete`, async (req, res) => {
    const { service } = serviceFor(res);
    const doc = await service.get(idParam(req, messages.noun));
    res.render('documents/delete', {
      title: `Delete ${messages.noun} ${doc.number}`,
      messages,
      doc: { number: doc.number, contactName: doc.contactName, href: `${base}/${doc.id}`, deleteAction: `${base}/${doc.id}/delete` },
    });
  });

  router.post(`${base}/:id/delete`, async (req, res) => {
    const { service } = serviceFor(res);
    const doc = await service.remove(idParam(req, messages.noun));
    flash(req, 'success', `${messages.title} ${doc.number} deleted.`);
    res.redirect(303, base);
  });

  return router;
}
