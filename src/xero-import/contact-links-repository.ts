/**
 * The Xero link of CRM contacts (contacts.xero_contact_id): finding contacts by their Xero id or by an
 * unlinked active name, and setting the link. Everything else about a contact is written through the
 * contacts capability's own repository.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { contactFromRow, nameKey, type Contact } from '../contacts/index.js';
import { dbTime, type DbRow } from '../db/row-values.js';

export function contactLinksRepository(tdb: TenantDb) {
  return {
    async byXeroIds(xeroContactIds: string[]): Promise<Map<string, Contact>> {
      if (xeroContactIds.length === 0) return new Map();
      const rows: DbRow[] = await tdb.from('contacts').whereIn('xero_contact_id', xeroContactIds);
      return new Map(rows.map(contactFromRow).map((c) => [c.xeroContactId ?? '', c]));
    },

    /** The active contact with this name (Xero's rule: case-insensitive), if any. */
    async activeByName(name: string): Promise<Contact | null> {
      const row: DbRow | undefined = await tdb.from('contacts').where('name_key', nameKey(name)).whereNull('archived_at').first();
      return row ? contactFromRow(row) : null;
    },

    async link(id: string, xeroContactId: string, now: Date): Promise<void> {
      await tdb.update('contacts', { id }, { xero_contact_id: xeroContactId, updated_at: dbTime(now) });
    },

    /** The import wrote the contact as Xero has it: "In Xero" until a change Xero would see is made here. */
    async importedAt(id: string, now: Date): Promise<void> {
      await tdb.update('contacts', { id }, { xero_imported_at: dbTime(now) });
    },
  };
}
