/**
 * The extension point of global search: each capability answers for its own records (the way dashboard
 * sources do), so the search page imports none of them. The composition root hands the list to searchRoutes.
 */
import type { TenantDb } from '../db/tenant-db.js';

/** One record found, formatted for reading. */
export interface SearchHit {
  href: string;
  title: string;
  detail: string;
  status?: { label: string; className: string };
  amount?: string;
}

export interface SearchSource {
  /** 'Contacts'. */
  heading: string;
  /** The full list filtered by the same words ('/contacts?q=…'). */
  listHref(q: string): string;
  search(tdb: TenantDb, q: string, limit: number): Promise<{ hits: SearchHit[]; total: number }>;
}
