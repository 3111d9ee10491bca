/**
 * The contract's Xero panel: the repeating invoice (status, schedule, next scheduled date, attached
 * files, Open in Xero), which version Xero has ("Sent …; changed since"), the invoices Xero generated
 * from it with their paid status, the files to tick for attaching, and the last sends. Rendered with
 * the shared `views/xero-sync/document-panel.ejs`.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { Organisation } from '../common/tenancy.js';
import { formatCalendarDate, formatMoment } from '../common/dates.js';
import { formatMoney } from '../common/money.js';
import { filesOfLoadedContract, type Contract } from '../contracts/index.js';
import { operationView, pollIdsOf, xeroDeepLink, type SentDocumentPanel, type SyncEngine } from '../xero-sync/index.js';
import { statusLabel, storedXeroContactId } from '../xero-invoices/index.js';
import { repeatingInvoicePayload } from '../xero/index.js';
import { contractXeroInputsOf } from './contract-inputs.js';
import { repeatingInvoiceXeroPath } from './contract-send.js';
import { contractXeroLinks, CONTRACT_RECORD_KIND } from './contract-xero-links.js';

const TEMPLATE_STATUS: Record<string, { label: string; className: string }> = {
  DRAFT: { label: 'Draft (invoices made as drafts)', className: 'badge' },
  AUTHORISED: { label: 'Approved (invoices made approved)', className: 'badge badge-ok' },
  DELETED: { label: 'Deleted', className: 'badge badge-bad' },
};

const when = (iso: string | null): string => (iso ? formatMoment(new Date(iso)) : '');

export function contractXeroPanels(deps: { engine: SyncEngine; webUrl: string }) {
  return {
    /** The panel of the contract its record page loaded (its services, files and sends are read once per page). */
    async panelFor(tdb: TenantDb, organisation: Organisation, contract: Contract): Promise<SentDocumentPanel | null> {
      const contractId = contract.id;
      const inputs = await contractXeroInputsOf(tdb, contract);
      const links = contractXeroLinks(tdb);
      const [latest, invoices, files] = await Promise.all([links.latest(contractId), links.invoices(contractId), filesOfLoadedContract(tdb, contract)]);
      const base = `/contracts/${encodeURIComponent(contractId)}`;
      const handler = deps.engine.handlerOf(CONTRACT_RECORD_KIND);
      const ops = await deps.engine.forOrganisation(tdb).repo.recentFor(CONTRACT_RECORD_KIND, contractId, 3);
      const operations = ops.map((op) => operationView(op, handler, organisation, deps.webUrl));
      const live = latest && latest.status !== 'DELETED' ? latest : null;
      let changedSince = false;
      if (live) {
        const contactId = await storedXeroContactId(tdb, inputs.contract.contactId);
        changedSince = !contactId || repeatingInvoicePayload(inputs.forXero, contactId, inputs.defaults).fingerprint !== live.fingerprint;
      }
      const status = latest ? (TEMPLATE_STATUS[latest.status] ?? { label: latest.status, className: 'badge' }) : { label: 'Not sent', className: 'badge' };
      const uploads = files.filter((f) => f.source === 'upload');
      const generated = files.find((f) => f.source === 'generated');
      return {
        heading: 'Xero repeating invoice',
        sendAction: `${base}/send-to-xero`,
        sendChoices: uploads.map((f) => ({ name: 'attach', value: f.id, label: `Attach “${f.fileName}”`, checked: f.attachToXero })),
        sendNote: generated
          ? `The newest contract document (${generated.fileName}) is attached in Xero with each send.`
          : 'Press Generate contract first to have the contract document attached in Xero.',
        notSentHint:
          'Not sent to Xero yet. Send to Xero creates a repeating invoice with the contract’s schedule; sending again after a change replaces it (Xero does not edit one), starting after the invoices it already made.',
        sent: Boolean(latest),
        statusLabel: status.label,
        statusClass: status.className,
        sentNote: live ? `Sent ${when(live.sentAt)}${changedSince ? '; changed since' : ''}` : '',
        changedSince,
        xeroHref: live ? xeroDeepLink(deps.webUrl, organisation.shortCode, repeatingInvoiceXeroPath(live.repeatingInvoiceId)) : null,
        pdfHref: null,
        refreshAction: latest ? `${base}/refresh-from-xero` : null,
        details: latest
          ? [
              { term: 'Reference', value: inputs.contract.number },
              { term: 'Starts', value: formatCalendarDate(latest.startDate) },
              { term: 'Ends', value: latest.endDate ? formatCalendarDate(latest.endDate) : 'No end date' },
              ...(live
                ? [
                    {
                      term: 'Next scheduled invoice',
                      value: live.nextScheduledDate ? formatCalendarDate(live.nextScheduledDate) : 'None (the schedule has ended)',
                    },
                  ]
                : []),
              { term: 'Attached in Xero', value: live?.attached.length ? live.attached.map((a) => a.fileName).join(', ') : '—' },
            ]
          : [],
        notice:
          latest && !live && inputs.contract.status === 'cancelled'
            ? { message: 'The contract is cancelled and its repeating invoice was deleted in Xero.', advice: 'Invoices Xero already made stay in Xero.' }
            : null,
        actions: [],
        table: latest
          ? {
              caption: 'Invoices Xero made from it',
              headers: ['Invoice', 'Date', 'Due', 'Total', 'Status', 'Amount due'],
              rows: invoices.map((i) => [
                i.number ?? '—',
                formatCalendarDate(i.date),
                formatCalendarDate(i.dueDate),
                i.total === null ? '—' : formatMoney(i.total, i.currency ?? inputs.contract.currency),
                statusLabel(i.status),
                i.amountDue === null ? '—' : formatMoney(i.amountDue, i.currency ?? inputs.contract.currency),
              ]),
              empty: 'None yet: Xero makes the first one on the next scheduled date.',
            }
          : null,
        readNote: latest?.readAt ? `Last read from Xero ${when(latest.readAt)}.` : '',
        operations,
        pollIds: pollIdsOf(operations),
        returnTo: base,
        sendsHref: `/sync-log?kind=${CONTRACT_RECORD_KIND}`,
      };
    },
  };
}

export type ContractXeroPanels = ReturnType<typeof contractXeroPanels>;
