/**
 * Xero's items (one unpaged list) into CRM products, inside the caller's transaction. Upsert by ItemID;
 * an unlinked product with the item's code (codes are unique in Xero and per organisation here) is
 * linked rather than duplicated. Xero owns the item fields; the default supplier and the archive state
 * stay as people set them in Ledgerside (Xero items are deleted, never archived).
 */
import type { Item as XeroItem } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { productRepository, type Product, type ProductInput } from '../products/index.js';
import { pageTally, type ImportPageDeps } from './page-tally.js';
import { productLinksRepository } from './product-links-repository.js';
import { mapXeroItem } from './xero-item-mapper.js';
import { textOf } from './xero-contact-mapper.js';
import type { ImportedItem, Outcome, PageResult } from './xero-import.js';

function inputOf(item: ImportedItem, defaultSupplierId: string | null): ProductInput {
  return {
    code: item.code,
    name: item.name,
    description: item.description,
    salePrice: item.salePrice,
    costPrice: item.costPrice,
    salesAccountCode: item.salesAccountCode,
    purchasesAccountCode: item.purchasesAccountCode,
    salesTaxType: item.salesTaxType,
    purchasesTaxType: item.purchasesTaxType,
    defaultSupplierId,
  };
}

function sameInput(p: Product, input: ProductInput): boolean {
  const current: ProductInput = {
    code: p.code,
    name: p.name,
    description: p.description,
    salePrice: p.salePrice,
    costPrice: p.costPrice,
    salesAccountCode: p.salesAccountCode,
    purchasesAccountCode: p.purchasesAccountCode,
    salesTaxType: p.salesTaxType,
    purchasesTaxType: p.purchasesTaxType,
    defaultSupplierId: p.defaultSupplierId,
  };
  return JSON.stringify(current) === JSON.stringify(input);
}

export async function importItemsPage(tdb: TenantDb, xeroItems: XeroItem[], deps: ImportPageDeps): Promise<PageResult> {
  const products = productRepository(tdb);
  const links = productLinksRepository(tdb);
  const { now } = deps;
  const mapped = xeroItems.map(mapXeroItem);
  const linked = await links.byXeroIds(mapped.flatMap((m) => (m.ok ? [m.value.xeroItemId] : [])));
  const tally = pageTally();

  async function updateFrom(existing: Product, item: ImportedItem): Promise<Outcome> {
    const input = inputOf(item, existing.defaultSupplierId);
    const holder = existing.code.toLowerCase() === item.code.toLowerCase() ? null : await links.byCode(item.code);
    if (holder && holder.id !== existing.id) return tally.skip(item.xeroItemId, item.code, 'Another product in Ledgerside already has this code.');
    const needsLink = existing.xeroItemId !== item.xeroItemId;
    const same = sameInput(existing, input);
    if (same && !needsLink) return 'unchanged';
    if (!same) await products.update(existing.id, input, now);
    if (needsLink) await links.link(existing.id, item.xeroItemId, now);
    return 'updated';
  }

  async function importOne(item: ImportedItem): Promise<Outcome> {
    const existing = linked.get(item.xeroItemId);
    if (existing) return updateFrom(existing, item);
    const sameCode = await links.byCode(item.code);
    if (sameCode && sameCode.xeroItemId === null) return updateFrom(sameCode, item);
    if (sameCode) return tally.skip(item.xeroItemId, item.code, 'The Ledgerside product with this code is linked to a different Xero item.');
    const id = deps.newId();
    await products.insert(id, inputOf(item, null), now);
    await links.link(id, item.xeroItemId, now);
    return 'created';
  }

  for (const [i, m] of mapped.entries()) {
    const raw = xeroItems[i];
    tally.add(m.ok ? await importOne(m.value) : tally.skip(textOf(raw?.itemID, 36), textOf(raw?.code ?? raw?.name, 255), m.reason));
  }
  return tally.result();
}
