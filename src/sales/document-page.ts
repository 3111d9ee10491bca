/**
 * Per-request helpers for document routes: the organisation's lookups and the form view-model with
 * contact choices, so quote and sales order routes stay short.
 */
import type { RequestContext } from '../tenants/request-context.js';
import { ValidationError } from '../common/errors.js';
import { contactChoices } from './contact-choices.js';
import { documentFormView, type DocumentFormView } from './document-form-view-model.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import type { LineDraft } from './lines.js';
import { loadSalesLookups } from './load-sales-lookups.js';
import { productChoices } from './product-choices.js';
import type { SalesLookups, SalesLookupsLoader } from './sales-lookups.js';

/** Loads the lookups once per request; products a form refers to are always among them. */
export function lookupsFor(ctx: RequestContext): SalesLookupsLoader {
  const cache = new Map<string, Promise<SalesLookups>>();
  return (productIds = [], productSearch = '') => {
    const ids = [...new Set(productIds.filter(Boolean))].sort();
    const key = `${ids.join(',')}|${productSearch}`;
    let loaded = cache.get(key);
    if (!loaded) cache.set(key, (loaded = loadSalesLookups(ctx.tdb, ctx.organisation.baseCurrency, productChoices, ids, productSearch)));
    return loaded;
  };
}

export async function buildFormView(ctx: RequestContext, values: FormValues, drafts: LineDraft[], error?: ValidationError): Promise<DocumentFormView> {
  const [lookups, contacts] = await Promise.all([lookupsFor(ctx)(drafts.map((d) => d.productId), values.productSearch ?? ''), contactChoices(ctx.tdb, values.contactId || null, values.contactSearch ?? '')]);
  const errors: FieldErrors = error?.fieldErrors ?? {};
  return documentFormView({ values, drafts, lookups, contacts, errors, formError: error ? error.message : null });
}
