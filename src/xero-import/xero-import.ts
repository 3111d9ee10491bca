/** Import from Xero: runs, their progress, and what the mappers make of Xero's records. */
import type { ContactInput } from '../contacts/index.js';

export const IMPORT_KINDS = ['contacts', 'items'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Xero's page size for GET /Contacts (what the gateway asks for). */
export const CONTACTS_PAGE_SIZE = 100;

export interface ImportRun {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  /** The Xero page the run fetches next (1-based); a failed run resumes here. */
  nextPage: number;
  processed: number;
  created: number;
  updated: number;
  /** Already as Xero has them. */
  unchanged: number;
  /** Left out (no id or name, or a name or code another record holds): see xero_import_skips. */
  skipped: number;
  /** The failure as the user should read it, with Xero's own message when Xero gave one. */
  lastError: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
}

export interface PageCounts {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped';

/** Why a Xero record was left out. */
export interface SkipNote {
  xeroId: string | null;
  /** The contact's name or the item's code, as Xero has it. */
  label: string | null;
  reason: string;
}

export interface PageResult {
  counts: PageCounts;
  skips: SkipNote[];
}

/** What a mapper made of one Xero record: something to write, or why it was left out. */
export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The contact fields Xero owns. Kind, company and notes are the CRM's own: set on create, kept on
 * re-import so what people typed in Ledgerside survives.
 */
export type XeroContactFields = Omit<ContactInput, 'companyId' | 'notes'>;

export interface ImportedContact {
  xeroContactId: string;
  archived: boolean;
  fields: XeroContactFields;
}

/** A Xero Item as product fields; prices are integers scaled by 10,000 (4 dp). */
export interface ImportedItem {
  xeroItemId: string;
  code: string;
  name: string;
  description: string | null;
  salePrice: number | null;
  salesAccountCode: string | null;
  salesTaxType: string | null;
  costPrice: number | null;
  purchasesAccountCode: string | null;
  purchasesTaxType: string | null;
}
