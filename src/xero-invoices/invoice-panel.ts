/**
 * The sales order's Xero invoice panel: number, status, total, paid, credited, due, due date with
 * overdue days, fully paid date, payments, Open in Xero, Download PDF, Refresh from Xero; which version
 * Xero has ("Sent 3 Dec 10:42; changed since"); the last sends with Xero's words; Create a new invoice
 * when Xero's copy was voided or deleted. Rendered with the shared `views/xero-sync/document-panel.ejs`.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { Organisation } from '../common/tenancy.js';
import { formatMoney } from '../common/money.js';
import { formatCalendarDate, formatMoment, todayIso } from '../common/dates.js';
import { operationView, pollIdsOf, xeroDeepLink, type SentDocumentPanel, type SyncEngine } from '../xero-sync/index.js';
import { salesInvoicePayload } from '../xero/index.js';
import { invoiceLinks, SALES_ORDER_KIND, type OrderInvoiceLink } from './invoice-links.js';
import { invoiceXeroPath } from './invoice-send.js';
import { orderInvoiceInputs, storedXeroContactId } from './order-invoice.js';
import { overdueDays, refusalFor, statusLabel } from './invoice-state.js';
import { XERO_INVOICE_STATUS_BADGES } from '../sales-orders/index.js';

const when = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatMoment(d);
};
const dateText = (iso: string | null): string => formatCalendarDate(iso);

export function invoicePanels(deps: { engine: SyncEngine; webUrl: string; appUrl: string; today?: () => string }) {
  const today = deps.today ?? (() => todayIso());
  return {
    /** `known`: the order's link when the caller has read it already (one read of the order per page). */
    async panelFor(tdb: TenantDb, organisation: Organisation, orderId: string, known?: OrderInvoiceLink | null): Promise<SentDocumentPanel | null> {
      const link = known === undefined ? await invoiceLinks(tdb).get(orderId) : known;
      if (!link) return null;
      const base = `/sales-orders/${encodeURIComponent(orderId)}`;
      const handler = deps.engine.handlerOf(SALES_ORDER_KIND);
      const ops = await deps.engine.forOrganisation(tdb).repo.recentFor(SALES_ORDER_KIND, orderId, 3);
      const operations = ops.map((op) => operationView(op, handler, organisation, deps.webUrl));
      const s = link.snapshot;
      let changedSince = false;
      if (s && link.sentFingerprint) {
        const inputs = await orderInvoiceInputs(tdb, orderId, deps.appUrl);
        const contactId = inputs ? await storedXeroContactId(tdb, inputs.order.contactId) : null;
        changedSince =
          !inputs ||
          !contactId ||
          salesInvoicePayload(inputs.forXero, { contactId, paymentTerms: inputs.paymentTerms }, inputs.defaults).fingerprint !== link.sentFingerprint;
      }
      const currency = s?.currency ?? link.orderCurrency;
      const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents, currency));
      const overdue = s ? overdueDays(s, today()) : 0;
      const refusal = s ? refusalFor(s) : null;
      return {
        heading: s ? `Xero invoice ${s.number ?? ''}`.trim() : 'Xero',
        sendAction: `${base}/send-to-xero`,
        sent: Boolean(s),
        statusLabel: s ? statusLabel(s.status) : 'Not sent',
        statusClass: s ? (XERO_INVOICE_STATUS_BADGES[s.status ?? ''] ?? 'badge') : 'badge',
        sentNote: link.sentAt ? `Sent ${when(link.sentAt)}${changedSince ? '; changed since' : ''}` : '',
        changedSince,
        xeroHref: s ? xeroDeepLink(deps.webUrl, organisation.shortCode, invoiceXeroPath(s.invoiceId)) : null,
        pdfHref: s && s.status !== 'DELETED' ? `${base}/invoice.pdf` : null,
        refreshAction: s ? `${base}/refresh-from-xero` : null,
        details: s
          ? [
              { term: 'Invoice number', value: s.number ?? '—' },
              { term: 'Total', value: money(s.total), className: 'num' },
              { term: 'Amount paid', value: money(s.amountPaid), className: 'num' },
              { term: 'Amount credited', value: money(s.amountCredited), className: 'num' },
              { term: 'Amount due', value: money(s.amountDue), className: 'num' },
              {
                term: 'Due date',
                value: s.dueDate ? `${dateText(s.dueDate)}${overdue ? ` (${overdue} ${overdue === 1 ? 'day' : 'days'} overdue)` : ''}` : '—',
              },
              ...(s.fullyPaidOn ? [{ term: 'Fully paid on', value: dateText(s.fullyPaidOn) }] : []),
            ]
          : [],
        notice: refusal && (refusal.newInvoice || changedSince) ? { message: refusal.message, advice: refusal.advice } : null,
        actions: refusal?.newInvoice
          ? [
              {
                label: 'Create a new invoice',
                action: `${base}/new-invoice`,
                confirm: 'A new invoice is created in Xero the next time the order is sent; the old one stays in Xero as it is.',
              },
            ]
          : [],
        table: s
          ? {
              caption: 'Payments',
              headers: ['Date', 'Amount', 'Reference'],
              rows: s.payments.map((p) => [dateText(p.date), formatMoney(p.amount, currency), p.reference || '—']),
              empty: 'No payments yet.',
              numColumns: [1],
            }
          : null,
        readNote: link.readAt ? `Last read from Xero ${when(link.readAt)}.` : '',
        operations,
        pollIds: pollIdsOf(operations),
        returnTo: base,
        sendsHref: `/sync-log?kind=${SALES_ORDER_KIND}`,
      };
    },
  };
}

export type InvoicePanels = ReturnType<typeof invoicePanels>;
