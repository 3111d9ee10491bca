/**
 * How each kind of import reads Xero and writes the CRM. Contacts come 100 a page; Items are not paged
 * by Xero, so the whole list is one "page". Each page is written in one transaction by the runner.
 */
import type { Contact as XeroContact, Item as XeroItem } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { importContactsPage } from './import-contacts.js';
import type { ImportPageDeps } from './page-tally.js';
import { importItemsPage } from './import-items.js';
import { CONTACTS_PAGE_SIZE, type ImportKind, type PageResult } from './xero-import.js';

/** The Xero reads an import needs, for one organisation (the real one sits over the gateway). */
export interface XeroImportSource {
  /** GET /Contacts page `page` (1-based), archived included, 100 a page. */
  contactsPage(page: number): Promise<XeroContact[]>;
  /** GET /Items (not paged). */
  items(): Promise<XeroItem[]>;
}

/** One page read from Xero, ready to be written in the runner's transaction. */
export interface FetchedPage {
  /** Whether this was the last page. */
  last: boolean;
  write(tdb: TenantDb, deps: ImportPageDeps): Promise<PageResult>;
}

export type FetchPage = (source: XeroImportSource, page: number) => Promise<FetchedPage>;

export const FETCH_PAGE: Record<ImportKind, FetchPage> = {
  async contacts(source, page) {
    const records = await source.contactsPage(page);
    // A short page is the last; a full one may be followed by an empty page, which ends it too.
    return { last: records.length < CONTACTS_PAGE_SIZE, write: (tdb, deps) => importContactsPage(tdb, records, deps) };
  },
  async items(source) {
    const records = await source.items();
    return { last: true, write: (tdb, deps) => importItemsPage(tdb, records, deps) };
  },
};
