/**
 * The extension point for what belongs to a project. Each capability whose records can be in a project
 * (sales orders now; purchase orders and contracts next) implements a ProjectContribution, and the
 * composition root hands the list to the projects capability, which imports none of them: the project
 * page shows one section per contribution and sums their figures; the list counts their records; a
 * project with records is not deleted.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { ContributionFigures } from './project-totals.js';

/** One record of a project's section, formatted for reading. */
export interface ProjectRecordRow {
  href: string;
  number: string;
  contactName: string;
  date: string;
  status: string;
  statusClass: string;
  /** Amounts alone ("1,234.50"); the section shows the currency once (or per row when they differ). */
  subTotal: string;
  total: string;
  currency: string;
  /** The record's state in Xero, when its section has a Xero column ("Sent, Billed"). */
  xero?: string;
}

/** A section of the project page. */
export interface ProjectSection {
  /** 'Sales orders'. */
  heading: string;
  /** A link to make a record in this project. */
  newLink: { href: string; label: string };
  /** Shown when the project has none. */
  emptyText: string;
  rows: ProjectRecordRow[];
  /** The contact column's heading ('Contact' when absent; 'Supplier'). */
  contactHeading?: string;
  /** A column of each row's Xero state, with this heading. */
  xeroColumn?: string;
}

export interface ProjectRef {
  id: string;
  contactId: string | null;
}

export interface ProjectContribution {
  /** Its records in sentences and column headings: { one: 'sales order', many: 'sales orders', heading: 'Sales orders' }. */
  noun: { one: string; many: string; heading: string };
  /** How many of its records are in each of these projects (absent: none). */
  counts(tdb: TenantDb, projectIds: string[]): Promise<Map<string, number>>;
  /** The project page's section and the figures its records add to the totals. */
  section(tdb: TenantDb, project: ProjectRef): Promise<{ section: ProjectSection; figures: ContributionFigures }>;
}
