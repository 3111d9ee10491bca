/**
 * A contract's life in Xero: every repeating invoice it has had (contract_repeating_invoices: the live
 * one and the deleted ones it replaced) and the invoices Xero generated from them
 * (contract_xero_invoices), read, recorded and updated from what Xero says.
 */
import type { RepeatingInvoice } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { dbTime, int, requiredText, text, type DbRow } from '../db/row-values.js';
import { xeroDate } from '../xero-settings/index.js';
import type { XeroInvoiceSnapshot } from '../xero-invoices/index.js';

export const CONTRACT_RECORD_KIND = 'contract';

export interface AttachedFile {
  fileId: string;
  fileName: string;
}

export interface ContractTemplate {
  repeatingInvoiceId: string;
  contractId: string;
  status: string;
  startDate: string;
  endDate: string | null;
  nextScheduledDate: string | null;
  fingerprint: string;
  attached: AttachedFile[];
  sentAt: string;
  readAt: string | null;
}

export interface ContractInvoice {
  invoiceId: string;
  repeatingInvoiceId: string;
  number: string | null;
  status: string | null;
  date: string | null;
  dueDate: string | null;
  currency: string | null;
  total: number | null;
  amountPaid: number | null;
  amountDue: number | null;
  fullyPaidOn: string | null;
}

/** A Xero date (ISO, "2026-12-01T00:00:00" or /Date(…)/) as a calendar date. */
export function calendarDate(value: unknown): string | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return xeroDate(value)?.toISOString().slice(0, 10) ?? null;
}

/** What Xero says of a template that Ledgerside keeps: its status and next scheduled date. */
export function templateState(template: RepeatingInvoice): { status: string; nextScheduledDate: string | null } {
  return { status: String(template.status ?? 'DRAFT'), nextScheduledDate: calendarDate(template.schedule?.nextScheduledDate) };
}

const timeText = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value ?? ''));

function attachedOf(raw: unknown): AttachedFile[] {
  if (typeof raw !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((e: unknown) => {
      if (typeof e !== 'object' || e === null) return [];
      const { fileId, fileName } = e as Record<string, unknown>;
      return typeof fileId === 'string' && typeof fileName === 'string' ? [{ fileId, fileName }] : [];
    });
  } catch {
    return [];
  }
}

function templateOf(row: DbRow): ContractTemplate {
  return {
    repeatingInvoiceId: requiredText(row, 'repeating_invoice_id'),
    contractId: requiredText(row, 'contract_id'),
    status: requiredText(row, 'status'),
    startDate: requiredText(row, 'start_date'),
    endDate: text(row, 'end_date'),
    nextScheduledDate: text(row, 'next_scheduled_date'),
    fingerprint: requiredText(row, 'fingerprint'),
    attached: attachedOf(row.attached_files),
    sentAt: timeText(row.sent_at),
    readAt: row.read_at ? timeText(row.read_at) : null,
  };
}

function invoiceOf(row: DbRow): ContractInvoice {
  return {
    invoiceId: requiredText(row, 'invoice_id'),
    repeatingInvoiceId: requiredText(row, 'repeating_invoice_id'),
    number: text(row, 'number'),
    status: text(row, 'status'),
    date: text(row, 'invoice_date'),
    dueDate: text(row, 'due_date'),
    currency: text(row, 'currency'),
    total: int(row, 'total'),
    amountPaid: int(row, 'amount_paid'),
    amountDue: int(row, 'amount_due'),
    fullyPaidOn: text(row, 'fully_paid_on'),
  };
}

export function contractXeroLinks(tdb: TenantDb) {
  const lower = (id: string) => id.toLowerCase();
  return {
    /** The contract's live (not deleted) repeating invoice, if any. */
    async current(contractId: string): Promise<ContractTemplate | null> {
      const row: DbRow | undefined = await tdb
        .from('contract_repeating_invoices')
        .where({ contract_id: contractId })
        .whereNot('status', 'DELETED')
        .orderBy('sent_at', 'desc')
        .first();
      return row ? templateOf(row) : null;
    },

    /** Every repeating invoice the contract has had, oldest first. */
    async templatesOf(contractId: string): Promise<ContractTemplate[]> {
      const rows: DbRow[] = await tdb.from('contract_repeating_invoices').where({ contract_id: contractId }).orderBy('sent_at', 'asc');
      return rows.map(templateOf);
    },

    /** The newest repeating invoice the contract has had, deleted or not. */
    async latest(contractId: string): Promise<ContractTemplate | null> {
      const row: DbRow | undefined = await tdb.from('contract_repeating_invoices').where({ contract_id: contractId }).orderBy('sent_at', 'desc').first();
      return row ? templateOf(row) : null;
    },

    async recordTemplate(
      contractId: string,
      t: { repeatingInvoiceId: string; status: string; startDate: string; endDate: string | null; nextScheduledDate: string | null },
      fingerprint: string,
      now: Date,
    ): Promise<void> {
      await tdb.insert('contract_repeating_invoices', {
        repeating_invoice_id: lower(t.repeatingInvoiceId),
        contract_id: contractId,
        status: t.status,
        start_date: t.startDate,
        end_date: t.endDate,
        next_scheduled_date: t.nextScheduledDate,
        fingerprint,
        attached_files: '[]',
        sent_at: dbTime(now),
        read_at: dbTime(now),
      });
    },

    async recordAttached(repeatingInvoiceId: string, attached: AttachedFile[]): Promise<void> {
      await tdb.update('contract_repeating_invoices', { repeating_invoice_id: lower(repeatingInvoiceId) }, { attached_files: JSON.stringify(attached) });
    },

    /** What Xero says of a template now (status, next scheduled date). */
    async applyTemplate(repeatingInvoiceId: string, state: { status: string; nextScheduledDate: string | null }, now: Date): Promise<boolean> {
      const patch = {
        status: state.status,
        next_scheduled_date: state.nextScheduledDate,
        read_at: dbTime(now),
        ...(state.status === 'DELETED' ? { deleted_at: dbTime(now) } : {}),
      };
      return (await tdb.update('contract_repeating_invoices', { repeating_invoice_id: lower(repeatingInvoiceId) }, patch)) > 0;
    },

    async markDeleted(repeatingInvoiceId: string, now: Date): Promise<void> {
      await tdb.update(
        'contract_repeating_invoices',
        { repeating_invoice_id: lower(repeatingInvoiceId) },
        { status: 'DELETED', next_scheduled_date: null, deleted_at: dbTime(now), read_at: dbTime(now) },
      );
    },

    async contractOfTemplate(repeatingInvoiceId: string): Promise<string | null> {
      const row: DbRow | undefined = await tdb
        .from('contract_repeating_invoices')
        .where({ repeating_invoice_id: lower(repeatingInvoiceId) })
        .first('contract_id');
      return row ? requiredText(row, 'contract_id') : null;
    },

    /** Every template id of the organisation's contracts (lower case), and the live ones. */
    async templateIds(): Promise<{ all: Set<string>; live: Set<string> }> {
      const rows: DbRow[] = await tdb.from('contract_repeating_invoices').select('repeating_invoice_id', 'status');
      const all = new Set(rows.map((r) => requiredText(r, 'repeating_invoice_id')));
      const live = new Set(rows.filter((r) => r.status !== 'DELETED').map((r) => requiredText(r, 'repeating_invoice_id')));
      return { all, live };
    },

    async knowsInvoice(invoiceId: string): Promise<boolean> {
      return (
        (await tdb
          .from('contract_xero_invoices')
          .where({ invoice_id: lower(invoiceId) })
          .first('invoice_id')) !== undefined
      );
    },

    async invoices(contractId: string): Promise<ContractInvoice[]> {
      const rows: DbRow[] = await tdb
        .from('contract_xero_invoices')
        .where({ contract_id: contractId })
        .orderBy('invoice_date', 'desc')
        .orderBy('number', 'desc');
      return rows.map(invoiceOf);
    },

    /** The date of the newest invoice a template generated (as far as Ledgerside has heard). */
    async lastInvoiceDate(repeatingInvoiceId: string): Promise<string | null> {
      const row: DbRow | undefined = await tdb
        .from('contract_xero_invoices')
        .where({ repeating_invoice_id: lower(repeatingInvoiceId) })
        .max({ last: 'invoice_date' })
        .first();
      return row ? text(row, 'last') : null;
    },

    /** An invoice Xero generated from one of the contract's templates: kept, or updated unless the answer is older. */
    async applyInvoice(contractId: string, repeatingInvoiceId: string, s: XeroInvoiceSnapshot, date: string | null, now: Date): Promise<boolean> {
      const columns = {
        contract_id: contractId,
        repeating_invoice_id: lower(repeatingInvoiceId),
        number: s.number,
        status: s.status,
        invoice_date: date,
        due_date: s.dueDate,
        currency: s.currency,
        total: s.total,
        amount_paid: s.amountPaid,
        amount_due: s.amountDue,
        fully_paid_on: s.fullyPaidOn,
        xero_updated_at: s.updatedAt,
        read_at: dbTime(now),
      };
      const existing: DbRow | undefined = await tdb
        .from('contract_xero_invoices')
        .where({ invoice_id: lower(s.invoiceId) })
        .first('xero_updated_at');
      if (!existing) {
        await tdb.insert('contract_xero_invoices', { invoice_id: lower(s.invoiceId), ...columns });
        return true;
      }
      const kept = text(existing, 'xero_updated_at');
      if (kept && s.updatedAt && s.updatedAt < kept) return false;
      await tdb.update('contract_xero_invoices', { invoice_id: lower(s.invoiceId) }, columns);
      return true;
    },

    /**
     * The poll's first If-Modified-Since: a day before the organisation first sent a contract. A
     * repeating invoice carries no UpdatedDateUTC, so this is our clock, not Xero's; the day absorbs any
     * difference between the two (later polls ask from the newest UpdatedDateUTC Xero reported).
     */
    async firstSentAt(): Promise<Date | null> {
      const row: DbRow | undefined = await tdb.from('contract_repeating_invoices').min({ first: 'sent_at' }).first();
      const first = row?.first;
      if (!first) return null;
      return new Date(new Date(timeText(first)).getTime() - 86_400_000);
    },
  };
}

export type ContractXeroLinks = ReturnType<typeof contractXeroLinks>;
