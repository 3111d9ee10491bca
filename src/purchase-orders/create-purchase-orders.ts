/**
 * "Create purchase orders" on a sales order: one page lists the order's lines, each with a tick, a
 * supplier (default: the product's default supplier), a quantity (default: the order's) and a unit
 * cost (default: the product's cost price). Submitting makes one purchase order per supplier, all in
 * one transaction, each line remembering the sales order line it came from. Lines already on a live
 * purchase order are marked and start unticked (they can still be ticked on purpose).
 */
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { inputQuantity, inputUnitPrice, parseDecimal } from '../common/money.js';
import { todayIso } from '../common/dates.js';
import type { TenantDb } from '../db/tenant-db.js';
import { contactStanding } from '../contacts/index.js';
import { emptyLineDraft, lineFieldName, takeNextNumber, validateLines, type LineDraft, type LineLookupsLoader } from '../documents/index.js';
import type { FieldErrors } from '../http/form-input.js';
import { productPurchaseDefaults } from '../products/index.js';
import { salesOrderLineRows, salesOrderRepository, type SalesOrderLineRow } from '../sales-orders/index.js';
import { xeroDefaultsFor } from '../xero-settings/index.js';
import { orderedLinesOf } from './ordered-lines.js';
import { PURCHASE_ORDER_KIND } from './purchase-order-kind.js';
import { purchaseOrderRepository, type PurchaseOrderSource } from './purchase-order-repository.js';
import type { PurchaseOrderHeader } from './purchase-order.js';

/** One row of the page as typed (every field text, so a re-render shows what was typed). */
export interface OrderLineDraft {
  lineId: string;
  tick: boolean;
  supplierId: string;
  quantity: string;
  unitCost: string;
}

export interface CreateForm {
  rows: OrderLineDraft[];
  supplierSearch: string;
  action: 'save' | 'find-supplier';
}

const ROW_KEY = /^lines\[(\d{1,3})\]\[(lineId|tick|supplierId|quantity|unitCost)\]$/;

export function readCreateForm(body: unknown): CreateForm {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const rows = new Map<number, OrderLineDraft>();
  for (const [key, value] of Object.entries(source)) {
    const match = ROW_KEY.exec(key);
    if (!match?.[1] || !match[2]) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? { lineId: '', tick: false, supplierId: '', quantity: '', unitCost: '' };
    const text = typeof value === 'string' ? value : '';
    if (match[2] === 'tick') row.tick = text !== '';
    else row[match[2] as 'lineId' | 'supplierId' | 'quantity' | 'unitCost'] = text;
    rows.set(index, row);
  }
  const search = typeof source.supplierSearch === 'string' ? source.supplierSearch.slice(0, 200) : '';
  return {
    rows: [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r),
    supplierSearch: search,
    action: source.action === 'find-supplier' ? 'find-supplier' : 'save',
  };
}

/** A row's error key: `lines[i][field]`, shown under that input. */
export const rowField = (index: number, field: keyof OrderLineDraft | 'row'): string => `lines[${index}][${field}]`;

export interface CreatePageData {
  salesOrder: { id: string; number: string; contactName: string; currency: string; projectId: string | null };
  lines: (SalesOrderLineRow & { orderedOn: string[] })[];
  rows: OrderLineDraft[];
}

export interface CreatedPurchaseOrder {
  id: string;
  number: string;
  supplierName: string;
  lineCount: number;
}

export function createPurchaseOrders(deps: { tdb: TenantDb; lookups: LineLookupsLoader }) {
  const { tdb } = deps;

  async function load(salesOrderId: string) {
    const order = await salesOrderRepository(tdb).find(salesOrderId);
    if (!order) throw new NotFoundError('sales order');
    const lines = await salesOrderLineRows(tdb, order.id);
    const ordered = await orderedLinesOf(tdb, order.id, lines);
    return { order, lines: lines.map((l) => ({ ...l, orderedOn: ordered.get(l.id) ?? [] })) };
  }

  return {
    /** The page as first shown: every line with its defaults; lines already ordered unticked. */
    async blank(salesOrderId: string): Promise<CreatePageData> {
      const { order, lines } = await load(salesOrderId);
      const products = await productPurchaseDefaults(
        tdb,
        lines.flatMap((l) => (l.line.productId ? [l.line.productId] : [])),
      );
      const rows = lines.map((l): OrderLineDraft => {
        const product = l.line.productId ? products.get(l.line.productId) : undefined;
        return {
          lineId: l.id,
          tick: l.orderedOn.length === 0,
          supplierId: product?.defaultSupplierId ?? '',
          quantity: inputQuantity(l.line.quantity),
          unitCost: product?.costPrice != null ? inputUnitPrice(product.costPrice) : '',
        };
      });
      return { salesOrder: summaryOf(order), lines, rows };
    },

    /** The page again with what was typed (after "Find supplier", or with messages). */
    async again(salesOrderId: string, form: CreateForm): Promise<CreatePageData> {
      const { order, lines } = await load(salesOrderId);
      const byId = new Map(form.rows.map((r) => [r.lineId, r]));
      const rows = lines.map((l) => byId.get(l.id) ?? { lineId: l.id, tick: false, supplierId: '', quantity: inputQuantity(l.line.quantity), unitCost: '' });
      return { salesOrder: summaryOf(order), lines, rows };
    },

    /** Validates every ticked row, then writes one purchase order per supplier in one transaction. */
    async create(salesOrderId: string, form: CreateForm): Promise<CreatedPurchaseOrder[]> {
      const { order, lines } = await load(salesOrderId);
      if (order.status === 'cancelled') throw new ConflictError(`Sales order ${order.number} is cancelled: reopen it before ordering its lines.`);
      const rows = lines.map((l) => ({ line: l, draft: form.rows.find((r) => r.lineId === l.id) }));
      const errors: FieldErrors = {};
      const ticked = rows.map((r, index) => ({ ...r, index })).filter((r) => r.draft?.tick);
      if (ticked.length === 0) throw new ValidationError('Tick at least one line to order.', {});

      const suppliers = new Map<string, string>();
      const parsed: { index: number; line: SalesOrderLineRow; supplierId: string; quantity: number; unitCost: number }[] = [];
      for (const { draft, line, index } of ticked) {
        if (!draft) continue;
        const supplierId = draft.supplierId.trim();
        if (!supplierId) errors[rowField(index, 'supplierId')] = 'Choose a supplier for this line.';
        else if (!suppliers.has(supplierId)) {
          const standing = await contactStanding(tdb, supplierId);
          if (!standing) errors[rowField(index, 'supplierId')] = 'Choose a supplier from the list.';
          else if (standing.archived) errors[rowField(index, 'supplierId')] = 'That supplier is archived: restore it first or choose another.';
          else if (!standing.isSupplier) errors[rowField(index, 'supplierId')] = 'That contact is not a supplier: mark it as one first or choose another.';
          else suppliers.set(supplierId, standing.name);
        }
        const quantity = parseDecimal(draft.quantity, { dp: 4, label: 'Quantity', max: 1_000_000_000 });
        if (!quantity.ok) errors[rowField(index, 'quantity')] = quantity.error;
        else if (quantity.value === 0) errors[rowField(index, 'quantity')] = 'Quantity must be more than 0.';
        const unitCost = parseDecimal(draft.unitCost, { dp: 4, label: 'Unit cost', max: 1_000_000_000 });
        if (!unitCost.ok) errors[rowField(index, 'unitCost')] = unitCost.error;
        if (quantity.ok && unitCost.ok && suppliers.has(supplierId))
          parsed.push({ index, line, supplierId, quantity: quantity.value, unitCost: unitCost.value });
      }
      if (Object.keys(errors).length) throw new ValidationError('Please correct the lines marked below; nothing was saved.', errors);

      // One purchase order per supplier, in the order suppliers first appear; lines priced the kit's way.
      const [products, defaults] = await Promise.all([
        productPurchaseDefaults(
          tdb,
          parsed.flatMap((p) => (p.line.line.productId ? [p.line.line.productId] : [])),
        ),
        xeroDefaultsFor(tdb),
      ]);
      const lookups = await deps.lookups(parsed.flatMap((p) => (p.line.line.productId ? [p.line.line.productId] : [])));
      const types = order.lineAmountTypes === 'NoTax' ? 'NoTax' : 'Exclusive';
      const defaultAccount = defaults.purchasesAccount?.usable ? defaults.purchasesAccount.value : '';
      const defaultTax = defaults.purchasesTaxRate?.usable ? defaults.purchasesTaxRate.value : '';
      const groups = new Map<string, typeof parsed>();
      for (const p of parsed) groups.set(p.supplierId, [...(groups.get(p.supplierId) ?? []), p]);
      const priced = [...groups.entries()].map(([supplierId, items]) => {
        const drafts: LineDraft[] = items.map((p) => {
          const product = p.line.line.productId ? products.get(p.line.line.productId) : undefined;
          return {
            ...emptyLineDraft(),
            productId: p.line.line.productId ?? '',
            description: p.line.line.description,
            quantity: inputQuantity(p.quantity),
            unitPrice: inputUnitPrice(p.unitCost),
            accountCode: product?.accountCode ?? defaultAccount,
            taxType: types === 'NoTax' ? '' : (product?.taxType ?? defaultTax),
            tracking1: p.line.line.trackingOption1Id ?? '',
            tracking2: p.line.line.trackingOption2Id ?? '',
          };
        });
        const result = validateLines(drafts, lookups, types);
        if (!result.ok) {
          // Back to the page's rows: the purchase order's line k is the page's row items[k].index.
          items.forEach((p, k) => {
            for (const field of ['productId', 'description', 'quantity', 'unitPrice', 'accountCode', 'taxType', 'tracking1', 'tracking2'] as const) {
              const message = result.fieldErrors[lineFieldName(k, field)];
              if (message)
                errors[rowField(p.index, field === 'unitPrice' ? 'unitCost' : field === 'quantity' ? 'quantity' : 'row')] ??= lineMessage(field, message);
            }
          });
        }
        return { supplierId, items, result };
      });
      if (Object.keys(errors).length) throw new ValidationError('Please correct the lines marked below; nothing was saved.', errors);

      return tdb.transaction(async (trx) => {
        const repo = purchaseOrderRepository(trx);
        const made: CreatedPurchaseOrder[] = [];
        for (const { supplierId, items, result } of priced) {
          if (!result.ok) continue;
          const number = await takeNextNumber(trx, PURCHASE_ORDER_KIND);
          const header: PurchaseOrderHeader & { number: string } = {
            number,
            contactId: supplierId,
            projectId: order.projectId,
            issueDate: todayIso(),
            deliveryDate: order.deliveryDate && order.deliveryDate >= todayIso() ? order.deliveryDate : null,
            currency: order.currency,
            lineAmountTypes: types,
            reference: order.number,
            notes: null,
            deliveryAddress: order.deliveryAddress,
            attentionTo: null,
            telephone: null,
            deliveryInstructions: order.deliveryInstructions,
          };
          const sources: PurchaseOrderSource[] = items.map((p) => ({
            salesOrderId: order.id,
            salesOrderLineId: p.line.id,
            productId: p.line.line.productId,
            description: p.line.line.description,
          }));
          const id = await repo.insertFromSalesOrder(header, result.priced.lines, result.priced.amounts, order.id, sources);
          made.push({ id, number, supplierName: suppliers.get(supplierId) ?? '', lineCount: items.length });
        }
        return made;
      });
    },
  };
}

/** A purchase line's problem said on the page's row, where account and tax rate are not inputs. */
function lineMessage(field: string, message: string): string {
  if (field === 'accountCode') return `Account: ${message} Set the product's purchases account or the default on Xero settings.`;
  if (field === 'taxType') return `Tax rate: ${message} Set the product's purchases tax rate or the default on Xero settings.`;
  return message;
}

function summaryOf(order: { id: string; number: string; contactName: string; currency: string; projectId: string | null }) {
  return { id: order.id, number: order.number, contactName: order.contactName, currency: order.currency, projectId: order.projectId };
}
