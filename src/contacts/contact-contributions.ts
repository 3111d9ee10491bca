/**
 * The extension point for what a contact's page lists inline: each capability with records of a
 * contact (quotes, sales orders, purchase orders, contracts, projects) implements a ContactContribution
 * and the composition root hands the list to the contacts capability, which imports none of them. The
 * page shows one section per contribution: the latest few records with their status and amount, how
 * many there are in all with a link to the full list, and a link to make one.
 */
import type { CurrencyColumn } from '../common/money.js';
import { firstIdsOfEach, type IdList, type PageIds } from '../db/paging.js';
import type { TenantDb } from '../db/tenant-db.js';

/** One record in a contact's section, formatted for reading. */
export interface ContactRecordRow {
  href: string;
  number: string;
  /** What the record is about, when it says more than its number (a project's or contract's title). */
  title?: string;
  date: string;
  status: string;
  statusClass: string;
  /** The record's amount alone, "1,234.50" ('' when it has none). */
  amount: string;
  /** Its currency ('' when it has no amount): the section shows it once, or per row when they differ. */
  currency: string;
}

export interface ContactSection {
  /** 'Quotes'. */
  heading: string;
  rows: ContactRecordRow[];
  /** How the section shows its rows' currency (currencyColumn of the rows with an amount). */
  money: CurrencyColumn;
  /** How many the contact has in all (rows holds the latest few). */
  total: number;
  /** The full list, filtered to this contact. */
  allHref: string;
  /** The amount column's heading ('Total', 'Per period'). */
  amountHeading: string;
  newLink?: { href: string; label: string };
  emptyText: string;
}

export interface ContactRef {
  id: string;
  isCustomer: boolean;
  isSupplier: boolean;
  archived: boolean;
}

export interface ContactContribution {
  /** The contact's records as a list, latest first: the page reads the first few ids of every contribution's, and their totals, in one statement. */
  list(tdb: TenantDb, contactId: string): IdList;
  /**
   * The contact's section, given the first ids of its list and their total, or null when it does not
   * apply (purchase orders of a contact that is not a supplier and has none).
   */
  section(tdb: TenantDb, contact: ContactRef, first: PageIds): Promise<ContactSection | null>;
}

/** How many of each kind the contact page shows before "All …". */
export const CONTACT_SECTION_LIMIT = 5;

/**
 * The contact's sections, in the contributions' order: every list's first ids in one statement, then
 * each section reads just the rows it shows (none for a kind the contact has none of).
 */
export async function contactSections(tdb: TenantDb, contributions: readonly ContactContribution[], contact: ContactRef): Promise<ContactSection[]> {
  const firsts = await firstIdsOfEach(
    contributions.map((c) => c.list(tdb, contact.id)),
    CONTACT_SECTION_LIMIT,
  );
  const sections = await Promise.all(contributions.map((c, i) => c.section(tdb, contact, firsts[i] ?? { ids: [], total: 0 })));
  return sections.filter((s) => s !== null);
}
