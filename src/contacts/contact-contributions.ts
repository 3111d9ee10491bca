/**
 * The extension point for what a contact's page lists inline: each capability with records of a
 * contact (quotes, sales orders, purchase orders, contracts, projects) implements a ContactContribution
 * and the composition root hands the list to the contacts capability, which imports none of them. The
 * page shows one section per contribution: the latest few records with their status and amount, how
 * many there are in all with a link to the full list, and a link to make one.
 */
import type { CurrencyColumn } from '../common/money.js';
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
  /** The contact's section, or null when it does not apply (purchase orders of a contact that is not a supplier and has none). */
  section(tdb: TenantDb, contact: ContactRef, limit: number): Promise<ContactSection | null>;
}

/** How many of each kind the contact page shows before "All …". */
export const CONTACT_SECTION_LIMIT = 5;
