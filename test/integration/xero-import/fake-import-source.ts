/** An in-memory Xero for import tests: contacts paged 100 at a time, items unpaged, failures on demand. */
import type { Contact as XeroContact, Item as XeroItem } from 'xero-node';
import { XeroApiError } from '../../../src/xero/xero-errors.js';
import type { XeroImportSource } from '../../../src/xero-import/index.js';

export function xeroContact(n: number, fields: Record<string, unknown> = {}): XeroContact {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const wire: Record<string, unknown> = { contactID: id, name: `Customer ${String(n).padStart(4, '0')}`, contactStatus: 'ACTIVE', isCustomer: true, ...fields };
  return wire as XeroContact;
}

export function xeroItem(n: number, fields: Record<string, unknown> = {}): XeroItem {
  const id = `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const wire: Record<string, unknown> = {
    itemID: id,
    code: `ITEM-${n}`,
    name: `Item ${n}`,
    salesDetails: { unitPrice: n + 0.5, accountCode: '200', taxType: 'OUTPUT2' },
    ...fields,
  };
  return wire as unknown as XeroItem; // test data in the SDK's shape, enums as the strings it carries at run time
}

export class FakeImportSource implements XeroImportSource {
  contacts: XeroContact[] = [];
  itemList: XeroItem[] = [];
  /** Pages (1-based) asked for, in order. */
  readonly pagesAsked: number[] = [];
  /** The next call for this page fails once, as Xero's maintenance 503 does. */
  failPage: number | null = null;

  async contactsPage(page: number): Promise<XeroContact[]> {
    this.pagesAsked.push(page);
    if (this.failPage === page) {
      this.failPage = null;
      throw new XeroApiError(
        'xero_failed',
        502,
        'Xero answered with an error (503: The Xero API is currently offline for maintenance). Please try again.',
        503,
        [],
        'The Xero API is currently offline for maintenance',
      );
    }
    return this.contacts.slice((page - 1) * 100, page * 100);
  }

  async items(): Promise<XeroItem[]> {
    if (this.failPage === 1) {
      this.failPage = null;
      throw new XeroApiError('xero_failed', 502, 'Xero answered with an error (500: An error occurred in Xero.). Please try again.', 500, [], {});
    }
    return this.itemList;
  }
}
