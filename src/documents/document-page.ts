/**
 * Per-request helpers for document routes: the organisation's lookups on the kind's side of the ledger
 * and the form view-model with contact choices.
 */
import type { RequestContext } from '../http/request-context.js';
import { ValidationError } from '../common/errors.js';
import { contactChoices, supplierChoices } from '../contacts/index.js';
import { productChoices } from '../products/index.js';
import type { DocumentKind } from './document-kind.js';
import { documentFormView, type DocumentFormView } from './document-form-view-model.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import type { LineDraft } from './lines.js';
import { loadLineLookups } from './load-line-lookups.js';
import type { LineLookups, LineLookupsLoader } from './line-lookups.js';

/** Loads the lookups once per request; products a form refers to are always among them. */
export function lookupsFor(ctx: RequestContext, kind: Pick<DocumentKind, 'ledgerSide'>): LineLookupsLoader {
  const cache = new Map<string, Promise<LineLookups>>();
  return (productIds = [], productSearch = '') => {
    const ids = [...new Set(productIds.filter(Boolean))].sort();
    const key = `${ids.join(',')}|${productSearch}`;
    let loaded = cache.get(key);
    if (!loaded) cache.set(key, (loaded = loadLineLookups(ctx.tdb, kind.ledgerSide, ctx.organisation.baseCurrency, productChoices, ids, productSearch)));
    return loaded;
  };
}

export async function buildFormView(
  ctx: RequestContext,
  kind: Pick<DocumentKind, 'ledgerSide' | 'counterparty'>,
  values: FormValues,
  drafts: LineDraft[],
  error?: ValidationError,
): Promise<DocumentFormView> {
  const [lookups, contacts] = await Promise.all([
    lookupsFor(ctx, kind)(
      drafts.map((d) => d.productId),
      values.productSearch ?? '',
    ),
    (kind.counterparty === 'supplier' ? supplierChoices : contactChoices)(ctx.tdb, values.contactId || null, values.contactSearch ?? ''),
  ]);
  const errors: FieldErrors = error?.fieldErrors ?? {};
  return documentFormView({ values, drafts, lookups, contacts, counterparty: kind.counterparty, errors, formError: error ? error.message : null });
}
