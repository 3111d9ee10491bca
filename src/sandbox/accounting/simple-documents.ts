/**
 * Purchase orders and quotes: numbered documents with a contact, lines and a status lifecycle, saved
 * the same way and differing only in the settings below.
 */
import { randomUUID } from 'node:crypto';
import { reject } from './batch.js';
import { contactSummary, resolveDocumentContact } from './contacts-service.js';
import { applyLines, lineAmountTypes, nextDocumentNumber, resolveHeader, stripReadOnly, today } from './documents.js';
import type { ChangeEvent } from './http.js';
import { buildLines, loadLookups, type LedgerLookups } from './line-items.js';
import type { TenantStore } from './store.js';
import { isJsonObject, type Collection, type JsonObject, type LineAmountType } from './types.js';
import { addHistory, money, statusChange, SYSTEM_USER } from './history.js';
import { msToIso } from './wire.js';

export interface DocumentKind {
  collection: Collection;
  idField: string;
  numberField: string;
  prefix: string;
  label: string;
  side: 'sales' | 'purchases';
  creatable: string[];
  /** Status → statuses it may move to. */
  transitions: Record<string, string[]>;
  /** Quotes spell line amount types in capitals (EXCLUSIVE); the rest as Exclusive. */
  upperAmountTypes: boolean;
}

export const PURCHASE_ORDERS: DocumentKind = {
  collection: 'PurchaseOrders',
  idField: 'PurchaseOrderID',
  numberField: 'PurchaseOrderNumber',
  prefix: 'PO',
  label: 'Purchase Order',
  side: 'purchases',
  creatable: ['DRAFT', 'SUBMITTED', 'AUTHORISED'],
  upperAmountTypes: false,
  transitions: {
    DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
    SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
    AUTHORISED: ['AUTHORISED', 'BILLED', 'DELETED', 'SUBMITTED'],
    BILLED: ['BILLED', 'AUTHORISED'],
    DELETED: [],
  },
};

export const QUOTES: DocumentKind = {
  collection: 'Quotes',
  idField: 'QuoteID',
  numberField: 'QuoteNumber',
  prefix: 'QU',
  label: 'Quote',
  side: 'sales',
  creatable: ['DRAFT', 'SENT'],
  upperAmountTypes: true,
  transitions: {
    DRAFT: ['DRAFT', 'SENT', 'DELETED'],
    SENT: ['SENT', 'DRAFT', 'ACCEPTED', 'DECLINED', 'DELETED'],
    ACCEPTED: ['ACCEPTED', 'SENT', 'DECLINED', 'INVOICED'],
    DECLINED: ['DECLINED', 'SENT', 'ACCEPTED'],
    INVOICED: ['INVOICED'],
    DELETED: [],
  },
};

const READ_ONLY = [
  'SubTotal',
  'TotalTax',
  'Total',
  'TotalDiscount',
  'HasAttachments',
  'Attachments',
  'StatusAttributeString',
  'ValidationErrors',
  'Warnings',
  'DateString',
  'ExpiryDateString',
];

function toAmountType(value: unknown): LineAmountType | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toUpperCase();
  return v === 'INCLUSIVE' ? 'Inclusive' : v === 'NOTAX' ? 'NoTax' : v === 'EXCLUSIVE' ? 'Exclusive' : undefined;
}

export async function saveSimpleDocument(
  kind: DocumentKind,
  store: TenantStore,
  raw: JsonObject,
  ctx: { nowMs: number; baseCurrency: string; events: ChangeEvent[]; unitDp: 2 | 4; lookups?: LedgerLookups },
): Promise<JsonObject> {
  const input = stripReadOnly(raw, READ_ONLY);
  const id = input[kind.idField];
  const existing = typeof id === 'string' && id !== '' ? (/^[0-9a-f-]{36}$/i.test(id) ? await store.get(kind.collection, id) : undefined) : undefined;
  if (typeof id === 'string' && id !== '' && !existing) reject(`${kind.label} ${id} could not be found.`);
  const previous = existing?.data;
  const from = previous ? String(previous['Status']) : undefined;
  const status = String(input['Status'] ?? from ?? 'DRAFT');
  if (!from && !kind.creatable.includes(status)) reject(`${kind.label} not of valid status for creation`);
  if (from && !(kind.transitions[from] ?? []).includes(status)) reject(`${kind.label} not of valid status for modification`);
  const errors: string[] = [];
  const doc: JsonObject = { ...(previous ?? { [kind.idField]: randomUUID(), HasAttachments: false }), ...input, Status: status };
  if (input['Contact'] !== undefined || !previous) {
    const contact = await resolveDocumentContact(store, isJsonObject(input['Contact']) ? input['Contact'] : undefined, ctx.nowMs, ctx.events, false);
    doc['Contact'] = contactSummary(contact);
  }
  doc['Date'] = input['Date'] ?? previous?.['Date'] ?? today(ctx.nowMs);
  const amountTypes = lineAmountTypes(toAmountType(input['LineAmountTypes']), toAmountType(previous?.['LineAmountTypes']));
  doc['LineAmountTypes'] = kind.upperAmountTypes ? amountTypes.toUpperCase() : amountTypes;
  const lookups = ctx.lookups ?? (await loadLookups(store));
  await resolveHeader(doc, { store, baseCurrency: ctx.baseCurrency, lookups }, errors);
  const built = buildLines(input['LineItems'], previous?.['LineItems'], { lookups, side: kind.side, amountTypes, requireAccount: false, unitDp: ctx.unitDp });
  errors.push(...built.errors);
  applyLines(doc, built);
  const number =
    typeof input[kind.numberField] === 'string' && String(input[kind.numberField]).trim() !== '' ? String(input[kind.numberField]).trim() : undefined;
  if (number) {
    const clash = await store.findByNumber(kind.collection, number);
    if (clash && clash.id !== String(doc[kind.idField]).toLowerCase() && clash.status !== 'DELETED')
      errors.push(`${kind.label} number ${number} is already in use.`);
    doc[kind.numberField] = number;
  } else if (!previous?.[kind.numberField] && errors.length === 0) {
    doc[kind.numberField] = await nextDocumentNumber(store, kind.collection, kind.prefix);
  }
  if (errors.length > 0) reject(...errors);
  doc['UpdatedDateUTC'] = msToIso(ctx.nowMs);
  const docId = String(doc[kind.idField]);
  const meta = { number: String(doc[kind.numberField] ?? ''), status, updatedAt: ctx.nowMs };
  if (existing) await store.update(kind.collection, docId, doc, meta);
  else await store.insert(kind.collection, docId, doc, meta);
  const who = isJsonObject(doc['Contact']) ? String(doc['Contact']['Name'] ?? '') : '';
  await addHistory(
    store,
    kind.collection,
    docId,
    statusChange(from, status),
    `${String(doc[kind.numberField] ?? kind.label)} for ${who}, total ${money(doc['Total'])}.`,
    SYSTEM_USER,
    ctx.nowMs,
  );
  return doc;
}
