/** One list of Xero items into CRM products (waiting for the products capability to land). */
import type { Item as XeroItem } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { AppError } from '../common/errors.js';
import type { ImportPageDeps } from './import-contacts.js';
import type { PageCounts } from './xero-import.js';

export async function importItemsPage(_tdb: TenantDb, _items: XeroItem[], _deps: ImportPageDeps): Promise<PageCounts> {
  throw new AppError('products_unavailable', 409, 'Importing products is not available yet.');
}
