/**
 * Repeating invoices: templates with a schedule, and the sandbox action that runs the schedule and
 * generates the invoices (each carrying RepeatingInvoiceID), as Xero does overnight.
 */
import { randomUUID } from 'node:crypto';
import { reject } from './batch.js';
import { contactSummary, resolveDocumentContact } from './contacts-service.js';
import { applyLines, lineAmountTypes, resolveHeader, stripReadOnly, today } from './documents.js';
import type { ChangeEvent } from './http.js';
import { saveInvoice } from './invoices-service.js';
import { buildLines, loadLookups, type LedgerLookups } from './line-items.js';
import { advance, dueDate, type ScheduleUnit } from './schedule.js';
import type { TenantStore } from './store.js';
import { isJsonObject, type JsonObject } from './types.js';
import { notFound, parseDateInput } from './wire.js';

const READ_ONLY = ['SubTotal', 'TotalTax', 'Total', 'HasAttachments', 'Attachments', 'ID', 'StatusAttributeString', 'ValidationErrors'];

export const NOT_EDITABLE = 'Repeating invoice status must be set to DELETED';

async function deleteTemplate(store: TenantStore, existing: JsonObject, nowMs: number): Promise<JsonObject> {
  const doc: JsonObject = { ...existing, Status: 'DELETED' };
  await store.update('RepeatingInvoices', String(existing['RepeatingInvoiceID']), doc, { status: 'DELETED', updatedAt: nowMs });
  return doc;
}

export interface RepeatingContext {
  nowMs: number;
  unitDp?: 2 | 4;
  lookups?: LedgerLookups;
  baseCurrency: string;
  events: ChangeEvent[];
}

function readSchedule(input: JsonObject | undefined, errors: string[]): JsonObject {
  const s: JsonObject = { ...(input ?? {}) };
  if (!input) errors.push('A Schedule must be specified for a repeating invoice.');
  const period = Number(s['Period'] ?? 0);
  if (!Number.isInteger(period) || period < 1) errors.push('Schedule Period must be a whole number of 1 or more.');
  if (s['Unit'] !== 'WEEKLY' && s['Unit'] !== 'MONTHLY') errors.push('Schedule Unit must be WEEKLY or MONTHLY.');
  if (typeof s['StartDate'] !== 'string') errors.push('Schedule StartDate must be specified.');
  s['DueDate'] = Number(s['DueDate'] ?? 0);
  s['DueDateType'] ??= 'DAYSAFTERBILLDATE';
  if (typeof s['StartDate'] === 'string') s['NextScheduledDate'] = s['StartDate'];
  return s;
}

export async function saveRepeatingInvoice(store: TenantStore, raw: JsonObject, ctx: RepeatingContext): Promise<JsonObject> {
  const input = stripReadOnly(raw, READ_ONLY);
  const id = typeof input['RepeatingInvoiceID'] === 'string' ? input['RepeatingInvoiceID'] : undefined;
  const existing = id ? (await store.get('RepeatingInvoices', id))?.data : undefined;
  if (id && !existing) reject(`Repeating invoice ${id} could not be found.`);
  if (existing?.['Status'] === 'DELETED') reject('A deleted repeating invoice cannot be changed.');
  // Xero's API only creates or deletes templates: an app changes one by deleting it and creating another.
  if (existing && input['Status'] !== 'DELETED') reject(NOT_EDITABLE);
  if (existing) return deleteTemplate(store, existing, ctx.nowMs);
  const type = String(input['Type'] ?? '');
  if (type !== 'ACCREC' && type !== 'ACCPAY') reject('Invoice Type must be specified');
  const status = String(input['Status'] ?? 'DRAFT');
  if (!['DRAFT', 'AUTHORISED'].includes(status)) reject('Repeating invoice not of valid status.');
  const errors: string[] = [];
  const rid = randomUUID();
  const doc: JsonObject = { HasAttachments: false, ...input, RepeatingInvoiceID: rid, ID: rid, Type: type, Status: status };
  const contact = await resolveDocumentContact(store, isJsonObject(input['Contact']) ? input['Contact'] : undefined, ctx.nowMs, ctx.events, true);
  doc['Contact'] = contactSummary(contact);
  doc['Schedule'] = readSchedule(isJsonObject(input['Schedule']) ? input['Schedule'] : undefined, errors);
  const amountTypes = lineAmountTypes(input['LineAmountTypes'], undefined);
  doc['LineAmountTypes'] = amountTypes;
  const lookups = ctx.lookups ?? (await loadLookups(store));
  await resolveHeader(doc, { store, baseCurrency: ctx.baseCurrency, lookups }, errors);
  const built = buildLines(input['LineItems'], undefined, {
    lookups,
    side: type === 'ACCREC' ? 'sales' : 'purchases',
    amountTypes,
    unitDp: ctx.unitDp ?? 2,
    requireAccount: status === 'AUTHORISED',
  });
  errors.push(...built.errors);
  applyLines(doc, built);
  if (errors.length > 0) reject(...errors);
  await store.insert('RepeatingInvoices', rid, doc, { status, updatedAt: ctx.nowMs });
  return doc;
}

/**
 * Generates the invoices whose scheduled dates fall on or before `until` (default: today), or the
 * next one if none is due yet, and moves NextScheduledDate on.
 */
export async function runRepeatingInvoice(store: TenantStore, id: string, opts: RepeatingContext & { until?: string | undefined }): Promise<JsonObject[]> {
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await store.get('RepeatingInvoices', id) : undefined;
  if (!found || found.data['Status'] === 'DELETED') throw notFound();
  const template = found.data;
  const schedule = isJsonObject(template['Schedule']) ? template['Schedule'] : {};
  const until = (opts.until ? parseDateInput(opts.until) : undefined) ?? today(opts.nowMs);
  const end = typeof schedule['EndDate'] === 'string' ? schedule['EndDate'].slice(0, 10) : undefined;
  let next = String(schedule['NextScheduledDate'] ?? schedule['StartDate'] ?? '').slice(0, 10);
  const start = String(schedule['StartDate'] ?? next).slice(0, 10);
  const period = Number(schedule['Period'] ?? 1);
  const unit = (schedule['Unit'] === 'WEEKLY' ? 'WEEKLY' : 'MONTHLY') satisfies ScheduleUnit;
  const dates: string[] = [];
  let n = 0;
  while (advance(start, period, unit, n) < next) n += 1;
  while (next !== '' && (!end || next <= end) && (next <= until.slice(0, 10) || dates.length === 0) && dates.length < 120) {
    dates.push(next);
    n += 1;
    next = advance(start, period, unit, n);
  }
  const created: JsonObject[] = [];
  for (const date of dates) {
    const lines = Array.isArray(template['LineItems'])
      ? template['LineItems'].filter(isJsonObject).map((l) => {
          const { LineItemID: _id, LineAmount: _amount, TaxAmount: _tax, DiscountAmount: _discount, Item: _item, AccountID: _account, ...rest } = l;
          return rest;
        })
      : [];
    const contact: JsonObject = isJsonObject(template['Contact']) ? { ContactID: String(template['Contact']['ContactID']) } : {};
    created.push(
      await saveInvoice(
        store,
        {
          Type: String(template['Type']),
          Contact: contact,
          Date: `${date}T00:00:00`,
          DueDate: `${dueDate(date, Number(schedule['DueDate'] ?? 0), String(schedule['DueDateType'] ?? 'DAYSAFTERBILLDATE'))}T00:00:00`,
          LineItems: lines,
          LineAmountTypes: String(template['LineAmountTypes'] ?? 'Exclusive'),
          Status: template['Status'] === 'AUTHORISED' ? 'AUTHORISED' : 'DRAFT',
          // Xero e-mails approved invoices of a template approved for sending, which marks them sent.
          ...(template['Status'] === 'AUTHORISED' && template['ApprovedForSending'] === true ? { SentToContact: true } : {}),
          ...(typeof template['Reference'] === 'string' ? { Reference: template['Reference'] } : {}),
          ...(typeof template['BrandingThemeID'] === 'string' ? { BrandingThemeID: template['BrandingThemeID'] } : {}),
          CurrencyCode: String(template['CurrencyCode'] ?? opts.baseCurrency),
        },
        { ...opts, unitDp: 4, repeatingInvoiceId: String(template['RepeatingInvoiceID']) },
      ),
    );
  }
  const updatedSchedule: JsonObject = { ...schedule, NextScheduledDate: `${next}T00:00:00` };
  if (end && next > end) delete updatedSchedule['NextScheduledDate'];
  await store.update('RepeatingInvoices', found.id, { ...template, Schedule: updatedSchedule }, { status: found.status, updatedAt: opts.nowMs });
  return created;
}
