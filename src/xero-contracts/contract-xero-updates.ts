/**
 * Xero → the contract: the invoices Xero generates from a contract's repeating invoice (they carry its
 * RepeatingInvoiceID) and the template's next scheduled date arrive three ways, applied alike:
 * - the INVOICE webhook, through the sales invoices' handler (`contractInvoiceOwner` is injected);
 * - the 15-minute sent-documents poll (`contractsPollKind`);
 * - **Refresh from Xero** on the contract (`refreshContractFromXero`).
 */
import type { Invoice } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { XERO_PAGE_SIZE, type OrganisationGateway } from '../xero/index.js';
import type { SentDocumentsKind } from '../xero-sync/index.js';
import { snapshotOf, statusLabel, type InvoiceOwner } from '../xero-invoices/index.js';
import { calendarDate, contractXeroLinks, CONTRACT_RECORD_KIND, templateState } from './contract-xero-links.js';

/** Keeps a generated invoice on its contract; answers the contract's id, or null when no contract of the organisation has its template. */
async function applyGenerated(tdb: TenantDb, invoice: Invoice, now: Date): Promise<{ contractId: string; applied: boolean; isNew: boolean } | null> {
  const templateId = invoice.repeatingInvoiceID;
  if (!templateId) return null;
  const links = contractXeroLinks(tdb);
  const contractId = await links.contractOfTemplate(templateId);
  if (!contractId) return null;
  const snapshot = snapshotOf(invoice);
  const isNew = !(await links.knowsInvoice(snapshot.invoiceId));
  const applied = await links.applyInvoice(contractId, templateId, snapshot, calendarDate(invoice.date), now);
  return { contractId, applied, isNew };
}

async function contractNumber(tdb: TenantDb, contractId: string): Promise<string> {
  const row: unknown = await tdb.from('contracts').where({ id: contractId }).first('number');
  return typeof row === 'object' && row !== null && 'number' in row ? String(row.number) : contractId;
}

/** The INVOICE webhook's second owner: invoices generated from a contract's repeating invoice. */
export const contractInvoiceOwner: InvoiceOwner = {
  async mayOwn(tdb, invoiceId) {
    const links = contractXeroLinks(tdb);
    return (await links.knowsInvoice(invoiceId)) || (await links.templateIds()).live.size > 0;
  },
  async apply({ tdb, gateway, invoice, now }) {
    const result = await applyGenerated(tdb, invoice, now);
    if (!result) return null;
    // A new invoice moved the template's schedule on: read its next date.
    if (result.isNew && invoice.repeatingInvoiceID) {
      const template = await gateway.getRepeatingInvoice(invoice.repeatingInvoiceID);
      if (template) await contractXeroLinks(tdb).applyTemplate(invoice.repeatingInvoiceID, templateState(template), now);
    }
    const s = snapshotOf(invoice);
    return `contract ${await contractNumber(tdb, result.contractId)}: invoice ${s.number ?? s.invoiceId} ${statusLabel(s.status)}${result.applied ? '' : ' (already up to date)'}`;
  },
};

/** The organisation's templates as Xero has them now (one call), applied; answers how many changed. */
async function readTemplates(tdb: TenantDb, gateway: OrganisationGateway, now: Date, only?: ReadonlySet<string>): Promise<number> {
  const links = contractXeroLinks(tdb);
  const { live } = await links.templateIds();
  let changed = 0;
  const ids = only ?? live;
  if (ids.size === 0) return 0;
  const seen = new Set<string>();
  for (const template of await gateway.getRepeatingInvoices()) {
    const id = String(template.repeatingInvoiceID ?? '').toLowerCase();
    if (!ids.has(id)) continue;
    seen.add(id);
    if (await links.applyTemplate(id, templateState(template), now)) changed++;
  }
  // A template Xero no longer lists was deleted there.
  for (const id of ids) if (!seen.has(id) && live.has(id)) await links.markDeleted(id, now);
  return changed;
}

/** Refresh from Xero: the contract's template(s) and the invoices generated from them. */
export async function refreshContractFromXero(tdb: TenantDb, gateway: OrganisationGateway, contractId: string, now: Date): Promise<string> {
  const links = contractXeroLinks(tdb);
  const latest = await links.latest(contractId);
  if (!latest) return 'This contract has not been sent to Xero yet.';
  const current = await links.current(contractId);
  if (current) {
    const template = await gateway.getRepeatingInvoice(current.repeatingInvoiceId);
    if (template) await links.applyTemplate(current.repeatingInvoiceId, templateState(template), now);
    else await links.markDeleted(current.repeatingInvoiceId, now);
  }
  // The invoices of every template the contract has had (a replaced one's stay the contract's).
  let count = 0;
  for (const template of await links.templatesOf(contractId)) {
    for (let page = 1; ; page++) {
      const invoices = await gateway.getInvoicesPage({ page, where: `RepeatingInvoiceID==GUID("${template.repeatingInvoiceId}")` });
      for (const invoice of invoices) if (await applyGenerated(tdb, invoice, now)) count++;
      if (invoices.length < XERO_PAGE_SIZE) break;
    }
  }
  return `Refreshed from Xero: ${count} invoice${count === 1 ? '' : 's'} made from the contract's repeating invoice${count === 1 ? '' : 's'}.`;
}

/** The poll's hook for contracts: the templates (one call), then ACCREC invoices changed since that carry one of their ids. */
export const contractsPollKind: SentDocumentsKind = {
  kind: CONTRACT_RECORD_KIND,
  firstSentAt: (tdb) => contractXeroLinks(tdb).firstSentAt(),
  async poll({ tdb, gateway, since, now }) {
    const links = contractXeroLinks(tdb);
    const { all, live } = await links.templateIds();
    let updated = live.size ? await readTemplates(tdb, gateway, now) : 0;
    let seen = 0;
    let newest: Date | null = null;
    for (let page = 1; ; page++) {
      const invoices = await gateway.getInvoicesPage({ page, ifModifiedSince: since, where: 'Type=="ACCREC"' });
      seen += invoices.length;
      for (const invoice of invoices) {
        const s = snapshotOf(invoice);
        if (s.updatedAt && (!newest || new Date(s.updatedAt) > newest)) newest = new Date(s.updatedAt);
        if (!all.has(String(invoice.repeatingInvoiceID ?? '').toLowerCase())) continue;
        if ((await applyGenerated(tdb, invoice, now))?.applied) updated++;
      }
      if (invoices.length < XERO_PAGE_SIZE) break;
    }
    return { seen, updated, newest };
  },
};
