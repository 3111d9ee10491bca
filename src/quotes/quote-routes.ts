/** Quote pages: list, new/edit with the no-JS line editor, record page, status changes, delete. */
import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../common/errors.js';
import { flash } from '../http/flash.js';
import { requestContext, requireOrganisation } from '../tenants/request-context.js';
import { contactFilterChoices } from '../sales/contact-choices.js';
import { parseDocumentListQuery } from '../sales/document-list.js';
import { buildFormView, lookupsFor } from '../sales/document-page.js';
import { applyLineAction } from '../sales/line-form.js';
import { QUOTE_STATUSES } from './quote.js';
import { quoteService } from './quote-service.js';
import { quoteStatusSchema, readQuoteForm, type QuoteForm } from './quote-schema.js';
import { quoteListView, quotePageView } from './quote-view-model.js';

function serviceFor(res: Response) {
  const ctx = requestContext(res);
  return { ctx, quotes: quoteService({ tdb: ctx.tdb, lookups: lookupsFor(ctx) }) };
}

const idOf = (req: Request): string => String(req.params.id);

interface FormPage {
  title: string;
  formAction: string;
  cancelHref: string;
}

/** Add/remove line re-render with what was typed; save validates and writes, or re-renders with messages. */
async function handleForm(req: Request, res: Response, page: FormPage, save: (input: QuoteForm) => Promise<string>) {
  const ctx = requestContext(res);
  const input = readQuoteForm(req.body);
  const render = async (status: number, drafts: QuoteForm['drafts'], error?: ValidationError) =>
    res.status(status).render('quotes/form', { ...page, form: await buildFormView(ctx, input.values, drafts, error), suggestedNumber: '' });
  if (input.action.kind !== 'save') return render(200, applyLineAction(input.drafts, input.action));
  try {
    const id = await save(input);
    flash(req, 'success', 'Quote saved.');
    res.redirect(303, `/quotes/${id}`);
  } catch (error) {
    if (error instanceof ValidationError) return render(422, input.drafts, error);
    throw error;
  }
}

export function quoteRoutes(): Router {
  const router = Router();

  router.get('/quotes', requireOrganisation, async (req, res) => {
    const { ctx, quotes } = serviceFor(res);
    const query = parseDocumentListQuery(req.query, QUOTE_STATUSES);
    const [result, contacts] = await Promise.all([quotes.list(query), contactFilterChoices(ctx.tdb, query.contactId || null)]);
    res.render('quotes/list', { title: 'Quotes', list: quoteListView(result, query, contacts.choices) });
  });

  router.get('/quotes/new', requireOrganisation, async (req, res) => {
    const { ctx, quotes } = serviceFor(res);
    const contactId = typeof req.query.contactId === 'string' ? req.query.contactId.slice(0, 36) : '';
    const blank = await quotes.newForm(ctx.organisation.baseCurrency ?? 'AUD', contactId);
    const form = await buildFormView(ctx, blank.values, blank.drafts);
    res.render('quotes/form', { title: 'New quote', form, formAction: '/quotes/new', cancelHref: '/quotes', suggestedNumber: blank.suggestedNumber });
  });

  router.post('/quotes/new', requireOrganisation, async (req, res) => {
    const { quotes } = serviceFor(res);
    await handleForm(req, res, { title: 'New quote', formAction: '/quotes/new', cancelHref: '/quotes' }, (input) => quotes.create(input));
  });

  router.get('/quotes/:id', requireOrganisation, async (req, res) => {
    const { ctx, quotes } = serviceFor(res);
    const quote = await quotes.get(idOf(req));
    res.render('quotes/show', { title: `Quote ${quote.number}`, quote: quotePageView(quote, await lookupsFor(ctx)()) });
  });

  router.get('/quotes/:id/edit', requireOrganisation, async (req, res) => {
    const { ctx, quotes } = serviceFor(res);
    const { quote, values, drafts } = await quotes.editForm(idOf(req));
    const form = await buildFormView(ctx, values, drafts);
    res.render('quotes/form', { title: `Edit quote ${quote.number}`, form, formAction: `/quotes/${quote.id}/edit`, cancelHref: `/quotes/${quote.id}`, suggestedNumber: '' });
  });

  router.post('/quotes/:id/edit', requireOrganisation, async (req, res) => {
    const { quotes } = serviceFor(res);
    const quote = await quotes.get(idOf(req));
    const page = { title: `Edit quote ${quote.number}`, formAction: `/quotes/${quote.id}/edit`, cancelHref: `/quotes/${quote.id}` };
    await handleForm(req, res, page, async (input) => { await quotes.update(quote.id, input); return quote.id; });
  });

  router.post('/quotes/:id/status', requireOrganisation, async (req, res) => {
    const { quotes } = serviceFor(res);
    const parsed = quoteStatusSchema.safeParse(req.body);
    if (!parsed.success) throw new ValidationError('Choose a valid status.', { status: 'Choose a valid status.' });
    const quote = await quotes.setStatus(idOf(req), parsed.data.status);
    flash(req, 'success', `Quote ${quote.number} is now ${parsed.data.status}.`);
    res.redirect(303, `/quotes/${quote.id}`);
  });

  router.get('/quotes/:id/delete', requireOrganisation, async (req, res) => {
    const { quotes } = serviceFor(res);
    const quote = await quotes.get(idOf(req));
    res.render('quotes/delete', { title: `Delete quote ${quote.number}`, quote: { id: quote.id, number: quote.number, contactName: quote.contactName } });
  });

  router.post('/quotes/:id/delete', requireOrganisation, async (req, res) => {
    const { quotes } = serviceFor(res);
    const quote = await quotes.remove(idOf(req));
    flash(req, 'success', `Quote ${quote.number} deleted.`);
    res.redirect(303, '/quotes');
  });

  return router;
}
