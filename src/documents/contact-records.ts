/**
 * A document kind's section on a contact's page (src/contacts/contact-contributions.ts): the kind's own
 * list query narrowed to the contact, newest first, one short page, how many there are in all, and the
 * links to the full list and to make one. Each kind says only how a row reads and whom it is for.
 */
import type { ContactContribution, ContactRecordRow } from '../contacts/index.js';
import { currencyColumn } from '../common/money.js';
import type { TenantDb } from '../db/tenant-db.js';
import { documentStore, type DocumentStoreSpec } from './document-store.js';
import { documentIdList, parseDocumentListQuery } from './document-list.js';

export interface ContactSectionSpec<H, S> {
  store: DocumentStoreSpec<H, S>;
  /** 'Quotes'. */
  heading: string;
  /** 'New quote'. */
  newLabel: string;
  /** The contacts it is for: customers' sales documents, suppliers' purchase orders (others see it only when they have some). */
  for: 'customer' | 'supplier';
  /** The amount column's heading ('Total', 'Per period'). */
  amountHeading: string;
  row(summary: S): ContactRecordRow;
}

export function documentContactContribution<H, S>(spec: ContactSectionSpec<H, S>): ContactContribution {
  const base = spec.store.kind.basePath;
  return {
    list: (tdb: TenantDb, contactId: string) =>
      documentIdList(
        tdb,
        spec.store.kind.tables.documents,
        parseDocumentListQuery({ contactId, sort: 'date', dir: 'desc' }, []),
        undefined,
        spec.store.listFilters,
      ),

    async section(tdb: TenantDb, contact, { ids, total }) {
      const rows = await documentStore(tdb, spec.store).summaries(ids);
      const isFor = spec.for === 'customer' ? contact.isCustomer : contact.isSupplier;
      if (total === 0 && !isFor) return null;
      const id = encodeURIComponent(contact.id);
      const sectionRows = rows.map(spec.row);
      return {
        heading: spec.heading,
        rows: sectionRows,
        money: currencyColumn(sectionRows.flatMap((r) => (r.amount ? [r.currency] : []))),
        total,
        allHref: `${base}?contactId=${id}`,
        amountHeading: spec.amountHeading,
        ...(contact.archived || !isFor ? {} : { newLink: { href: `${base}/new?contactId=${id}`, label: spec.newLabel } }),
        emptyText: `No ${spec.heading.toLowerCase()} yet.`,
      };
    },
  };
}
