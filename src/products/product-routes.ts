/** Product pages: list, record, new/edit forms, archive (confirm page works without JS). */
import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../common/errors.js';
import { parseListQuery } from '../common/list-query.js';
import { flash } from '../http/flash.js';
import { requestContext } from '../http/request-context.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import { idParam } from '../http/params.js';
import { PRODUCT_SORTS, type ProductFilters, type ProductSort } from './product.js';
import { parseProductForm } from './product-schema.js';
import { productService } from './product-service.js';
import { newProductValues, productFormValues, productFormView, productListView, productRecordView } from './product-view-model.js';

function listFilters(raw: Record<string, unknown>): Omit<ProductFilters, 'q'> {
  return {
    supplierId: typeof raw.supplier === 'string' && raw.supplier.length > 0 && raw.supplier.length <= 36 ? raw.supplier : null,
    archived: raw.archived === 'archived' || raw.archived === 'all' ? raw.archived : 'active',
  };
}

async function renderForm(res: Response, mode: 'new' | 'edit', values: FormValues, errors: FieldErrors, id?: string): Promise<void> {
  const service = productService(requestContext(res).tdb);
  const current = id ? await service.get(id) : undefined;
  const options = await service.formOptions(current, {
    supplierId: values.default_supplier_id ?? current?.defaultSupplierId ?? '',
    supplierSearch: values.supplier_search ?? '',
  });
  const view = productFormView({ mode, ...(id ? { id } : {}), values, errors, options, currency: requestContext(res).organisation.baseCurrency });
  res.status(view.errorCount ? 422 : 200).render('products/form', { title: view.title, form: view });
}

async function save(req: Request, res: Response, mode: 'new' | 'edit', id?: string): Promise<void> {
  const service = productService(requestContext(res).tdb);
  if (id) await service.get(id); // another organisation's id: 404 before anything else
  const parsed = parseProductForm(req.body);
  // "Find supplier" re-renders the form with the matching suppliers; nothing is written.
  if (typeof req.body === 'object' && req.body !== null && (req.body as Record<string, unknown>).action === 'find-supplier')
    return renderForm(res, mode, parsed.values, {}, id);
  if (!parsed.ok) {
    const codeError = parsed.fieldErrors.code ? null : await service.codeError(parsed.values.code ?? '', id);
    return renderForm(res, mode, parsed.values, codeError ? { ...parsed.fieldErrors, code: codeError } : parsed.fieldErrors, id);
  }
  try {
    const savedId = id ?? (await service.create(parsed.input));
    if (id) await service.update(id, parsed.input);
    flash(req, 'success', `Saved ${parsed.input.name}.`);
    res.redirect(303, `/products/${savedId}`);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(res, mode, parsed.values, error.fieldErrors, id);
    throw error;
  }
}

export function productRoutes(): Router {
  const router = Router();

  router.get('/products', async (req, res) => {
    const query = parseListQuery<ProductSort>(req.query, { sorts: PRODUCT_SORTS, defaultSort: 'code' });
    const filters: ProductFilters = { ...listFilters(req.query), q: query.q };
    const service = productService(requestContext(res).tdb);
    const [page, suppliers] = await Promise.all([service.list({ ...filters, ...query }), service.supplierFilterOptions(filters.supplierId ?? null)]);
    res.render('products/list', { title: 'Products', list: productListView(page, query, filters, suppliers, requestContext(res).organisation.baseCurrency) });
  });

  router.get('/products/new', async (_req, res) => {
    const defaults = await productService(requestContext(res).tdb).newProductDefaults();
    await renderForm(res, 'new', newProductValues(defaults), {});
  });
  router.post('/products', (req, res) => save(req, res, 'new'));

  router.get('/products/:id', async (req, res) => {
    const record = await productService(requestContext(res).tdb).record(idParam(req, 'product'));
    res.render('products/show', { title: record.product.name, product: productRecordView(record) });
  });

  router.get('/products/:id/edit', async (req, res) => {
    const product = await productService(requestContext(res).tdb).get(idParam(req, 'product'));
    await renderForm(res, 'edit', productFormValues(product), {}, product.id);
  });
  router.post('/products/:id', (req, res) => save(req, res, 'edit', idParam(req, 'product')));

  router.get('/products/:id/archive', async (req, res) => {
    const p = await productService(requestContext(res).tdb).get(idParam(req, 'product'));
    res.render('products/archive', { title: `Archive ${p.name}`, product: { id: p.id, name: p.name, archived: p.archivedAt !== null } });
  });

  router.post('/products/:id/archive', async (req, res) => {
    const p = await productService(requestContext(res).tdb).archive(idParam(req, 'product'));
    flash(req, 'success', `Archived ${p.name}. It no longer appears in the list or on new lines; you can restore it from its page.`);
    res.redirect(303, `/products/${p.id}`);
  });

  router.post('/products/:id/unarchive', async (req, res) => {
    const p = await productService(requestContext(res).tdb).unarchive(idParam(req, 'product'));
    flash(req, 'success', `Restored ${p.name}.`);
    res.redirect(303, `/products/${p.id}`);
  });

  return router;
}
