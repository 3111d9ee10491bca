/**
 * The Xero panel of a contact's page: link, last sent, changed since last sent (fingerprint of what
 * would be sent now vs what was sent), Open in Xero, Balances from Xero when linked, recent operations.
 */
import type { Logger } from '../common/logger.js';
import { AppError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import { contactRepository, type Contact, type LoadedContact } from '../contacts/index.js';
import type { RecordPanel } from '../http/record-panels.js';
import type { Organisation } from '../common/tenancy.js';
import type { OrganisationGateway } from '../xero/index.js';
import { contactChanges } from './contact-changes.js';
import { contactLinks, stateFromRow } from './contact-links.js';
import type { FieldDifference } from './contact-xero-fields.js';
import { payloadOf } from './contact-payload.js';
import { contactXeroPath, xeroDeepLink } from './deep-link.js';
import type { SyncEngine } from './sync-engine.js';
import { operationView, pollIdsOf, timeText, type OperationView } from './sync-log-view-model.js';

export interface BalancesView {
  /** Sales invoices (Xero's AccountsReceivable). */
  outstanding: string;
  overdue: string;
  /** Bills (AccountsPayable): shown for suppliers, or when Xero has some. */
  bills: { outstanding: string; overdue: string } | null;
}

/** "Changed in Xero": the fields Xero changed that Ledgerside does not have, side by side. */
export interface XeroChangesView {
  seenAt: string;
  differences: FieldDifference[];
  takeAction: string;
  keepAction: string;
}

export interface ContactXeroPanel {
  contactId: string;
  sendAction: string;
  /** A person of a company is sent as one of the company's contact persons. */
  sentWith: { name: string; href: string } | null;
  linked: boolean;
  xeroContactId: string;
  lastSent: string;
  changed: boolean;
  xeroHref: string | null;
  balances: BalancesView | null;
  balancesNote: string;
  xeroChanges: XeroChangesView | null;
  operations: OperationView[];
  pollIds: string;
  returnTo: string;
}

const money = (n: number | undefined): string => (n ?? 0).toFixed(2);

/** Balances are read from Xero at most once a minute per contact, so page views do not eat the organisation's call budget. */
const BALANCE_TTL_MS = 60_000;

export function contactPanels(deps: {
  engine: SyncEngine;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  logger: Logger;
  webUrl: string;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; balances: BalancesView | null; note: string }>();

  async function balancesOf(organisation: Organisation, xeroContactId: string, isSupplier: boolean): Promise<{ balances: BalancesView | null; note: string }> {
    const key = `${organisation.id}:${xeroContactId}:${isSupplier}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < BALANCE_TTL_MS) return hit;
    let entry: { at: number; balances: BalancesView | null; note: string };
    try {
      const contact = await deps.gatewayFor(organisation).getContact(xeroContactId);
      const receivable = contact?.balances?.accountsReceivable;
      const payable = contact?.balances?.accountsPayable;
      const bills = payable && (isSupplier || payable.outstanding) ? { outstanding: money(payable.outstanding), overdue: money(payable.overdue) } : null;
      entry = receivable
        ? { at: now(), balances: { outstanding: money(receivable.outstanding), overdue: money(receivable.overdue), bills }, note: '' }
        : { at: now(), balances: null, note: contact ? 'Xero reports no balances for this contact.' : 'Xero no longer has this contact.' };
    } catch (error) {
      deps.logger.warn(
        { organisationId: organisation.id, err: error instanceof Error ? error.message : String(error) },
        'could not read contact balances from Xero',
      );
      entry = {
        at: now(),
        balances: null,
        note: `Balances could not be read from Xero: ${error instanceof AppError ? error.message : 'please try again later.'}`,
      };
    }
    if (cache.size > 5_000) cache.clear();
    cache.set(key, entry);
    return entry;
  }

  return {
    /**
     * The panel of a contact (`known`: the contact the page already loaded, not read again, with its
     * company and people when the page read them too).
     */
    async panelFor(tdb: TenantDb, organisation: Organisation, contactId: string, known?: Contact | LoadedContact): Promise<ContactXeroPanel | null> {
      const repo = contactRepository(tdb);
      const contact = known ?? (await repo.findById(contactId));
      if (!contact) return null;
      const loaded = (contact as Partial<LoadedContact>).loaded ?? null;
      const inCompany = contact.kind === 'person' && contact.companyId;
      const company = inCompany ? (loaded ? loaded.company : await repo.findById(inCompany)) : null;
      const sent = company ?? contact;
      const sentRow = loaded?.rows.get(sent.id);
      const state = sentRow ? stateFromRow(sentRow) : await contactLinks(tdb).stateOf(sent.id);
      const people = sent.kind !== 'company' ? [] : loaded ? (sent === contact ? loaded.people : loaded.companyPeople) : await repo.peopleOf(sent.id);
      const linked = Boolean(state?.xeroContactId);
      const handler = deps.engine.handlerOf('contact');
      const ops = await deps.engine.forOrganisation(tdb).repo.recentFor('contact', sent.id, 5);
      const operations = ops.map((op) => operationView(op, handler, organisation, deps.webUrl));
      const balances =
        linked && state?.xeroContactId && organisation.status === 'connected'
          ? await balancesOf(organisation, state.xeroContactId, sent.isSupplier)
          : { balances: null, note: '' };
      // Only Xero's stored values make differences to show (contactChanges reads the contact again to compare).
      const changes = linked && state?.remoteFields ? await contactChanges(tdb).current(sent.id) : null;
      const base = `/contacts/${encodeURIComponent(contact.id)}/xero-changes`;
      return {
        xeroChanges: changes?.differences.length
          ? { seenAt: timeText(changes.seenAt), differences: changes.differences, takeAction: `${base}/take`, keepAction: `${base}/keep` }
          : null,
        contactId: contact.id,
        sendAction: `/contacts/${encodeURIComponent(contact.id)}/send-to-xero`,
        sentWith: company ? { name: company.name, href: `/contacts/${encodeURIComponent(company.id)}` } : null,
        linked,
        xeroContactId: state?.xeroContactId ?? '',
        lastSent: timeText(state?.sentAt ?? null),
        changed: linked && !state?.asImported && state?.fingerprint !== payloadOf(sent, people).fingerprint,
        xeroHref: state?.xeroContactId ? xeroDeepLink(deps.webUrl, organisation.shortCode, contactXeroPath(state.xeroContactId)) : null,
        balances: balances.balances,
        balancesNote: balances.note,
        operations,
        pollIds: pollIdsOf(operations),
        returnTo: `/contacts/${encodeURIComponent(contact.id)}`,
      };
    },
  };
}

export type ContactPanels = ReturnType<typeof contactPanels>;

/** The contact page's Xero panel (views/xero-sync/contact-panel.ejs) as a record panel: given the contact the page loaded, beside its own parts. */
export function contactXeroRecordPanel(panels: ContactPanels): RecordPanel<LoadedContact> {
  return async (ctx, contact) => {
    const panel = await panels.panelFor(ctx.tdb, ctx.organisation, contact.id, contact);
    return panel ? { partial: 'xero-sync/contact-panel', locals: { panel }, place: 'main' } : null;
  };
}
